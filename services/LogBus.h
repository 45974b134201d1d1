#pragma once

#include <QLoggingCategory>
#include <QObject>
#include <QString>

/// The GUI's own messages (wharf.ui): load summaries, start/stop, errors shown to the user.
Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace wharf::ui {

/// Carries Qt log messages (qDebug/qCInfo/qWarning from any thread) to the GUI. The app installs
/// it once with installMessageHandler(); widgets connect to messageLogged with a queued
/// connection, since the signal is emitted on whichever thread logged.
class LogBus : public QObject {
    Q_OBJECT
public:
    /// The process-wide bus; created on first use, lives until the process ends.
    static LogBus *instance();

    /// Installs a Qt message handler that emits messageLogged and then calls the handler
    /// that was installed before (stderr, or QtTest's). Idempotent.
    static void installMessageHandler();
    /// Restores the previous handler (for tests).
    static void uninstallMessageHandler();

    /// "12:03:04.567 INFO  wharf.load: text": how the log dock shows one line.
    static QString formatLine(QtMsgType type, const QString &category, const QString &text);

signals:
    /// One formatted line per line of the message.
    void messageLogged(int type, const QString &line);

private:
    using QObject::QObject;
};

} // namespace wharf::ui
