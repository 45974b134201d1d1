#include "load/PackageLoader.h"

#include "load/JobWorker.h"
#include "load/LogCategories.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QThreadPool>

namespace wharf {

namespace {

struct JobRecord {
    JobFile file;
    JobState state = JobState::Ready;
    qint64 rows = 0;
    qint64 durationMs = 0;
    qint64 notBeforeMs = 0; ///< retry back-off
    bool dispatched = false;
    bool unsupported = false; ///< format the destination cannot load
    ErrorInfo error;
};

JobEvent makeEvent(const QString &loadId, const JobRecord &r)
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

} // namespace

PackageLoader::PackageLoader(std::shared_ptr<const Destination> destination, ResolvedConfig config,
                             LoadOptions options, LoadObserver *observer)
    : m_destination(std::move(destination))
    , m_config(std::move(config))
    , m_options(std::move(options))
    , m_observer(observer)
{
}

bool PackageLoader::supportsDisposition(WriteDisposition d)
{
    return d == WriteDisposition::Append;
}

PackageResult PackageLoader::load(const QString &packageDir, CancelToken &cancel)
{
    QElapsedTimer clock;
    clock.start();
    PackageResult result;
    result.packageDir = packageDir;
    const auto finish = [&](PackageStatus status) {
        result.status = status;
        result.elapsedMs = clock.elapsed();
        if (m_observer)
            m_observer->packageFinished(result);
        return result;
    };
    const auto refuse = [&](const ErrorInfo &why) {
        result.error = why;
        qCWarning(lcLoad).noquote() << "package refused:" << why.fullText();
        return finish(PackageStatus::Refused);
    };

    // 1. Open the package and check everything we can before touching the destination.
    LoadPackage package;
    Schema schema;
    QList<JobRecord> jobs;
    QList<PendingTransition> pending;
    try {
        package = LoadPackage::open(packageDir);
        result.loadId = package.loadId();
        if (package.isCompleted())
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("package %1 is already %2").arg(package.loadId(), package.completionState()),
                        SourceLocation{packageDir, 0, 0, {}});
        schema = package.loadSchema();
        result.schemaName = schema.name;
        result.datasetName = m_options.datasetName.isEmpty() ? package.defaultDatasetName() : m_options.datasetName;
        pending = package.pendingTransitions();
        for (auto folder : {JobFolder::Started, JobFolder::New})
            for (const auto &f : package.jobs(folder)) {
                JobRecord r;
                r.file = f;
                jobs.append(r);
            }
        result.jobsTotal = int(jobs.size() + package.jobs(JobFolder::Completed).size() +
                               package.jobs(JobFolder::Failed).size());
    } catch (const Error &e) {
        return refuse(ErrorInfo::from(e));
    }

    const Capabilities caps = m_destination->capabilities();
    QStringList refusedTables;
    QSet<QString> tablesWithJobs;
    for (auto &j : jobs) {
        // A job in a format the destination cannot load fails on its own (dlt creates a
        // synthetic failed job for it); the other jobs still run.
        if (!caps.supportedLoaderFileFormats.contains(j.file.name.formatName)) {
            j.unsupported = true;
            continue;
        }
        if (schema.table(j.file.name.table)) {
            const auto d = schema.effectiveDisposition(j.file.name.table);
            if (!supportsDisposition(d) && !tablesWithJobs.contains(j.file.name.table))
                refusedTables.append(QStringLiteral("%1 (%2)").arg(j.file.name.table, writeDispositionName(d)));
        }
        tablesWithJobs.insert(j.file.name.table);
    }
    if (!refusedTables.isEmpty()) {
        ErrorInfo e;
        e.kind = ErrorKind::Terminal;
        e.message = QStringLiteral("this version of Wharf loads only the append write disposition; "
                                   "the package has jobs for %1. Nothing was loaded.")
                        .arg(refusedTables.join(QStringLiteral(", ")));
        e.location.file = packageDir;
        return refuse(e);
    }

    // 2. Migrate the destination schema: dlt tables plus the tables with jobs that saw data.
    QStringList syncTables;
    for (const auto &t : schema.tables)
        if (t.isDltTable() || (tablesWithJobs.contains(t.name) && t.seenData))
            syncTables.append(t.name);
    std::unique_ptr<JobClient> coordinator;
    try {
        cancel.check();
        coordinator = m_destination->createClient(m_config, result.datasetName);
        coordinator->open();
        const SchemaSyncResult sync = coordinator->syncSchema(schema, syncTables);
        if (!sync.applied.isEmpty())
            qCInfo(lcSchema).noquote() << "created or altered" << sync.applied.keys().join(QStringLiteral(", "))
                                       << "in dataset" << result.datasetName;
        if (package.needsSchemaMigration())
            package.commitSchemaUpdate(sync.applied);
    } catch (const Error &e) {
        result.error = ErrorInfo::from(e);
        qCWarning(lcLoad).noquote() << "schema migration failed:" << e.fullText();
        return finish(e.kind() == ErrorKind::Cancelled || e.kind() == ErrorKind::Transient ? PackageStatus::Incomplete
                                                                                          : PackageStatus::Refused);
    }

    // 3. Resume: started jobs with a recorded outcome are finalised without running again.
    QHash<QString, PendingTransition> pendingByFile;
    for (const auto &p : std::as_const(pending))
        pendingByFile.insert(p.fileName, p);
    int completedCount = int(package.jobs(JobFolder::Completed).size());
    int failedCount = int(package.jobs(JobFolder::Failed).size());
    bool abortPackage = false;
    ErrorInfo stopError;
    bool stopDispatch = false;

    const auto emitJob = [&](const JobRecord &r) {
        if (m_observer)
            m_observer->jobChanged(makeEvent(result.loadId, r));
    };
    const auto finalize = [&](JobRecord &r) {
        try {
            if (r.state == JobState::Completed) {
                r.file.path = package.moveJob(r.file, JobFolder::Completed);
                r.file.folder = JobFolder::Completed;
                ++completedCount;
                result.rows += r.rows;
            } else {
                r.file.path = package.moveJob(r.file, JobFolder::Failed);
                r.file.folder = JobFolder::Failed;
                package.writeFailedMessage(r.file.name.fileName(), r.error.fullText());
                ++failedCount;
                qCWarning(lcLoad).noquote() << "job" << r.file.name.jobId() << "failed:" << r.error.fullText();
                JobEvent failed = makeEvent(result.loadId, r);
                result.failedJobs.append(failed);
                if (m_options.raiseOnFailedJobs)
                    abortPackage = true;
            }
            package.removePendingTransition(r.file.name.fileName());
        } catch (const Error &e) {
            stopError = ErrorInfo::from(e);
            stopDispatch = true;
        }
        emitJob(r);
    };
    for (auto &r : jobs) {
        if (r.file.folder != JobFolder::Started)
            continue;
        const auto it = pendingByFile.constFind(r.file.name.fileName());
        if (it == pendingByFile.constEnd())
            continue; // interrupted mid-run: runs again from scratch (its transaction rolled back)
        r.state = it->completed ? JobState::Completed : JobState::Failed;
        if (!it->completed)
            r.error.message = it->failedMessage;
        r.dispatched = true;
        finalize(r);
    }

    for (auto &r : jobs) {
        if (!r.unsupported || r.dispatched)
            continue;
        r.dispatched = true;
        r.state = JobState::Failed;
        r.error.kind = ErrorKind::Terminal;
        r.error.message = QStringLiteral("destination %1 cannot load files of format '%2' (supported: %3)")
                              .arg(m_destination->type(), r.file.name.formatName,
                                   caps.supportedLoaderFileFormats.join(QStringLiteral(", ")));
        r.error.location.file = r.file.path;
        if (r.file.folder == JobFolder::New) {
            try {
                r.file.path = package.moveJob(r.file, JobFolder::Started);
                r.file.folder = JobFolder::Started;
            } catch (const Error &) {
            }
        }
        finalize(r);
    }

    // 4. Run the rest on a dedicated pool: one client per worker.
    const ParallelismStrategy strategy = m_options.parallelismStrategy.value_or(caps.parallelismStrategy);
    int slotCount = strategy == ParallelismStrategy::Sequential ? 1 : std::max(1, m_options.workers);
    if (caps.maxParallelLoadJobs > 0)
        slotCount = std::min(slotCount, caps.maxParallelLoadJobs);
    int remaining = 0;
    for (const auto &r : std::as_const(jobs))
        if (!r.dispatched)
            ++remaining;
    slotCount = std::max(1, std::min(slotCount, std::max(1, remaining)));

    LiveCounters counters(int(jobs.size()));
    WorkerShared shared;
    shared.destination = m_destination;
    shared.config = m_config;
    shared.datasetName = result.datasetName;
    shared.loadId = result.loadId;
    shared.package = package;
    shared.schema = &schema;
    shared.cancel = &cancel;
    shared.counters = &counters;

    QThreadPool pool;
    pool.setObjectName(QStringLiteral("wharf-load"));
    pool.setMaxThreadCount(slotCount);
    for (int k = 0; k < slotCount; ++k)
        pool.start(new JobWorker(shared));

    qint64 bytesTotal = 0;
    for (const auto &r : std::as_const(jobs))
        bytesTotal += r.file.size;
    int running = 0;
    QSet<QString> runningTables;
    bool cancelSeen = false;
    qint64 lastProgress = -1000;

    const auto dispatch = [&] {
        if (stopDispatch || cancel.isCancelled())
            return;
        const qint64 now = clock.elapsed();
        for (int k = 0; k < jobs.size() && running < slotCount; ++k) {
            JobRecord &r = jobs[k];
            if (r.dispatched || r.notBeforeMs > now)
                continue;
            if (strategy == ParallelismStrategy::TableSequential && runningTables.contains(r.file.name.table))
                continue;
            try {
                if (r.file.folder == JobFolder::New) {
                    r.file.path = package.moveJob(r.file, JobFolder::Started);
                    r.file.folder = JobFolder::Started;
                }
            } catch (const Error &e) {
                stopError = ErrorInfo::from(e);
                stopDispatch = true;
                return;
            }
            r.dispatched = true;
            r.state = JobState::Running;
            r.error = {};
            ++running;
            runningTables.insert(r.file.name.table);
            emitJob(r);
            shared.work.push(WorkItem{k, r.file});
        }
    };
    const auto anyUndispatched = [&] {
        for (const auto &r : std::as_const(jobs))
            if (!r.dispatched)
                return true;
        return false;
    };
    const auto reportProgress = [&](bool force) {
        const qint64 now = clock.elapsed();
        if (!m_observer || (!force && now - lastProgress < 200))
            return;
        lastProgress = now;
        LoadProgress p;
        p.loadId = result.loadId;
        p.jobsTotal = result.jobsTotal;
        p.jobsDone = completedCount + failedCount;
        p.bytesTotal = bytesTotal;
        for (int k = 0; k < jobs.size(); ++k) {
            p.rows += counters.rows[k].load(std::memory_order_relaxed);
            p.bytesDone += counters.bytes[k].load(std::memory_order_relaxed);
        }
        p.elapsedMs = now;
        m_observer->progressed(p);
    };

    dispatch();
    while (running > 0 || (!stopDispatch && !cancel.isCancelled() && anyUndispatched())) {
        if (cancel.isCancelled() && !cancelSeen) {
            cancelSeen = true;
            qCInfo(lcLoad) << "cancelling" << running << "running job(s)";
            shared.cancelActiveClients();
        }
        auto outcome = shared.outcomes.pop(100);
        if (outcome) {
            JobRecord &r = jobs[outcome->index];
            --running;
            runningTables.remove(r.file.name.table);
            r.rows = outcome->rows;
            r.durationMs = outcome->durationMs;
            r.error = outcome->error;
            r.state = outcome->state;
            switch (outcome->state) {
            case JobState::Completed:
            case JobState::Failed:
                finalize(r);
                break;
            case JobState::Retry: {
                const int next = r.file.name.retryCount + 1;
                qCWarning(lcLoad).noquote() << "job" << r.file.name.jobId() << "will be retried (" << next
                                            << "):" << r.error.fullText();
                try {
                    r.file.path = package.requeueForRetry(r.file);
                    r.file.name = r.file.name.nextRetry();
                    r.file.folder = JobFolder::New;
                } catch (const Error &e) {
                    stopError = ErrorInfo::from(e);
                    stopDispatch = true;
                }
                counters.rows[outcome->index] = 0;
                counters.bytes[outcome->index] = 0;
                r.dispatched = false;
                r.notBeforeMs = clock.elapsed() + qint64(m_options.retryDelayMs) * std::min(next, 10);
                emitJob(r);
                // dlt stops at every multiple of raise_on_max_retries; the retry count lives in
                // the file name, so a later run continues counting (spec Q20).
                if (m_options.raiseOnMaxRetries > 0 && next % m_options.raiseOnMaxRetries == 0) {
                    stopError = r.error;
                    stopError.message = QStringLiteral("job %1 had %2 retries, a multiple of "
                                                       "raise_on_max_retries=%3; stopping. Last error: %4")
                                            .arg(r.file.name.jobId())
                                            .arg(next)
                                            .arg(m_options.raiseOnMaxRetries)
                                            .arg(r.error.message);
                    stopDispatch = true;
                }
                break;
            }
            case JobState::Ready:
            case JobState::Running:
                // Cancelled: put the file back so the package resumes cleanly.
                try {
                    r.file.path = package.moveJob(r.file, JobFolder::New);
                    r.file.folder = JobFolder::New;
                } catch (const Error &) {
                    // Left in started_jobs/: a later run re-executes it, which is also correct.
                }
                r.state = JobState::Ready;
                r.dispatched = false;
                counters.rows[outcome->index] = 0;
                counters.bytes[outcome->index] = 0;
                emitJob(r);
                break;
            }
        }
        dispatch();
        reportProgress(false);
    }
    shared.work.close();
    pool.waitForDone();
    reportProgress(true);
    result.jobsCompleted = completedCount;

    if (cancel.isCancelled()) {
        result.error.kind = ErrorKind::Cancelled;
        result.error.message = QStringLiteral("cancelled; the package can be resumed");
        return finish(PackageStatus::Incomplete);
    }
    if (stopDispatch) {
        result.error = stopError;
        return finish(PackageStatus::Incomplete);
    }
    try {
        if (abortPackage) {
            // dlt: a terminally failed job aborts the package; no _dlt_loads row.
            package.markCompleted(true);
            result.packageDir = package.archive();
            result.error = result.failedJobs.first().error;
            return finish(PackageStatus::Aborted);
        }
        coordinator->completeLoad(result.loadId, schema);
        coordinator->close();
        package.markCompleted(false);
        result.packageDir = package.archive();
    } catch (const Error &e) {
        result.error = ErrorInfo::from(e);
        return finish(PackageStatus::Incomplete);
    }
    return finish(PackageStatus::Loaded);
}

} // namespace wharf
