#pragma once

#include "browse/DatasetBrowser.h"
#include "formats/RowReader.h"

#include <functional>

namespace wharf {

/// Where and how exportAsPackage() writes.
struct PackageExportOptions {
    QString parentDir;    ///< the package goes to `<parentDir>/<pipeline>/<load id>/`
    QString pipelineName; ///< names the folder and the schema; default: the table's name
    QString datasetName;  ///< the package's default dataset (pipeline_state.json); default: the pipeline's
    QString tableName;    ///< the table in the package; default: the request's table
    FileFormat format = FileFormat::InsertValues; ///< InsertValues or Csv
    int pageRows = 5000;
};

/// Writes every row of `request` (a table, a filtered view, a console query) as a dlt load
/// package that Wharf, or dlt's load step, can load elsewhere: one job file of
/// `options.format` in new_jobs/, schema.json with the table's columns and dlt types
/// (`columns`: their dltType, else the database type's kind, else what the values are),
/// schema_updates.json, load_package_state.json, and pipeline_state.json beside the package.
/// `_dlt_load_id` takes the new package's load id; `_dlt_id` is kept. Page by page, so memory
/// stays flat; written under a temporary name and renamed when whole, so a failed or cancelled
/// export leaves nothing. `progress` gets the rows written so far (false stops it with
/// Error(Cancelled)). Returns the package folder. Throws Error (Config for a name dlt could
/// not use, Internal when a file cannot be written, and the browser's errors).
QString exportAsPackage(DatasetBrowser &browser, PageRequest request, QList<BrowserColumn> columns,
                        const PackageExportOptions &options, const std::function<bool(qint64 rows)> &progress = {});

/// The dlt literal of a cell of a column of dlt type `dltType` in an insert_values file: NULL,
/// TRUE/FALSE (also for a bool column a database returns as 0/1), numbers as written, text as
/// E'…' (quotes doubled; backslash, newline and carriage return escaped; a number in a text
/// column too), bytes as '\x…' hex, times as ISO 8601 in UTC.
QByteArray insertValuesLiteral(const QVariant &value, const QString &dltType = {});

} // namespace wharf
