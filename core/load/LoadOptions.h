#pragma once

#include "destination/Capabilities.h"
#include "load/RetryPolicy.h"

#include <QString>
#include <optional>

namespace wharf {

class ConfigResolver;

/// The `[load]` settings dlt users know (spec 2.2), plus the dataset to load into.
struct LoadOptions {
    QString datasetName;                                    ///< empty = the package's default (pipeline dataset_name)
    int workers = 20;                                       ///< load.workers
    std::optional<ParallelismStrategy> parallelismStrategy; ///< load.parallelism_strategy
    bool raiseOnFailedJobs = true; ///< load.raise_on_failed_jobs: a failed job aborts the package
    int raiseOnMaxRetries = 5;     ///< load.raise_on_max_retries: stop at multiples of this (0 = never)
    RetryPolicy retry;             ///< back-off before re-running a job, and the outage budget
    /// destination[.<name>].replace_strategy; empty = the destination's default (its first
    /// supported strategy, as dlt resolves it).
    QString replaceStrategy;
    /// load.truncate_staging_dataset: empty the staging tables once the package is loaded.
    bool truncateStagingDataset = false;
    /// Not a setting but a request (the UI's Retry failed jobs): before loading, move the
    /// failed jobs of the package back to new_jobs/ (packageactions::requeueFailedJobs), on the
    /// loader's coordinating thread like every other rename.
    bool retryFailedJobs = false;

    /// Reads the `[load]` section through `resolver`. Throws Error(Config) on bad values.
    /// `destinationName` also selects `destination.<name>.replace_strategy`.
    static LoadOptions fromConfig(const ConfigResolver &resolver, const QString &destinationName = {});
};

} // namespace wharf
