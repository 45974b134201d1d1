#include "LogBus.h"

#include <QMutex>
#include <QStringList>
#include <QTime>
#include <atomic>

Q_LOGGING_CATEGORY(lcUi, "wharf.ui")

namespace wharf::ui {

namespace {

QtMessageHandler g_previous = nullptr;
std::atomic_bool g_installed{false};
QMutex g_installMutex;

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString category = context.category ? QString::fromLatin1(context.category) : QString();
    // Qt's own platform chatter (e.g. the offscreen plugin's propagateSizeHints notice) is not
    // about the user's load; it still reaches stderr through the previous handler.
    const bool platformNoise =
        category.startsWith(QLatin1String("qt.")) || message.contains(QLatin1String("propagateSizeHints"));
    if (platformNoise && type != QtCriticalMsg && type != QtFatalMsg) {
        if (g_previous)
            g_previous(type, context, message);
        return;
    }
    const auto lines = message.split(QLatin1Char('\n'));
    for (const auto &line : lines)
        emit LogBus::instance()->messageLogged(int(type), LogBus::formatLine(type, category, line));
    if (g_previous)
        g_previous(type, context, message);
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "DEBUG";
    case QtInfoMsg:
        return "INFO ";
    case QtWarningMsg:
        return "WARN ";
    case QtCriticalMsg:
        return "ERROR";
    case QtFatalMsg:
        break;
    }
    return "FATAL";
}

} // namespace

LogBus *LogBus::instance()
{
    // Never deleted: messages may still arrive from other threads while the app shuts down.
    static LogBus *bus = new LogBus;
    return bus;
}

void LogBus::installMessageHandler()
{
    QMutexLocker lock(&g_installMutex);
    if (g_installed)
        return;
    instance();
    g_previous = qInstallMessageHandler(handler);
    g_installed = true;
}

void LogBus::uninstallMessageHandler()
{
    QMutexLocker lock(&g_installMutex);
    if (!g_installed)
        return;
    qInstallMessageHandler(g_previous);
    g_previous = nullptr;
    g_installed = false;
}

QString LogBus::formatLine(QtMsgType type, const QString &category, const QString &text)
{
    const QString cat =
        category.isEmpty() || category == QLatin1String("default") ? QString() : category + QStringLiteral(": ");
    return QStringLiteral("%1 %2 %3%4")
        .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")), QLatin1String(levelName(type)), cat, text);
}

} // namespace wharf::ui
