#pragma once

// The real-shape case of the PostgreSQL benchmark: one wide table as dlt's normalizer leaves a
// GitHub issue (22 columns: ids, short and long text, flattened `user__*` and `reactions__*`
// fields, three timestamps, booleans, a double, a decimal, a json column, and dlt's
// `_dlt_load_id` and random `_dlt_id` with its UNIQUE hint), written as dlt writes a package:
// insert_values, gzip-compressed, in one or many jobs.
#include <QString>
#include <QStringList>

namespace wharf::bench {

/// The table's name in the package and the database.
inline QString wideTableName()
{
    return QStringLiteral("issues");
}

/// Writes `<root>/<loadId>/` with `rows` rows of the table split evenly over `jobs` job files
/// (`issues.<n>.0.insert_values.gz`), the package's schema and a pipeline state. The rows are
/// the same for any `jobs` (a deterministic generator). Returns the uncompressed bytes.
qint64 writeWidePackage(const QString &root, qint64 rows, int jobs, const QString &loadId);

/// The same rows (with `loadId` in `_dlt_load_id`) as a plain CSV with a header, NULL as an
/// empty field: what `\copy` reads. Returns its size in bytes.
qint64 writeWideCsv(const QString &path, qint64 rows, const QString &loadId);

/// The columns the CSV may leave empty for NULL (COPY's FORCE_NULL list, as dlt passes it).
QStringList wideNullableColumns();

/// A SELECT of one text line that differs when any loaded value differs (counts, NULL counts,
/// sums of numbers and timestamps, hashes of text and json) for the table in `schema`.
QString wideFingerprintSql(const QString &schema);

} // namespace wharf::bench
