#include "load/JobScheduler.h"

#include <algorithm>

namespace wharf {

JobScheduler::JobScheduler(const QStringList &jobTables, Settings settings)
    : m_settings(std::move(settings))
    , m_tables(jobTables)
    , m_dispatched(jobTables.size(), false)
    , m_notBeforeMs(jobTables.size(), 0)
{
    for (const QString &t : jobTables)
        ++m_open[t];
}

int JobScheduler::jobsAtOnce() const
{
    int n = m_settings.strategy == ParallelismStrategy::Sequential ? 1 : std::max(1, m_settings.workers);
    if (m_settings.maxParallelLoadJobs > 0)
        n = std::min(n, m_settings.maxParallelLoadJobs);
    return n;
}

int JobScheduler::waitingCount() const
{
    return int(std::count(m_dispatched.cbegin(), m_dispatched.cend(), false));
}

int JobScheduler::slotCount() const
{
    return std::max(1, std::min(jobsAtOnce(), waitingCount()));
}

int JobScheduler::grantSpareConnections(int index, int most)
{
    if (m_settings.strategy != ParallelismStrategy::Parallel)
        return 0;
    int granted = 0;
    for (const int n : std::as_const(m_granted))
        granted += n;
    // Every worker thread keeps its connection between jobs, idle or not: what is spare is what
    // the workers leave over, whatever number of them runs a job now.
    const int n = std::clamp(jobsAtOnce() - m_slots - granted, 0, most);
    if (n > 0)
        m_granted[index] += n;
    return n;
}

int JobScheduler::firstWaiting()
{
    while (m_firstWaiting < m_dispatched.size() && m_dispatched[m_firstWaiting])
        ++m_firstWaiting;
    return int(m_firstWaiting);
}

bool JobScheduler::anyWaiting()
{
    return firstWaiting() < m_dispatched.size();
}

int JobScheduler::next(qint64 nowMs)
{
    if (m_running >= m_slots || nowMs < m_pauseUntilMs)
        return -1;
    // From the first job that may wait: with thousands of jobs a scan from the top for every
    // outcome would cost more than the jobs themselves.
    for (int k = firstWaiting(); k < m_dispatched.size(); ++k) {
        if (m_dispatched[k] || m_notBeforeMs[k] > nowMs)
            continue;
        if (m_settings.strategy == ParallelismStrategy::TableSequential && m_runningTables.contains(m_tables[k]))
            continue;
        return k;
    }
    return -1;
}

void JobScheduler::dispatched(int index)
{
    m_dispatched[index] = true;
    ++m_running;
    m_runningTables.insert(m_tables[index]);
}

void JobScheduler::settledWithoutRunning(int index)
{
    m_dispatched[index] = true;
    finished(index);
}

void JobScheduler::returned(int index)
{
    m_granted.remove(index);
    --m_running;
    m_runningTables.remove(m_tables[index]);
}

void JobScheduler::finished(int index)
{
    --m_open[m_tables[index]];
}

void JobScheduler::putBack(int index)
{
    m_dispatched[index] = false;
    m_firstWaiting = std::min(m_firstWaiting, qsizetype(index));
}

bool JobScheduler::retryLater(int index, int retry, qint64 nowMs, double unit)
{
    putBack(index);
    m_notBeforeMs[index] = nowMs + m_settings.retry.delayMs(retry, unit);
    // dlt stops at every multiple of raise_on_max_retries; the retry count lives in the file
    // name, so a later run goes on counting (spec Q20).
    return m_settings.raiseOnMaxRetries > 0 && retry % m_settings.raiseOnMaxRetries == 0;
}

qint64 JobScheduler::destinationLost(int index, qint64 nowMs, double unit)
{
    putBack(index);
    const qint64 delay = m_outage.nextDelay(m_settings.retry, nowMs, unit);
    if (delay >= 0)
        m_pauseUntilMs = std::max(m_pauseUntilMs, nowMs + delay);
    return delay;
}

void JobScheduler::destinationAnswered()
{
    m_outage.end();
}

int JobScheduler::openIn(const QStringList &tables) const
{
    int open = 0;
    for (const QString &t : tables)
        open += m_open.value(t);
    return open;
}

} // namespace wharf
