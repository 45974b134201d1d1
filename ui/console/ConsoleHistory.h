#pragma once

#include <QString>
#include <QStringList>

namespace wharf::ui {

/// The statements run in the SQL console, per destination, newest first (QSettings; the last
/// kMax, each once).
namespace consolehistory {

constexpr int kMax = 50;

QStringList statements(const QString &destination);
/// Puts `sql` first in `destination`'s history (moving it up when it was there).
void remember(const QString &destination, const QString &sql);

} // namespace consolehistory
} // namespace wharf::ui
