#include "browse/DatasetBrowser.h"

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

} // namespace wharf
