#pragma once

#include <QString>
#include <QTemporaryDir>

namespace wharf::test {

/// tests/data in the source tree (from the WHARF_TEST_DATA environment variable set by CTest).
QString dataDir();
/// Path of a file or folder under tests/data.
QString dataPath(const QString &relative);
/// Copies a folder recursively (used to give each test its own copy of a package, since
/// loading moves job files).
bool copyTree(const QString &from, const QString &to);

} // namespace wharf::test
