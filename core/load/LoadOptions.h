#pragma once

#include "destination/Capabilities.h"
#include "load/RetryPolicy.h"

#include <QString>
#include <optional>

namespace wharf {

class ConfigResolver;

/// The `[load]` settings dlt users know (spec 2.2), plus the dataset to load into.
struct LoadOptions {
    QString datasetName; ///< empty = the package's default (pipeline dataset_name)
    /// load.workers. Unset, two per core, at most dlt's 20: on 2 cores more jobs at once only
    /// add server contention and memory (docs/BENCHMARKS.md). The server's free connections cap
    /// it further at run time (JobClient::freeConnections).
    int workers = automaticWorkers();
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

    /// Two jobs per core of this machine, between 2 and 20.
    static int automaticWorkers();

    /// Reads the `[load]` section through `resolver`. Throws Error(Config) on bad values.
    /// `destinationName` also selects `destination.<name>.replace_strategy`.
    static LoadOptions fromConfig(const ConfigResolver &resolver, const QString &destinationName = {});
};

} // namespace wharf
