#pragma once

#include "schema/Schema.h"
#include "sql/SqlClient.h"

#include <QStringList>

namespace wharf {

/// The staging dataset of `dataset` (dlt's default layout `%s_staging`, spec 6.6).
QString stagingDatasetName(const QString &dataset);

/// dlt's `delete-insert` merge for one table chain (spec 8.2): delete the destination rows whose
/// primary/merge keys appear in staging (with their nested rows), then insert the staged rows,
/// deduplicated by primary key. `chain` is the root followed by its nested tables (ancestry
/// order); `tempSuffix` makes the temporary table names unique. Throws Error(Terminal)
/// (dlt's MergeDispositionException) when a row key or root key is missing.
QStringList deleteInsertMergeSql(const Schema &schema, const QStringList &chain, const SqlClient &client,
                                 const QString &stagingDataset, const QString &tempSuffix);

/// The keys deleteInsertMergeSql() will need for `chain`, checked before anything is loaded:
/// throws the same Error(Terminal) it would throw (a missing row key or root key), naming the
/// table, so that a package that cannot be merged is refused before any DDL.
void checkMergeChain(const Schema &schema, const QStringList &chain);

/// Temporary tables the statements above create (to drop them afterwards).
QStringList mergeTempTables(const QString &rootTable, const QString &tempSuffix);

} // namespace wharf
