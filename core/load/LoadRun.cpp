#include "load/LoadRun.h"

#include "load/CancelWatchdog.h"
#include "load/CrashPoint.h"
#include "load/LogCategories.h"
#include "load/PackageJobs.h"
#include "load/PackageLoader.h"
#include "package/PackageActions.h"
#include "schema/SchemaVerifier.h"
#include "sql/MergeSql.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace wharf {

namespace {

// How long running jobs get to stop after Cancel before their connections are dropped.
constexpr qint64 kAbandonAfterCancelMs = 1500;

ErrorInfo terminal(const QString &message, const QString &file)
{
    ErrorInfo e;
    e.kind = ErrorKind::Terminal;
    e.message = message;
    e.location.file = file;
    return e;
}

} // namespace

JobEvent jobEventOf(const QString &loadId, const JobRecord &r)
{
    JobEvent e;
    e.loadId = loadId;
    e.jobId = r.file.name.jobId();
    e.fileName = r.file.name.fileName();
    e.filePath = r.file.path;
    e.table = r.file.name.table;
    e.format = r.file.name.formatName;
    e.size = r.file.size;
    e.state = r.state;
    e.retryCount = r.file.name.retryCount;
    e.rows = r.rows;
    e.durationMs = r.durationMs;
    e.error = r.error;
    return e;
}

LoadRun::LoadRun(std::shared_ptr<const Destination> destination, ResolvedConfig config, LoadOptions options,
                 LoadObserver *observer, CancelToken &cancel)
    : m_destination(std::move(destination))
    , m_config(std::move(config))
    , m_options(std::move(options))
    , m_observer(observer)
    , m_cancel(cancel)
    , m_caps(m_destination->capabilities())
    , m_watchdog(std::make_unique<CancelWatchdog>(cancel, kAbandonAfterCancelMs))
{}

LoadRun::~LoadRun()
{
    // The watchdog must not reach for a client being destroyed.
    m_watchdog.reset();
}

void LoadRun::replaceClient(std::unique_ptr<JobClient> &slot, std::unique_ptr<JobClient> fresh)
{
    if (slot)
        m_watchdog->unwatch(slot.get());
    slot = std::move(fresh);
    m_watchdog->watch(slot.get());
}

PackageResult LoadRun::run(const QString &packageDir)
{
    m_clock.start();
    m_result.packageDir = packageDir;
    if (auto r = openPackage(packageDir))
        return *r;
    if (auto r = checkJobs())
        return *r;
    if (auto r = migrateSchema())
        return *r;
    resumeStartedJobs();
    failUnsupportedJobs();
    runJobs();
    return complete();
}

PackageResult LoadRun::finish(PackageStatus status)
{
    saveMetrics();
    m_result.status = status;
    m_result.elapsedMs = m_clock.elapsed();
    m_result.jobsCompleted = m_completed;
    m_lock.setPackageDir(m_package.dir().isEmpty() ? m_result.packageDir : m_package.dir());
    m_lock.release();
    if (m_observer)
        m_observer->packageFinished(m_result);
    return m_result;
}

PackageResult LoadRun::refuse(const ErrorInfo &why)
{
    m_result.error = why;
    qCWarning(lcLoad).noquote() << "package refused:" << why.fullText();
    return finish(PackageStatus::Refused);
}

// 1. Open the package and read everything we need before touching the destination.
std::optional<PackageResult> LoadRun::openPackage(const QString &packageDir)
{
    try {
        m_package = LoadPackage::open(packageDir);
        // Before any state is read: it must not change under us (issue 9).
        m_lock = PackageLock::acquire(packageDir);
        m_result.loadId = m_package.loadId();
        if (m_options.retryFailedJobs && m_package.isCompleted() &&
            m_package.completionState() == QLatin1String("aborted")) {
            // `wharf retry` / the window's Retry take an aborted package back (dlt never does):
            // the job ledger keeps what its completed jobs loaded from being loaded twice.
            m_result.packageDir = packageactions::reopenAborted(m_package);
            qCInfo(lcLoad).noquote() << "reopened aborted package" << m_result.loadId << "in" << m_result.packageDir;
        }
        if (m_package.isCompleted())
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("package %1 is already %2").arg(m_package.loadId(), m_package.completionState()),
                        SourceLocation{packageDir, 0, 0, {}});
        m_schema = m_package.loadSchema();
        m_result.schemaName = m_schema.name;
        m_metrics.restore(m_package.packageState());
        // dlt's adjust_capabilities: a case-sensitive naming convention keeps identifiers as
        // the schema spells them where the destination can (PostgreSQL: "MyTable", not mytable).
        m_config.caseSensitiveNaming = m_schema.hasCaseSensitiveNaming();
        m_caps = m_destination->effectiveCapabilities(m_config);
        m_result.datasetName = m_options.datasetName.isEmpty() ? m_package.defaultDatasetName() : m_options.datasetName;
        if (m_options.retryFailedJobs) {
            const auto requeued = packageactions::requeueFailedJobs(m_package);
            qCInfo(lcLoad).noquote() << "retrying" << requeued.size() << "failed job(s) of package" << m_result.loadId;
        }
        m_pending = m_package.pendingTransitions();
        const QList<JobFile> started = m_package.jobs(JobFolder::Started);
        const QList<JobFile> fresh = m_package.jobs(JobFolder::New);
        const QList<JobFile> completed = m_package.jobs(JobFolder::Completed);
        const QList<JobFile> failed = m_package.jobs(JobFolder::Failed);
        for (const auto *folder : {&started, &fresh}) {
            for (const auto &f : *folder) {
                JobRecord r;
                r.file = f;
                m_jobs.append(r);
            }
        }
        m_completed = int(completed.size());
        m_failed = int(failed.size());
        // schema_updates.json goes before the first job of a package runs (migrateSchema).
        m_neverStarted =
            m_package.needsSchemaMigration() && started.isEmpty() && completed.isEmpty() && failed.isEmpty() &&
            std::all_of(fresh.cbegin(), fresh.cend(), [](const JobFile &f) { return f.name.retryCount == 0; });
        // A job that failed in an earlier run (interrupted before the package was completed) is
        // as failed as one failing now: the package can never end LOADED without it (issue 9).
        const QList<JobEvent> failedBefore = jobEventsFor(m_package, failed);
        m_result.failedJobs.append(failedBefore);
        if (m_failed > 0 && m_options.raiseOnFailedJobs)
            m_abort = true;
        m_result.jobsTotal = int(m_jobs.size()) + m_completed + m_failed;
        if (m_observer)
            m_observer->jobsListed(jobEventsFor(m_package, fresh + started + completed + failed));
    } catch (const Error &e) {
        return refuse(ErrorInfo::from(e));
    }
    for (const auto &r : std::as_const(m_jobs))
        m_bytesTotal += r.file.size;
    // Totals right away, so that a progress bar is not left waiting for the first job.
    reportProgress(true);
    return std::nullopt;
}

// A job in a format the destination cannot load fails on its own (dlt creates a synthetic
// failed job for it). A table whose write disposition this loader cannot materialise refuses
// the whole package before anything is touched; so does a schema the destination cannot hold.
std::optional<PackageResult> LoadRun::checkJobs()
{
    QList<JobFileName> names;
    QStringList tables;
    for (const JobRecord &r : std::as_const(m_jobs)) {
        names.append(r.file.name);
        tables.append(r.file.name.table);
    }
    const QJsonObject state = m_package.packageState();
    m_packageCreatedAt = m_package.createdAt();
    m_plan = LoadPlan(m_schema, m_caps, m_options, names, RefreshRequest::fromPackageState(state));
    JobScheduler::Settings settings;
    settings.workers = m_options.workers;
    settings.strategy = m_options.parallelismStrategy.value_or(m_caps.parallelismStrategy);
    settings.maxParallelLoadJobs = m_caps.maxParallelLoadJobs;
    settings.raiseOnMaxRetries = m_options.raiseOnMaxRetries;
    settings.retry = m_options.retry;
    m_scheduler = std::make_unique<JobScheduler>(tables, settings);
    if (!m_plan.refusals().isEmpty())
        return refuse(terminal(QStringLiteral("the %1 destination cannot load the table chains %2. Nothing was "
                                              "loaded.")
                                   .arg(m_destination->type(), m_plan.refusals().join(QStringLiteral("; "))),
                               m_package.dir()));
    try {
        m_plan.verify();
    } catch (const Error &e) {
        ErrorInfo why = ErrorInfo::from(e);
        why.location.file = m_package.schemaPath();
        return refuse(why);
    }
    return std::nullopt;
}

// 2. Migrate the destination schema: dlt tables plus the tables with jobs that saw data (spec 2.5).
std::optional<PackageResult> LoadRun::migrateSchema()
{
    const QStringList tables = m_plan.migratedTables();
    try {
        m_cancel.check();
        replaceClient(m_coordinator, m_destination->createClient(m_config, m_result.datasetName));
        const bool firstRun = m_package.needsSchemaMigration();
        SchemaSyncResult sync;
        onServer(*m_coordinator, "preparing the dataset", [&] {
            m_coordinator->prepareLedger();
            // No job of this package folder ever started: whatever the ledger holds for its
            // load id came from another copy of the package and must not pass its jobs as loaded.
            if (m_neverStarted)
                m_coordinator->forgetLoad(m_result.loadId);
            // refresh: what the package drops goes first, with the stored schema versions, so
            // that migration creates the tables anew (once per package, as dlt does).
            if (firstRun && !m_plan.droppedTables().isEmpty()) {
                qCInfo(lcLoad).noquote() << "refresh: dropping" << m_plan.droppedTables().join(QStringLiteral(", "));
                m_coordinator->dropTables(m_plan.droppedTables(), m_schema.name);
            }
            deferIndexes();
            // Run again after a lost connection, it finds the schema stored and changes nothing:
            // keep what the first pass applied.
            const SchemaSyncResult pass = m_coordinator->syncSchema(m_schema, tables);
            if (pass.schemaStored)
                sync = pass;
            prepareStaging(firstRun);
            if (firstRun) {
                // Once per package, as dlt does: only while schema_updates.json is there, so a
                // resumed package never empties what its finished jobs already loaded.
                const QStringList truncate = m_plan.truncatedTables();
                if (!truncate.isEmpty()) {
                    qCInfo(lcLoad).noquote() << "emptying" << truncate.join(QStringLiteral(", "));
                    m_coordinator->truncateTables(truncate);
                }
                // Staging holds exactly this package's rows of the staged chains (spec 2.5).
                if (m_stagingCoordinator)
                    m_stagingCoordinator->truncateTables(m_plan.stagingTruncatedTables());
            }
        });
        if (!sync.applied.isEmpty())
            qCInfo(lcSchema).noquote() << "created or altered" << sync.applied.keys().join(QStringLiteral(", "))
                                       << "in dataset" << m_result.datasetName;
        if (firstRun)
            m_package.commitSchemaUpdate(sync.applied);
    } catch (const Error &e) {
        m_result.error = ErrorInfo::from(e);
        qCWarning(lcLoad).noquote() << "schema migration failed:" << e.fullText();
        const bool retryable = e.kind() == ErrorKind::Cancelled || e.kind() == ErrorKind::Transient;
        return finish(retryable ? PackageStatus::Incomplete : PackageStatus::Refused);
    }
    return std::nullopt;
}

// Merge tables, and replace tables with a staging strategy, load into `<dataset>_staging`,
// which gets every table of those chains and its own _dlt_version (no _dlt_loads), as dlt
// makes it (spec 2.5, 6.6). Tables refresh drops are dropped there too.
void LoadRun::prepareStaging(bool firstRun)
{
    const bool drops = firstRun && !m_plan.droppedTables().isEmpty();
    if (!m_plan.anyStaged() && !drops)
        return;
    m_stagingDataset = stagingDatasetName(m_result.datasetName);
    replaceClient(m_stagingCoordinator, m_destination->createClient(m_config, m_stagingDataset));
    m_stagingCoordinator->open();
    m_stagingCoordinator->deferIndexes(m_plan.loadingInto(m_plan.tablesWithJobs(), true), m_result.loadId);
    if (drops)
        m_stagingCoordinator->dropTables(m_plan.droppedTables(), m_schema.name);
    // As dlt: a refresh that drops gives staging its _dlt_version even with nothing staged.
    QStringList tables = m_plan.stagingTables();
    tables.append(QStringLiteral("_dlt_version"));
    const SchemaSyncResult sync = m_stagingCoordinator->syncSchema(m_schema, tables);
    if (!sync.applied.isEmpty())
        qCInfo(lcSchema).noquote() << "created or altered" << sync.applied.keys().join(QStringLiteral(", "))
                                   << "in staging dataset" << m_stagingDataset;
}

// 3. Started jobs with a recorded outcome are finalised without running again; those without
// one were interrupted mid-run (their transaction rolled back) and run again (spec 2.7).
void LoadRun::resumeStartedJobs()
{
    QHash<QString, PendingTransition> byFile;
    for (const auto &p : std::as_const(m_pending))
        byFile.insert(p.fileName, p);
    for (auto &r : m_jobs) {
        if (r.file.folder != JobFolder::Started)
            continue;
        const auto it = byFile.constFind(r.file.name.fileName());
        if (it == byFile.constEnd())
            continue;
        r.state = it->completed ? JobState::Completed : JobState::Failed;
        if (!it->completed)
            r.error.message = it->failedMessage;
        m_scheduler->settledWithoutRunning(indexOf(r));
        finalize(r);
    }
}

void LoadRun::failUnsupportedJobs()
{
    for (auto &r : m_jobs) {
        const int index = indexOf(r);
        if (!m_plan.isUnsupported(index) || m_scheduler->isDispatched(index))
            continue;
        m_scheduler->settledWithoutRunning(index);
        r.state = JobState::Failed;
        r.error = terminal(QStringLiteral("destination %1 cannot load files of format '%2' (supported: %3)")
                               .arg(m_destination->type(), r.file.name.formatName,
                                    m_caps.supportedLoaderFileFormats.join(QStringLiteral(", "))),
                           r.file.path);
        if (r.file.folder == JobFolder::New) {
            try {
                r.file.path = m_package.moveJob(r.file, JobFolder::Started);
                r.file.folder = JobFolder::Started;
            } catch (const Error &) {
                // finalize() below reports the move problem
            }
        }
        finalize(r);
    }
}

// Each worker holds a connection (two with a staging dataset); a server that cannot take them
// all would refuse the extra ones. One connection is left free for whoever else needs one
// (the window's browser, psql).
void LoadRun::capWorkersByServer()
{
    int free = -1;
    try {
        free = m_coordinator ? m_coordinator->freeConnections() : -1;
    } catch (const Error &e) {
        qCDebug(lcLoad).noquote() << "cannot ask the server for its free connections:" << e.fullText();
    }
    if (free < 0)
        return;
    const int perWorker = m_stagingCoordinator ? 2 : 1;
    const int cap = std::max(1, (free - 1) / perWorker);
    if (cap < m_scheduler->slotCount())
        qCInfo(lcLoad).noquote()
            << QStringLiteral("the server accepts %1 more connection(s): %2 job(s) at once").arg(free).arg(cap);
    // Always: the connections a job may add to its own (grantSpareConnections) count against it.
    m_scheduler->capWorkers(cap);
}

// 4. Run the rest on a dedicated pool: one client per worker; only this thread moves files.
void LoadRun::runJobs()
{
    capWorkersByServer();
    const int workers = m_scheduler->slotCount();
    m_scheduler->startWorkers(workers);
    m_counters = std::make_unique<LiveCounters>(int(m_jobs.size()));
    m_shared = std::make_unique<WorkerShared>();
    m_shared->destination = m_destination;
    m_shared->config = m_config;
    m_shared->datasetName = m_result.datasetName;
    m_shared->stagingDatasetName = m_stagingDataset;
    m_shared->loadId = m_result.loadId;
    m_shared->package = m_package;
    m_shared->schema = &m_schema;
    m_shared->cancel = &m_cancel;
    m_shared->counters = m_counters.get();

    QThreadPool pool;
    pool.setObjectName(QStringLiteral("wharf-load"));
    pool.setMaxThreadCount(workers);
    for (int k = 0; k < workers; ++k)
        pool.start(new JobWorker(*m_shared));

    // Whatever happens below, the workers must be released before the pool is destroyed.
    struct Release {
        WorkerShared &shared;
        QThreadPool &pool;
        ~Release()
        {
            shared.work.close();
            pool.waitForDone();
        }
    } release{*m_shared, pool};

    QElapsedTimer cancelSeen;
    bool abandoned = false;
    // A destination that does not answer the cancel (a frozen server) is given up on: the
    // running jobs lose their connections and end as not done (resumable; the ledger knows
    // whether any of them committed).
    const auto giveUpIfUnanswered = [&] {
        if (abandoned || m_scheduler->running() == 0 || cancelSeen.elapsed() <= kAbandonAfterCancelMs)
            return;
        qCWarning(lcLoad) << "the destination does not answer the cancel; giving up on" << m_scheduler->running()
                          << "running job(s)";
        m_shared->abandonActiveClients();
        abandoned = true;
    };
    try {
        dispatch();
        while (m_scheduler->running() > 0 || (!m_stopped && !m_cancel.isCancelled() && m_scheduler->anyWaiting())) {
            if (m_cancel.isCancelled()) {
                if (!cancelSeen.isValid()) {
                    qCInfo(lcLoad) << "cancelling" << m_scheduler->running() << "running job(s)";
                    cancelSeen.start();
                }
                // Again on every pass: a job may have started right after the first call.
                m_shared->cancelActiveClients();
                giveUpIfUnanswered();
            }
            if (auto outcome = m_shared->outcomes.pop(100))
                handleOutcome(*outcome);
            dispatch();
            reportProgress(false);
        }
    } catch (const std::exception &e) {
        // A bug or resource failure on this thread: stop starting jobs, let the running ones end.
        stop(ErrorInfo::fromStd(e));
        m_cancel.cancel();
        m_shared->cancelActiveClients();
        if (!cancelSeen.isValid())
            cancelSeen.start();
        while (m_scheduler->running() > 0) {
            giveUpIfUnanswered(); // as after Ctrl+C, or this would wait for ever
            if (const auto outcome = m_shared->outcomes.pop(100))
                m_scheduler->returned(outcome->index);
        }
    }
    reportProgress(true);
}

void LoadRun::dispatch()
{
    // Unlike dlt, a failed job (m_abort) does not stop the other jobs of the package: they are
    // independent, and the package still ends ABORTED without a _dlt_loads row (issue 3 asks
    // that the other jobs complete).
    if (m_stopped || m_cancel.isCancelled())
        return;
    for (int k = m_scheduler->next(m_clock.elapsed()); k >= 0; k = m_scheduler->next(m_clock.elapsed())) {
        JobRecord &r = m_jobs[k];
        try {
            if (r.file.folder == JobFolder::New) {
                r.file.path = m_package.moveJob(r.file, JobFolder::Started);
                r.file.folder = JobFolder::Started;
            }
        } catch (const Error &e) {
            stop(ErrorInfo::from(e));
            return;
        }
        m_scheduler->dispatched(k);
        r.startedAt = QDateTime::currentDateTimeUtc();
        r.state = JobState::Running;
        r.error = {};
        emitJob(r);
        // The last jobs of a package may use the connections no other job waits for.
        m_shared->work.push(
            WorkItem{k, r.file, m_plan.isStaged(r.file.name.table), m_scheduler->grantSpareConnections(k, 1)});
    }
}

int LoadRun::indexOf(const JobRecord &r) const
{
    return int(&r - m_jobs.constData());
}

void LoadRun::handleOutcome(const WorkOutcome &outcome)
{
    JobRecord &r = m_jobs[outcome.index];
    m_scheduler->returned(outcome.index);
    r.rows = outcome.rows;
    r.durationMs = outcome.durationMs;
    if (outcome.alreadyLoaded)
        ++m_result.jobsFoundInLedger;
    r.error = outcome.error;
    r.state = outcome.state;
    switch (outcome.state) {
    case JobState::Completed:
    case JobState::Failed:
        finalize(r);
        break;
    case JobState::Retry:
        requeueForRetry(r);
        break;
    case JobState::Ready:
    case JobState::Running:
        if (outcome.connectionLost)
            waitForServer(r);
        else
            putBack(r);
        break;
    }
    if (outcome.state == JobState::Completed)
        m_scheduler->destinationAnswered();
}

void LoadRun::finalize(JobRecord &r)
{
    try {
        // Follow-ups first, file move second: if they fail, the job stays in started_jobs/
        // with its "completed" marker and a later run creates them again (spec 2.6). A table
        // whose constraints cannot be added after its rows fails the job instead.
        if (r.state == JobState::Completed)
            runChainFollowUps(r);
        if (r.state == JobState::Completed) {
            recordMetrics(r);
            r.file.path = m_package.moveJob(r.file, JobFolder::Completed);
            r.file.folder = JobFolder::Completed;
            crashPoint("after-move");
            m_scheduler->finished(indexOf(r));
            ++m_completed;
            m_result.rows += r.rows;
        } else {
            const QString runningPath = r.file.path;
            recordMetrics(r);
            r.file.path = m_package.moveJob(r.file, JobFolder::Failed);
            r.file.folder = JobFolder::Failed;
            m_scheduler->finished(indexOf(r));
            // Point the message at where the file is now, not where it ran.
            if (r.error.location.file == runningPath)
                r.error.location.file = r.file.path;
            m_package.writeFailedMessage(r.file.name.fileName(), r.error.fullText());
            crashPoint("after-fail");
            ++m_failed;
            qCWarning(lcLoad).noquote() << "job" << r.file.name.jobId() << "failed:" << r.error.fullText();
            m_result.failedJobs.append(jobEventOf(m_result.loadId, r));
            if (m_options.raiseOnFailedJobs)
                m_abort = true;
        }
        m_package.removePendingTransition(r.file.name.fileName());
    } catch (const Error &e) {
        stop(ErrorInfo::from(e));
    }
    emitJob(r);
}

void LoadRun::stop(const ErrorInfo &why)
{
    m_stopped = true;
    m_stopError = why;
}

void LoadRun::emitJob(const JobRecord &r)
{
    if (m_observer)
        m_observer->jobChanged(jobEventOf(m_result.loadId, r));
}

void LoadRun::reportProgress(bool force)
{
    const qint64 now = m_clock.elapsed();
    if (!m_observer || (!force && now - m_lastProgressMs < 200))
        return;
    m_lastProgressMs = now;
    LoadProgress p;
    p.loadId = m_result.loadId;
    p.jobsTotal = m_result.jobsTotal;
    p.jobsDone = m_completed + m_failed;
    p.bytesTotal = m_bytesTotal;
    for (int k = 0; m_counters && k < m_jobs.size(); ++k) {
        p.rows += m_counters->rows[k].load(std::memory_order_relaxed);
        p.bytesDone += m_counters->bytes[k].load(std::memory_order_relaxed);
    }
    p.elapsedMs = now;
    m_observer->progressed(p);
}

// 5. Cancelled or stopped: resumable. Otherwise aborted (a failed job, dlt writes no
// _dlt_loads row) or loaded (_dlt_loads row, completion marker, archive).
PackageResult LoadRun::complete()
{
    if (m_cancel.isCancelled()) {
        m_result.error.kind = ErrorKind::Cancelled;
        m_result.error.message = QStringLiteral("cancelled; the package can be resumed");
        return finish(PackageStatus::Incomplete);
    }
    if (m_stopped) {
        m_result.error = m_stopError;
        return finish(PackageStatus::Incomplete);
    }
    PackageStatus status = PackageStatus::Loaded;
    try {
        // Constraints still owed (a chain whose last job failed, a resumed package): added
        // before the package can end either way, so that no table stays without them.
        // Every table of the schema: a resumed run may have no job left for a table that still
        // owes them (its jobs failed before a kill); only tables with a record are touched.
        QStringList everyTable;
        for (const Table &t : m_schema.tables)
            everyTable.append(t.name);
        onServer(*m_coordinator, "adding unique constraints", [&] { buildIndexes(everyTable, nullptr); });
        if (m_abort) {
            m_package.markCompleted(true);
            m_result.error = m_result.failedJobs.first().error;
            status = PackageStatus::Aborted;
        } else {
            onServer(*m_coordinator, "writing _dlt_loads",
                     [&] { m_coordinator->completeLoad(m_result.loadId, m_schema); });
            crashPoint("after-complete-load");
            // Completed packages are never loaded again: their ledger rows have done their work.
            // Cleared before the package is marked, so that no kill leaves them behind for good:
            // every job and follow-up is already in completed_jobs/, so a run that resumes here
            // never asks the ledger; it writes _dlt_loads (only if absent) and clears it again.
            // A lost connection is ridden out like any other.
            try {
                // The job moves first, on disk for good: after a power cut that lost them, the
                // ledger would no longer say which jobs committed.
                m_package.syncJobFolders();
                onServer(*m_coordinator, "clearing the job ledger",
                         [&] { m_coordinator->forgetLoad(m_result.loadId); });
            } catch (const Error &e) {
                qCWarning(lcLoad).noquote() << "the job ledger keeps the rows of this load:" << e.fullText();
            }
            crashPoint("after-ledger-cleared");
            m_package.markCompleted(false);
            m_coordinator->close();
            if (m_stagingCoordinator)
                truncateStagingDataset();
        }
    } catch (const Error &e) {
        m_result.error = ErrorInfo::from(e);
        return finish(PackageStatus::Incomplete);
    }
    // The package is complete once the marker is written; failing to move it into load/loaded
    // does not make it resumable, so it is only a warning.
    try {
        m_result.packageDir = m_package.archive();
    } catch (const Error &e) {
        qCWarning(lcLoad).noquote() << "package completed but could not be archived:" << e.fullText();
    }
    return finish(status);
}

void LoadRun::recordMetrics(const JobRecord &r)
{
    JobMetrics m;
    m.jobId = r.file.name.jobId();
    m.filePath = r.file.path;
    m.tableName = r.file.name.table;
    m.startedAt = r.startedAt;
    m.finishedAt = QDateTime::currentDateTimeUtc();
    m.state = r.state == JobState::Completed ? QStringLiteral("completed") : QStringLiteral("failed");
    m.retryCount = r.file.name.retryCount;
    m_metrics.record(m);
}

// Written once per run, wherever the package now is (it may have been archived): what dlt's
// own tools read back (dlt persists them as jobs end; a crash here loses only the metrics).
void LoadRun::saveMetrics()
{
    if (m_metrics.isEmpty() || m_package.dir().isEmpty())
        return;
    try {
        const QString dir = m_result.packageDir.isEmpty() ? m_package.dir() : m_result.packageDir;
        LoadPackage::open(dir).saveLoadMetrics(m_metrics.toJson());
    } catch (const Error &e) {
        qCWarning(lcLoad).noquote() << "could not write the job metrics into load_package_state.json:" << e.fullText();
    }
}

// load.truncate_staging_dataset: the staged rows have done their work. As in dlt, a failure
// here cannot harm the loaded data and is only a warning.
void LoadRun::truncateStagingDataset()
{
    try {
        if (m_options.truncateStagingDataset) {
            const QStringList tables = m_plan.stagingTables();
            qCInfo(lcLoad).noquote() << "emptying the staging tables" << tables.join(QStringLiteral(", "));
            onServer(*m_stagingCoordinator, "emptying the staging tables",
                     [&] { m_stagingCoordinator->truncateTables(tables); });
        }
        m_stagingCoordinator->close();
    } catch (const Error &e) {
        qCWarning(lcLoad).noquote() << "could not empty the staging dataset (the loaded data is not affected):"
                                    << e.fullText();
    }
}

} // namespace wharf
