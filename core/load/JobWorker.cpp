#include "load/JobWorker.h"

#include "load/CrashPoint.h"
#include "load/LogCategories.h"

#include <QElapsedTimer>

namespace wharf {

void WorkerShared::cancelActiveClients()
{
    QMutexLocker lock(&clientsMutex);
    for (JobClient *c : std::as_const(activeClients))
        c->cancel();
}

void WorkerShared::abandonActiveClients()
{
    QMutexLocker lock(&clientsMutex);
    for (JobClient *c : std::as_const(activeClients))
        c->abandon();
}

void JobWorker::run()
{
    while (auto item = m_shared.work.pop())
        m_shared.outcomes.push(runOne(*item));
    for (auto *client : {m_client.get(), m_stagingClient.get()}) {
        if (!client)
            continue;
        try {
            client->close();
        } catch (const std::exception &e) {
            qCWarning(lcLoad) << "closing a worker connection failed:" << e.what();
        }
    }
}

WorkOutcome JobWorker::runOne(const WorkItem &item)
{
    WorkOutcome out;
    out.index = item.index;
    QElapsedTimer timer;
    timer.start();
    bool registered = false;
    JobClient *client = nullptr;
    const Table *table = m_shared.schema->table(item.file.name.table);
    const QString key = item.file.name.jobId(); // the ledger's name for the job, the same across retries
    guarded(out, item, [&] {
        m_shared.cancel->check();
        if (!table)
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("table %1 is not in the package schema").arg(item.file.name.table),
                        SourceLocation{item.file.path, 0, 0, {}});
        // Opening the connection is part of the job's error handling: a failure here is a
        // transient outcome, not a job stuck in "ready" (spec Q2).
        std::unique_ptr<JobClient> &slot = item.staging ? m_stagingClient : m_client;
        if (!slot)
            slot = m_shared.destination->createClient(m_shared.config, item.staging ? m_shared.stagingDatasetName
                                                                                    : m_shared.datasetName);
        client = slot.get();
        {
            QMutexLocker lock(&m_shared.clientsMutex);
            m_shared.activeClients.insert(client);
            registered = true;
        }
        // A cancel that came between the check above and the registration would miss us.
        m_shared.cancel->check();
        client->open();
        // Resumed, retried after a COMMIT whose answer was lost, or loaded by another loader
        // meanwhile: the ledger knows, and the job completes without running again.
        if (const auto recorded = client->ledgerEntry(m_shared.loadId, key)) {
            qCInfo(lcLoad).noquote() << "job" << key << "is already loaded (the job ledger has it); not run again";
            out.state = JobState::Completed;
            out.rows = *recorded;
            out.alreadyLoaded = true;
        }
    });
    // Every error above set a state other than Completed (the default).
    if (out.alreadyLoaded || out.state != JobState::Completed)
        return finishOne(out, item, registered, client, timer);
    guarded(out, item, [&] {
        const QString loadId = m_shared.loadId;
        JobContext ctx;
        ctx.loadId = m_shared.loadId;
        ctx.schema = m_shared.schema;
        ctx.table = table;
        ctx.file = item.file;
        ctx.cancel = m_shared.cancel;
        auto *counters = m_shared.counters;
        const int idx = item.index;
        ctx.progress = [counters, idx](qint64 rows, qint64 bytes) {
            counters->rows[idx].store(rows, std::memory_order_relaxed);
            counters->bytes[idx].store(bytes, std::memory_order_relaxed);
        };
        // The ledger row commits with the job's rows, or neither does.
        ctx.beforeCommit = [loadId, key](JobClient &c, qint64 rows) { c.recordInLedger(loadId, key, rows); };
        if (client->hasLedger())
            ctx.ledgerKey = key;
        ctx.spareConnections = item.spareConnections;
        const JobResult result = client->runJob(ctx);
        crashPoint("after-commit");
        out.state = JobState::Completed;
        out.rows = result.rows;
        counters->rows[idx].store(result.rows, std::memory_order_relaxed);
        counters->bytes[idx].store(item.file.size, std::memory_order_relaxed);
    });
    return finishOne(out, item, registered, client, timer);
}

// The worker's edge: whatever a step throws becomes part of the outcome, never an exception.
void JobWorker::guarded(WorkOutcome &out, const WorkItem &item, const std::function<void()> &step) const
{
    try {
        step();
    } catch (const AlreadyRecorded &e) {
        // Another loader committed this job while we ran it; our copy rolled back.
        qCInfo(lcLoad).noquote() << e.message();
        out.state = JobState::Completed;
        out.alreadyLoaded = true;
        out.rows = 0;
    } catch (const Error &e) {
        classify(out, e, item);
    } catch (const std::exception &e) {
        out.error = ErrorInfo::fromStd(e);
        out.error.location.file = item.file.path;
        out.state = JobState::Retry;
    } catch (...) {
        out.error.kind = ErrorKind::Internal;
        out.error.message = QStringLiteral("unknown exception");
        out.state = JobState::Retry;
    }
}

void JobWorker::classify(WorkOutcome &out, const Error &e, const WorkItem &item) const
{
    out.error = ErrorInfo::from(e);
    if (out.error.location.file.isEmpty())
        out.error.location.file = item.file.path;
    if (e.connectionLost && e.kind() == ErrorKind::Transient && !m_shared.cancel->isCancelled()) {
        // Not the job's fault: it keeps its retry count, and the ledger tells on the next
        // attempt whether a COMMIT whose answer was lost went through.
        out.state = JobState::Ready;
        out.connectionLost = true;
        return;
    }
    switch (e.kind()) {
    case ErrorKind::Cancelled:
        // Only our own cancel puts the job back untouched; a statement cancelled by the
        // server (statement_timeout, pg_cancel_backend) is a retry that counts.
    case ErrorKind::Transient:
        out.state = m_shared.cancel->isCancelled() ? JobState::Ready : JobState::Retry;
        break;
    default:
        out.state = m_shared.cancel->isCancelled() ? JobState::Ready : JobState::Failed;
        break;
    }
}

WorkOutcome JobWorker::finishOne(WorkOutcome &out, const WorkItem &item, bool registered, JobClient *client,
                                 const QElapsedTimer &timer)
{
    if (registered) {
        QMutexLocker lock(&m_shared.clientsMutex);
        m_shared.activeClients.remove(client);
    }
    if (out.state == JobState::Retry || out.state == JobState::Ready) {
        // The connection may be in an unknown state; start afresh for the next job.
        std::unique_ptr<JobClient> &slot = item.staging ? m_stagingClient : m_client;
        if (slot) {
            try {
                slot->close();
            } catch (...) {
            }
            slot.reset();
        }
    }
    // Record the outcome next to the package before the coordinator moves the file, so a crash
    // in between resumes without re-running a committed job (spec 2.7).
    if (out.state == JobState::Completed || out.state == JobState::Failed) {
        try {
            m_shared.package.writePendingTransition(
                {item.file.name.fileName(), out.state == JobState::Completed, out.error.fullText()});
        } catch (const std::exception &e) {
            qCWarning(lcLoad) << "cannot write pending transition:" << e.what();
        }
        crashPoint("after-pending-transition");
    }
    out.durationMs = timer.elapsed();
    return out;
}

} // namespace wharf
