#pragma once

// Python's repr() of the values Python's sqlite3 module returns (None, int, float, str, bytes)
// and of a tuple of them: what dlt-kit's compare_sqlite.py hashes to checksum a table, so that a
// C++ test can compare Wharf's SQLite result with dlt's sqlite_state.json row for row.
#include <QByteArray>
#include <QString>
#include <string>
#include <vector>

namespace wharf::test {

std::string pythonStrRepr(const QString &text);
std::string pythonBytesRepr(const QByteArray &bytes);
/// `(a, b)`, `(a,)` for one item, `()` for none.
std::string pythonTupleRepr(const std::vector<std::string> &items);

} // namespace wharf::test
