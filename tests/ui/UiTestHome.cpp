#include "UiTestHome.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>

namespace wharf::test {

QString isolateHome(const QString &root)
{
    const QString canonical = QFileInfo(root).canonicalFilePath();
    if (canonical.isEmpty())
        return {};
    for (const char *sub : {"data", "config", "project"})
        if (!QDir(canonical).mkpath(QLatin1String(sub)))
            return {};
    qputenv("HOME", canonical.toUtf8());
    qputenv("XDG_DATA_HOME", (canonical + QStringLiteral("/data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", (canonical + QStringLiteral("/config")).toUtf8());
    for (const QString &name : QProcessEnvironment::systemEnvironment().keys())
        if (name.startsWith(QLatin1String("DESTINATION__")) || name.startsWith(QLatin1String("CREDENTIALS__")) ||
            name.startsWith(QLatin1String("LOAD__")) || name.startsWith(QLatin1String("DATASET_NAME")))
            qunsetenv(name.toUtf8().constData());
    QStandardPaths::setTestModeEnabled(false);
    QDir::setCurrent(canonical + QStringLiteral("/project"));
    return canonical;
}

} // namespace wharf::test
