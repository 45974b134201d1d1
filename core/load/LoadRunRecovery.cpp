// How a load run rides out trouble: a job that failed but may succeed later (retries with
// back-off), a job put back untried, a server that went away under a job, and the
// coordinator's own SQL, which reconnects and backs off until connection_outage_timeout_s.
#include "load/LoadRun.h"

#include "load/LogCategories.h"

#include <QRandomGenerator>
#include <QThread>

#include <algorithm>

namespace wharf {

// The server went away under a job (or could not be reached): the job waits in started_jobs/
// (it may have committed; the ledger will say) and nothing is dispatched until the back-off
// ends. An outage longer than connection_outage_timeout_s stops the load, resumable.
void LoadRun::waitForServer(JobRecord &r)
{
    const int index = indexOf(r);
    r.state = JobState::Ready;
    m_counters->rows[index] = 0;
    m_counters->bytes[index] = 0;
    emitJob(r);
    const qint64 now = m_clock.elapsed();
    const qint64 delay = m_scheduler->destinationLost(index, now, QRandomGenerator::global()->generateDouble());
    if (delay < 0) {
        ErrorInfo why = r.error;
        why.message = QStringLiteral("the destination did not answer for %1 s: %2")
                          .arg((now - m_scheduler->outageSinceMs()) / 1000)
                          .arg(r.error.message);
        stop(why);
        return;
    }
    qCWarning(lcLoad).noquote() << "lost the destination; trying again in" << delay << "ms:" << r.error.message;
}

void LoadRun::pause(qint64 ms)
{
    QElapsedTimer waited;
    waited.start();
    ms = std::max<qint64>(ms, 1); // never a busy loop, even with retry_backoff_ms = 0
    while (waited.elapsed() < ms) {
        m_cancel.check();
        QThread::msleep(quint64(std::clamp<qint64>(ms - waited.elapsed(), 1, 50)));
    }
}

void LoadRun::onServer(JobClient &client, const char *what, const std::function<void()> &work)
{
    Outage outage;
    for (;;) {
        try {
            client.open();
            work();
            return;
        } catch (const Error &e) {
            if (e.kind() != ErrorKind::Transient || m_cancel.isCancelled())
                throw;
            const qint64 delay =
                outage.nextDelay(m_options.retry, m_clock.elapsed(), QRandomGenerator::global()->generateDouble());
            if (delay < 0)
                throw;
            qCWarning(lcLoad).noquote() << what << "failed; trying again in" << delay << "ms:" << e.fullText();
            try {
                client.close(); // replaced, never reused: it may be in any state
            } catch (const std::exception &) {
            }
            pause(delay);
        }
    }
}

void LoadRun::requeueForRetry(JobRecord &r)
{
    const int index = indexOf(r);
    const int next = r.file.name.retryCount + 1;
    qCWarning(lcLoad).noquote() << "job" << r.file.name.jobId() << "will be retried (" << next
                                << "):" << r.error.fullText();
    try {
        r.file.path = m_package.requeueForRetry(r.file);
        r.file.name = r.file.name.nextRetry();
        r.file.folder = JobFolder::New;
    } catch (const Error &e) {
        stop(ErrorInfo::from(e));
    }
    m_counters->rows[index] = 0;
    m_counters->bytes[index] = 0;
    const bool limit =
        m_scheduler->retryLater(index, next, m_clock.elapsed(), QRandomGenerator::global()->generateDouble());
    emitJob(r);
    if (limit) {
        ErrorInfo why = r.error;
        // dlt stops at every multiple of load.raise_on_max_retries; said so that people know
        // what happened and that running again goes on.
        why.message = QStringLiteral("job %1 failed %2 times in a row, so the load stopped here (after every %3 "
                                     "tries, load.raise_on_max_retries); run it again to go on trying. Last error: %4")
                          .arg(r.file.name.jobId())
                          .arg(next)
                          .arg(m_options.raiseOnMaxRetries)
                          .arg(r.error.message);
        stop(why);
    }
}

// A cancelled job goes back to new_jobs/ so the package resumes cleanly.
void LoadRun::putBack(JobRecord &r)
{
    const int index = indexOf(r);
    try {
        r.file.path = m_package.moveJob(r.file, JobFolder::New);
        r.file.folder = JobFolder::New;
    } catch (const Error &) {
        // Left in started_jobs/: a later run re-executes it, which is also correct.
    }
    r.state = JobState::Ready;
    m_scheduler->putBack(index);
    m_counters->rows[index] = 0;
    m_counters->bytes[index] = 0;
    emitJob(r);
}

} // namespace wharf
