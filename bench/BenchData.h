#pragma once

#include <QString>

#include <string>

namespace wharf::bench {

/// A small deterministic generator: the same seed gives the same rows on every run.
struct Gen {
    unsigned long long s = 0x9E3779B97F4A7C15ULL;
    unsigned long long next()
    {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
};

/// A `_dlt_id` as dlt's normalizer makes one (14 base64 characters of random bytes), from `g`.
std::string dltId(Gen &g);

/// Writes a dlt-shaped load package with one append table `bench_rows` of `rows` mixed-type
/// rows (bigint, text with quotes/commas/newlines/unicode, double, bool, timestamp, decimal,
/// json, nullable text) into `<root>/<load_id>/`, as `format` ("csv", "insert_values" or
/// "jsonl"), gzip-compressed when `gzip`. Deterministic for a given row count. Returns the
/// package root; `uncompressedBytes`, when given, receives the job file's size before gzip.
QString writePackage(const QString &root, qint64 rows, const QString &format, bool gzip,
                     qint64 *uncompressedBytes = nullptr);

/// The same rows as a plain CSV with a header (what `sqlite3 .import` and `psql \copy` read).
/// Returns its size in bytes.
qint64 writePlainCsv(const QString &path, qint64 rows);

/// SQLite DDL of the table, as Wharf creates it, for the `.import` side.
QString createTableSql();

/// PostgreSQL DDL of the table in `schema` (an unquoted lower-case name), as Wharf creates it
/// from the package's schema: the `\copy` side's target.
QString postgresCreateTableSql(const QString &schema);

} // namespace wharf::bench
