#include "console/ConsoleHistory.h"

#include <QSettings>

namespace wharf::ui::consolehistory {

namespace {
QString key(const QString &destination)
{
    // Destination names are plain words, but a '/' would make a settings group of it.
    return QStringLiteral("console/history/") + QString(destination).replace(QLatin1Char('/'), QLatin1Char('_'));
}
} // namespace

QStringList statements(const QString &destination)
{
    return QSettings().value(key(destination)).toStringList();
}

void remember(const QString &destination, const QString &sql)
{
    const QString text = sql.trimmed();
    if (text.isEmpty())
        return;
    QStringList all = statements(destination);
    all.removeAll(text);
    all.prepend(text);
    while (all.size() > kMax)
        all.removeLast();
    QSettings().setValue(key(destination), all);
}

} // namespace wharf::ui::consolehistory
