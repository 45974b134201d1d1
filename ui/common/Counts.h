#pragma once

#include <QLocale>
#include <QString>

namespace wharf::ui {

/// "1 row", "2 rows", "1,234 rows": a count with its noun in the right number, as the window
/// writes them (no translations are loaded, so tr()'s %n plural forms would stay "row(s)").
inline QString countOf(qint64 n, const QString &one, const QString &many)
{
    return QLocale().toString(n) + QLatin1Char(' ') + (n == 1 ? one : many);
}

} // namespace wharf::ui
