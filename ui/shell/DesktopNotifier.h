#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace wharf::ui {

struct QueueSummary;

/// Tells the user, outside the window, that a long load queue ended: a message from the
/// system tray where the desktop has one, else the window asks for attention (its taskbar
/// entry flashes). Quiet while the user looks at the window, and for short single loads.
class DesktopNotifier : public QObject {
    Q_OBJECT
public:
    explicit DesktopNotifier(QWidget *window);

    /// A queue of several packages, or one that ran at least this long, is worth a notification.
    static constexpr qint64 kLongQueueMs = 20000;
    /// Whether `summary` is worth telling a user who is (or is not) looking at the window.
    static bool worthTelling(const QueueSummary &summary, bool windowActive);

    /// Tells of `summary` if worthTelling() with the window's state now; returns whether it did.
    bool queueFinished(const QueueSummary &summary);

signals:
    /// A notification went out (tray message or attention request), for tests and the log.
    void notified(const QString &title, const QString &text);

private:
    QWidget *m_window;
    QPointer<QSystemTrayIcon> m_tray;
};

} // namespace wharf::ui
