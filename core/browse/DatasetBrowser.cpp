#include "browse/DatasetBrowser.h"

#include "Error.h"

namespace wharf {

QString BrowserColumn::describe() const
{
    QString text = name + QStringLiteral(": ") + dbType;
    if (!dltType.isEmpty())
        text += QStringLiteral(" (") + dltType + QLatin1Char(')');
    if (!nullable)
        text += QStringLiteral(" not null");
    return text;
}

QString BrowserTable::rowsText(const QLocale &locale) const
{
    if (rows < 0)
        return QStringLiteral("?");
    const QString number = locale.toString(rows);
    return rowsExact ? number : QStringLiteral("≈") + number;
}

const BrowserColumn *BrowserTable::column(const QString &name) const
{
    for (const auto &c : columns)
        if (c.name == name)
            return &c;
    return nullptr;
}

namespace {
[[noreturn]] void noHistory()
{
    throw Error(ErrorKind::Config, QStringLiteral("this destination does not keep a load history that Wharf can read"));
}
} // namespace

BrowserPage DatasetBrowser::runStatement(const QString &, const QString &, bool, int)
{
    throw Error(ErrorKind::Config, QStringLiteral("this destination cannot run SQL typed in the console"));
}

QList<QByteArray> DatasetBrowser::storedSchemas(const QString &)
{
    return {};
}

QList<BrowserLoad> DatasetBrowser::listLoads(const QString &)
{
    noHistory();
}

QList<LoadTableRows> DatasetBrowser::countLoadRows(const QString &, const QString &)
{
    noHistory();
}

QList<LoadTableRows> DatasetBrowser::deleteLoadRows(const QString &, const QString &)
{
    noHistory();
}

} // namespace wharf
