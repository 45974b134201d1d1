#pragma once

#include "config/ConfigResolver.h"
#include "destination/Destination.h"
#include "destination/WriteStrategy.h"
#include "load/LoadOptions.h"
#include "package/LoadPackage.h"

#include <QList>
#include <QStringList>

namespace wharf {

/// One table chain of a package as the load would treat it.
struct ChainPreview {
    QString root;
    QStringList tables; ///< the chain as the follow-up sees it (root first)
    WriteStrategy write;
    bool staged = false;    ///< its jobs load into the staging dataset first
    QStringList statements; ///< the follow-up SQL, run in one transaction once the chain's jobs are done
    QStringList primaryKey; ///< the root table's primary key columns (merge deduplicates on them)
    QStringList mergeKey;   ///< the root table's merge key columns
};

/// The job files of one table that are still to load.
struct TableJobsPreview {
    QString table;
    int files = 0;
    qint64 bytes = 0;
    QStringList formats; ///< each once ("insert_values", "csv", ...)
};

/// What loading a package would do, worked out without connecting to the destination
/// (`wharf info --sql`): refusals, what refresh drops, what is emptied first, and per table
/// chain its strategy and follow-up SQL.
struct LoadPreview {
    QString dataset;
    QString stagingDataset;
    QStringList refusals;
    QStringList dropped;
    QStringList truncated;
    QStringList stagingTruncated;
    QList<ChainPreview> chains;
    QList<TableJobsPreview> jobs; ///< per table, in job order
    /// The tables schema migration creates or alters (LoadPlan::migratedTables).
    QStringList migratedTables;
    /// Filled by compareWithDestination(): what schema migration would change in the dataset
    /// as it is now, or why that is not known.
    SchemaSyncPreview destinationNow;
    QString destinationError;

    /// Throws Error (a broken schema, a merge that cannot run: as the load would refuse).
    static LoadPreview of(const LoadPackage &package, const Destination &destination, ResolvedConfig config,
                          const LoadOptions &options);
    /// Connects to the destination and asks what schema migration would change now (new
    /// tables, added columns, their DDL); fills destinationNow, or destinationError when the
    /// destination cannot be reached. Never throws; changes nothing in the destination.
    void compareWithDestination(const LoadPackage &package, const Destination &destination, ResolvedConfig config);
};

} // namespace wharf
