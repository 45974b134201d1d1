#pragma once

// What the real dlt left after loading the dlt-kit packages of tests/dlt/dlt_cases.py
// (tests/data/dlt): the packages' package_info.json and the row counts per table.
#include <QJsonObject>
#include <QString>

namespace wharf::test {

/// A JSON file's object (empty when missing or not an object).
QJsonObject readJsonObject(const QString &path);
/// tests/data/dlt/packages/<package>/package_info.json: dataset_name, packages_in_order, load_env.
QJsonObject dltPackageInfo(const QString &package);
/// Rows per "dataset.table" after `package`, as dlt left them: counts.json of a PostgreSQL case,
/// or the per-file table states of a SQLite one (`dataset` and `<dataset>_staging`).
QJsonObject dltExpectedCounts(const QString &package, const QString &dataset);
/// The load-id folder inside a copied package folder (the one holding schema.json).
QString loadIdFolder(const QString &packageRoot);

} // namespace wharf::test
