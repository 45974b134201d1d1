#include "shell/DesktopNotifier.h"

#include "LoadQueue.h"
#include "load/QueueModel.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QWidget>

namespace wharf::ui {

namespace {
constexpr int kTrayMessageMs = 10000;
}

DesktopNotifier::DesktopNotifier(QWidget *window)
    : QObject(window)
    , m_window(window)
{}

bool DesktopNotifier::worthTelling(const QueueSummary &summary, bool windowActive)
{
    if (windowActive)
        return false; // the window says it already
    return summary.packages > 1 || summary.elapsedMs >= kLongQueueMs;
}

bool DesktopNotifier::queueFinished(const QueueSummary &summary)
{
    const bool active = m_window->isActiveWindow() && !m_window->isMinimized();
    if (!worthTelling(summary, active))
        return false;
    const bool failed = summary.notLoaded > 0 || !summary.stoppedBy.isEmpty();
    const QString title = summary.cancelled ? tr("Wharf: queue cancelled")
                          : failed          ? tr("Wharf: queue stopped or not all loaded")
                                            : tr("Wharf: queue loaded");
    const QString text = queueSummaryText(summary);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
            m_tray->setToolTip(tr("Wharf"));
            connect(m_tray, &QSystemTrayIcon::messageClicked, m_window, [this] {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            });
        }
        m_tray->show();
        m_tray->showMessage(title, text, failed ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information,
                            kTrayMessageMs);
        // The icon is there for the message only; the window stays the place to look.
        QTimer::singleShot(kTrayMessageMs + 1000, m_tray, [tray = m_tray] {
            if (tray)
                tray->hide();
        });
    } else {
        QApplication::alert(m_window); // the taskbar entry asks for attention
    }
    emit notified(title, text);
    return true;
}

} // namespace wharf::ui
