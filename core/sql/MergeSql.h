#pragma once

#include "schema/Schema.h"
#include "sql/SqlClient.h"

#include <QDateTime>
#include <QStringList>

namespace wharf {

/// The staging dataset of `dataset` (dlt's default layout `%s_staging`, spec 6.6).
QString stagingDatasetName(const QString &dataset);

// dlt's merge follow-ups (spec 8.2-8.4), one function per strategy. `chain` is the root
// followed by its nested tables (ancestry order), the tables that saw data. Each throws
// Error(Terminal) (dlt's MergeDispositionException) when a key it needs is missing.

/// `delete-insert`: delete the destination rows whose primary/merge keys appear in staging
/// (with their nested rows), then insert the staged rows, deduplicated by primary key unless
/// the root says its staged data is deduplicated. `tempSuffix` makes temporary table names unique.
QStringList deleteInsertMergeSql(const Schema &schema, const QStringList &chain, const SqlClient &client,
                                 const QString &stagingDataset, const QString &tempSuffix);

/// `upsert` (insert or update by primary key, delete hard-deleted rows, replace nested lists)
/// and `insert-only` (insert the keys that are not there yet, never update): SQL MERGE.
QStringList upsertMergeSql(const Schema &schema, const QStringList &chain, const SqlClient &client,
                           const QString &stagingDataset, bool insertOnly);

/// `scd2`: retire active rows whose version is absent from staging (within the staged merge
/// keys, when the root has merge keys) and insert new versions as active from `boundary`
/// (the root's x-boundary-timestamp, else `packageCreatedAt`). Nested tables are insert-only.
QStringList scd2MergeSql(const Schema &schema, const QStringList &chain, const SqlClient &client,
                         const QString &stagingDataset, const QString &packageCreatedAt);

/// The keys the merge of `chain` with `strategy` will need, checked before anything is loaded:
/// throws the Error(Terminal) it would throw, naming the table, so that a package that cannot
/// be merged is refused before any DDL.
void checkMergeChain(const Schema &schema, const QStringList &chain, const QString &strategy);

/// Temporary tables the delete-insert statements create (to drop them afterwards).
QStringList mergeTempTables(const QString &rootTable, const QString &tempSuffix);

/// dlt's datetime literal (format_datetime_literal): `'YYYY-MM-DD HH:MM:SS.ffffff+00:00'` in
/// UTC, the fraction cut to `precision` digits. Throws Error(Terminal) for a value that is not
/// an ISO-8601 date or date-time.
QString datetimeLiteral(const SqlClient &client, const QString &iso, int precision);

} // namespace wharf
