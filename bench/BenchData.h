#pragma once

#include <QString>

namespace wharf::bench {

/// Writes a dlt-shaped load package with one append table `bench_rows` of `rows` mixed-type
/// rows (bigint, text with quotes/commas/newlines/unicode, double, bool, timestamp, decimal,
/// json, nullable text) into `<root>/<load_id>/`, as `format` ("csv" or "insert_values"),
/// gzip-compressed when `gzip`. Deterministic for a given row count. Returns the package root.
QString writePackage(const QString &root, qint64 rows, const QString &format, bool gzip);

/// The same rows as a plain CSV with a header (what `sqlite3 .import` reads).
void writePlainCsv(const QString &path, qint64 rows);

/// SQLite DDL of the table, as Wharf creates it, for the `.import` side.
QString createTableSql();

} // namespace wharf::bench
