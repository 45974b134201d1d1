#pragma once

#include "schema/Schema.h"
#include "sql/SqlClient.h"

#include <QStringList>

namespace wharf {

/// dlt's replace follow-up from the staging dataset (spec 8.1) for `chain` (root first):
/// `insert-from-staging` empties each final table and copies its staged rows, in the follow-up's
/// one transaction; `staging-optimized` swaps the staging tables in where the destination can
/// (SqlClient::swapInStagingTableSql) and falls back to the former where it cannot.
QStringList replaceFromStagingSql(const Schema &schema, const QStringList &chain, const SqlClient &client,
                                  const QString &stagingDataset, bool optimized);

} // namespace wharf
