#pragma once

#include "destination/Capabilities.h"
#include "schema/Schema.h"

#include <QString>

namespace wharf {

/// How the tables of a chain get their rows, as dlt decides it for a prepared root table
/// (dlt/common/destination/utils.py): the write disposition and, for merge and replace, the
/// strategy the destination will run.
struct WriteStrategy {
    WriteDisposition disposition = WriteDisposition::Append;
    /// merge: delete-insert / upsert / insert-only / scd2; replace: truncate-and-insert /
    /// insert-from-staging / staging-optimized; empty for append and skip.
    QString strategy;

    /// Rows go to the staging dataset first and a follow-up job moves them (every merge, and
    /// replace with insert-from-staging or staging-optimized).
    bool throughStaging() const;
    /// replace with truncate-and-insert: the final tables are emptied before the jobs run.
    bool truncatesFirst() const;
};

/// dlt's resolve_merge_strategy: the root's x-merge-strategy, else the destination's first
/// supported one; empty when the destination supports none (its merge rows load as they are).
/// Throws Error(Terminal) naming the table when the destination does not support the strategy
/// (dlt's DestinationCapabilitiesException).
QString resolveMergeStrategy(const Table &root, const Capabilities &caps);

/// dlt's resolve_replace_strategy: `configured` (destination.replace_strategy) or the
/// destination's first supported one. Throws Error(Config) when the destination does not
/// support `configured` (where dlt stops on an assertion).
QString resolveReplaceStrategy(const QString &configured, const Capabilities &caps);

/// The strategy of `table`'s chain (its root's disposition and strategy). Throws as above.
WriteStrategy resolveWriteStrategy(const Schema &schema, const QString &table, const Capabilities &caps,
                                   const QString &configuredReplaceStrategy);

} // namespace wharf
