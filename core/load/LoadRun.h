#pragma once

#include <QDateTime>

#include "destination/Destination.h"
#include "load/CancelWatchdog.h"
#include "load/JobScheduler.h"
#include "load/JobWorker.h"
#include "load/LoadEvents.h"
#include "load/LoadOptions.h"
#include "load/LoadPlan.h"
#include "package/LoadMetrics.h"
#include "package/PackageLock.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <functional>
#include <memory>
#include <optional>

namespace wharf {

/// One job as the coordinator tracks it during a run.
struct JobRecord {
    JobFile file;
    JobState state = JobState::Ready;
    qint64 rows = 0;
    qint64 durationMs = 0;
    ErrorInfo error;
    QDateTime startedAt; ///< when it was last dispatched (load_metrics)
};

/// What observers are told about `r`.
JobEvent jobEventOf(const QString &loadId, const JobRecord &r);

/// The coordinator's side of one package load (spec 2.4): the steps of PackageLoader::load()
/// as methods over shared state - file moves, clients, events. What the package asks comes
/// from a LoadPlan and which job runs when from a JobScheduler, both free of I/O. Lives on the
/// coordinating thread only; single use. The steps are in LoadRun.cpp; riding out a lost server
/// and retries in LoadRunRecovery.cpp; what a completed table chain runs in LoadRunChains.cpp.
class LoadRun {
public:
    LoadRun(std::shared_ptr<const Destination> destination, ResolvedConfig config, LoadOptions options,
            LoadObserver *observer, CancelToken &cancel);

    ~LoadRun();

    PackageResult run(const QString &packageDir);

private:
    // Each step returns a result to finish with, or nullopt to go on.
    std::optional<PackageResult> openPackage(const QString &packageDir);
    std::optional<PackageResult> checkJobs();
    std::optional<PackageResult> migrateSchema();
    void prepareStaging(bool firstRun);
    void resumeStartedJobs();
    void failUnsupportedJobs();
    void runJobs();
    void capWorkersByServer();
    PackageResult complete();
    void recordMetrics(const JobRecord &r);
    void saveMetrics();
    void truncateStagingDataset();

    void dispatch();
    int indexOf(const JobRecord &r) const;
    void handleOutcome(const WorkOutcome &outcome);
    void requeueForRetry(JobRecord &r);
    void putBack(JobRecord &r);
    /// Puts `fresh` in `slot`, moving the watchdog's eye from the old client to the new one.
    void replaceClient(std::unique_ptr<JobClient> &slot, std::unique_ptr<JobClient> fresh);
    void waitForServer(JobRecord &r);
    /// Sleeps `ms`, throwing Error(Cancelled) as soon as the load is cancelled.
    void pause(qint64 ms);
    /// Runs `work` (which uses `client`), replacing the connection and backing off on
    /// transient errors until connection_outage_timeout_s; for the coordinator's own SQL,
    /// which is safe to repeat (DDL keyed by the schema hash, ledgered follow-ups, _dlt_loads
    /// written once).
    void onServer(JobClient &client, const char *what, const std::function<void()> &work);
    void finalize(JobRecord &r);
    /// When `r` completes the last job of its table chain, runs the destination's follow-up
    /// jobs for the chain (merge/replace materialisation; none for append) - spec 2.9/2.10.
    void runChainFollowUps(JobRecord &r);
    bool chainComplete(const QStringList &chain, const JobRecord &completing) const;
    /// A job of `chain` failed (in this run or an earlier one) and `wharf retry` may still load it.
    bool chainHasFailedJob(const QStringList &chain) const;
    // Indexes after rows (LoadRunChains.cpp, with the follow-up jobs).
    /// Asks both coordinators to create the tables this package loads without their UNIQUE
    /// constraints; before schema migration.
    void deferIndexes();
    /// Adds the constraints owed for `tables` (both datasets). False when one could not be
    /// added: the table's jobs are then failed and its rows removed (`current`, the job being
    /// finalised, included when it is one of them).
    bool buildIndexes(const QStringList &tables, JobRecord *current);
    /// The rows of a table this load created break its unique constraint: its jobs fail with
    /// `why`, then the table is emptied and given its constraints (files first, rows second:
    /// a crash in between leaves failed jobs whose rows a later run removes).
    void failDeferredTable(JobClient &client, const IndexBuildFailed &why, JobRecord *current);
    /// A short digest of the chain's job ids loaded so far (part of its follow-ups' ledger keys).
    QString loadedJobsDigest(const QStringList &chain) const;
    void stop(const ErrorInfo &why);
    void emitJob(const JobRecord &r);
    void reportProgress(bool force);
    PackageResult finish(PackageStatus status);
    PackageResult refuse(const ErrorInfo &why);

    std::shared_ptr<const Destination> m_destination;
    ResolvedConfig m_config;
    LoadOptions m_options;
    LoadObserver *m_observer;
    CancelToken &m_cancel;
    Capabilities m_caps;

    QElapsedTimer m_clock;
    PackageResult m_result;
    LoadPackage m_package;
    PackageLock m_lock; ///< held from open to finish: one loader per package
    Schema m_schema;
    QList<JobRecord> m_jobs;
    QList<PendingTransition> m_pending;
    LoadPlan m_plan;                           ///< what the package asks (pure)
    LoadMetrics m_metrics;                     ///< load_package_state.json load_metrics, as dlt keeps them
    std::unique_ptr<JobScheduler> m_scheduler; ///< which job runs when (pure)
    std::unique_ptr<JobClient> m_coordinator;
    QString m_stagingDataset;
    QString m_packageCreatedAt; ///< load_package_state.json created_at (scd2's default boundary)
    std::unique_ptr<JobClient> m_stagingCoordinator;

    bool m_neverStarted = false; ///< every job in new_jobs/ with retry count 0 at open
    int m_completed = 0;
    int m_failed = 0;
    bool m_abort = false;   ///< a job failed and raise_on_failed_jobs is set
    bool m_stopped = false; ///< no new jobs: retry limit or a file system problem
    ErrorInfo m_stopError;

    std::unique_ptr<LiveCounters> m_counters;
    std::unique_ptr<WorkerShared> m_shared;
    qint64 m_bytesTotal = 0;
    qint64 m_lastProgressMs = -1000;
    /// Cancels (then abandons) the coordinator's clients from its own thread. Declared last:
    /// destroyed first, before the clients it watches.
    std::unique_ptr<CancelWatchdog> m_watchdog;
};

} // namespace wharf
