#pragma once

#include <algorithm>

#include "destination/Capabilities.h"
#include "load/RetryPolicy.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace wharf {

/// Which job of a package runs next and when - the loader's rules without a file or a
/// database in sight (dlt keeps them apart the same way, dlt/load/utils.py): worker slots and
/// the parallelism strategy, back-off before a retry, raise_on_max_retries, waiting out a lost
/// destination, and how many jobs of each table are still open (for table-chain completion).
/// Times are milliseconds on the caller's clock and randomness comes from the caller, so every
/// rule is testable as plain arithmetic. Not thread-safe: the loader's coordinator owns it.
class JobScheduler {
public:
    struct Settings {
        int workers = 20;
        ParallelismStrategy strategy = ParallelismStrategy::Parallel;
        int maxParallelLoadJobs = 0; ///< capability; 0 = no limit
        int raiseOnMaxRetries = 5;   ///< stop the load at multiples of this retry count (0 = never)
        RetryPolicy retry;
    };

    /// One entry per job, in dispatch order: the job's table.
    JobScheduler(const QStringList &jobTables, Settings settings);

    /// Worker threads to start: the slots the settings allow, never more than the jobs left.
    int slotCount() const;
    /// Lowers the workers to at most `n` (at least 1): what the server has connections for.
    void capWorkers(int n) { m_settings.workers = std::max(1, std::min(m_settings.workers, n)); }
    /// Fixes the number of slots (call once, before dispatching).
    void startWorkers(int count) { m_slots = count; }

    /// The next job that may start at `nowMs`, or -1: every slot busy, the destination being
    /// waited for, the rest waiting for their back-off or (table-sequential) their table.
    int next(qint64 nowMs);
    /// `index` was handed to a worker.
    void dispatched(int index);
    /// `index` ended without running (resumed from a recorded outcome, an unsupported format):
    /// it takes no slot and is finished.
    void settledWithoutRunning(int index);
    /// `index` came back from its worker (any outcome): its slot is free.
    void returned(int index);
    /// `index` is in completed_jobs/ or failed_jobs/ for good.
    void finished(int index);
    /// `index` runs again as retry number `retry`, after the back-off (`unit` in [0, 1) is the
    /// jitter). True when raise_on_max_retries says the load must stop now.
    bool retryLater(int index, int retry, qint64 nowMs, double unit);
    /// `index` goes back to be dispatched again at once (cancelled).
    void putBack(int index);
    /// `index` lost its destination: it goes back, and nothing is dispatched until the back-off
    /// ends. Returns the delay, or -1 when the destination has been away longer than the
    /// outage budget (the load must stop).
    qint64 destinationLost(int index, qint64 nowMs, double unit);
    /// A job completed: the destination answers, the outage (if any) is over.
    void destinationAnswered();
    qint64 outageSinceMs() const { return m_outage.sinceMs; }

    int running() const { return m_running; }
    /// Connections job `index`, dispatched just now, may open besides its own, at most `most`:
    /// what the parallel strategy's workers (capped by the server, capWorkers) leave over once
    /// every worker thread has its own (kept open between jobs, so idle ones count too) and
    /// earlier grants are counted. The grant is held
    /// until the job returns. 0 under the sequential strategies (they exist for destinations
    /// that want one writer).
    int grantSpareConnections(int index, int most);
    bool anyWaiting();
    bool isDispatched(int index) const { return m_dispatched[index]; }
    /// Jobs of `tables` not finished yet.
    int openIn(const QStringList &tables) const;

private:
    /// Jobs the strategy, the workers and max_parallel_load_jobs let run at once.
    int jobsAtOnce() const;
    /// Jobs not dispatched yet.
    int waitingCount() const;
    int firstWaiting();
    Settings m_settings;
    QStringList m_tables;
    QList<bool> m_dispatched;
    QList<qint64> m_notBeforeMs;
    QHash<QString, int> m_open;
    QSet<QString> m_runningTables;
    int m_slots = 1;
    int m_running = 0;
    QHash<int, int> m_granted;    ///< spare connections held by running jobs
    qsizetype m_firstWaiting = 0; ///< every job before it is dispatched
    qint64 m_pauseUntilMs = 0;
    Outage m_outage;
};

} // namespace wharf
