#pragma once

#include "destination/Destination.h"
#include "load/CancelWatchdog.h"
#include "load/JobWorker.h"
#include "load/LoadEvents.h"
#include "load/LoadOptions.h"
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
    qint64 notBeforeMs = 0;   ///< retry back-off
    bool dispatched = false;  ///< handed to a worker or finalised
    bool unsupported = false; ///< a format the destination cannot load
    ErrorInfo error;
};

/// The coordinator's side of one package load (spec 2.4): the steps of PackageLoader::load()
/// as methods over shared state. Lives on the coordinating thread only; single use.
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
    /// Chain tables of every root with `disposition` that has jobs (replace empties them, merge
    /// stages them).
    QStringList chainTables(WriteDisposition disposition) const;
    /// Root tables with jobs in this package whose disposition is `disposition`, sorted.
    QStringList rootsWith(WriteDisposition disposition) const;
    /// The chain of `root` as follow-ups see it: the tables that saw data or have jobs.
    QStringList seenChain(const QString &root) const;
    void prepareStaging();
    void resumeStartedJobs();
    void failUnsupportedJobs();
    void runJobs();
    PackageResult complete();

    int slotCount() const;
    void dispatch();
    bool anyUndispatched();
    int firstUndispatched();
    void undispatch(JobRecord &r);
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
    void runChainFollowUps(const JobRecord &r);
    bool chainComplete(const QStringList &chain, const JobRecord &completing) const;
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
    ParallelismStrategy m_strategy = ParallelismStrategy::Parallel;

    QElapsedTimer m_clock;
    PackageResult m_result;
    LoadPackage m_package;
    PackageLock m_lock; ///< held from open to finish: one loader per package
    Schema m_schema;
    QList<JobRecord> m_jobs;
    QList<PendingTransition> m_pending;
    QSet<QString> m_tablesWithJobs;
    std::unique_ptr<JobClient> m_coordinator;
    QSet<QString> m_staged; ///< tables with jobs that load into the staging dataset (merge)
    QString m_stagingDataset;
    std::unique_ptr<JobClient> m_stagingCoordinator;

    bool m_neverStarted = false; ///< every job in new_jobs/ with retry count 0 at open
    int m_completed = 0;
    int m_failed = 0;
    bool m_abort = false;   ///< a job failed and raise_on_failed_jobs is set
    bool m_stopped = false; ///< no new jobs: retry limit or a file system problem
    ErrorInfo m_stopError;

    std::unique_ptr<LiveCounters> m_counters;
    std::unique_ptr<WorkerShared> m_shared;
    int m_slots = 1;
    int m_running = 0;
    QSet<QString> m_runningTables;
    qint64 m_bytesTotal = 0;
    qsizetype m_firstUndispatched = 0;  ///< every job before it is dispatched
    QHash<QString, int> m_openPerTable; ///< jobs not yet in completed_jobs/ or failed_jobs/
    qint64 m_lastProgressMs = -1000;
    QElapsedTimer m_outage; ///< since the destination stopped answering (invalid: it answers)
    int m_outageAttempts = 0;
    qint64 m_pauseUntilMs = 0; ///< no dispatch before (back-off while the destination is away)
    /// Cancels (then abandons) the coordinator's clients from its own thread. Declared last:
    /// destroyed first, before the clients it watches.
    std::unique_ptr<CancelWatchdog> m_watchdog;
};

} // namespace wharf
