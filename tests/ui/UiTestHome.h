#pragma once

#include <QString>

namespace wharf::test {

/// Points HOME, XDG_DATA_HOME and XDG_CONFIG_HOME into `root` (made if missing), makes
/// `<root>/project` the current folder and drops DESTINATION__*, LOAD__* and CREDENTIALS__*
/// variables, so that no user configuration reaches a GUI test. Call in main(), before the
/// QApplication exists (QStandardPaths reads the variables once). Returns the canonical root,
/// or an empty string on failure.
QString isolateHome(const QString &root);

} // namespace wharf::test
