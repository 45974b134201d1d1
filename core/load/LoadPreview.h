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

    /// Throws Error (a broken schema, a merge that cannot run: as the load would refuse).
    static LoadPreview of(const LoadPackage &package, const Destination &destination, ResolvedConfig config,
                          const LoadOptions &options);
};

} // namespace wharf
