#pragma once

#include "destination/Destination.h"
#include "load/BlockingQueue.h"
#include "load/LoadEvents.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QRunnable>
#include <QSet>
#include <atomic>
#include <functional>
#include <memory>

namespace wharf {

/// A job handed to a worker.
struct WorkItem {
    int index = 0; ///< position in the coordinator's job list
    JobFile file;
    bool staging = false;     ///< load into the staging dataset (merge tables)
    int spareConnections = 0; ///< JobContext::spareConnections
};

/// What a worker reports back. Errors travel as values (ErrorInfo), never as exceptions.
struct WorkOutcome {
    int index = 0;
    JobState state = JobState::Completed; ///< Completed, Failed, Retry, or Ready (cancelled)
    qint64 rows = 0;
    qint64 durationMs = 0;
    bool alreadyLoaded = false; ///< the ledger had it: not run (again)
    /// The server could not be reached or closed the connection: the job goes back untouched
    /// (not a retry of its own) and the loader waits for the server (state Ready).
    bool connectionLost = false;
    ErrorInfo error;
};

/// Live counters the workers update and the coordinator reads for progress.
struct LiveCounters {
    explicit LiveCounters(int n)
        : rows(new std::atomic<qint64>[std::size_t(n)])
        , bytes(new std::atomic<qint64>[std::size_t(n)])
    {
        for (int k = 0; k < n; ++k) {
            rows[k] = 0;
            bytes[k] = 0;
        }
    }
    std::unique_ptr<std::atomic<qint64>[]> rows;
    std::unique_ptr<std::atomic<qint64>[]> bytes;
};

/// State shared by the coordinator and all workers of one package run.
struct WorkerShared {
    std::shared_ptr<const Destination> destination;
    ResolvedConfig config;
    QString datasetName;
    QString stagingDatasetName;
    QString loadId;
    LoadPackage package; ///< workers only write pending-transition markers through it
    const Schema *schema = nullptr;
    const CancelToken *cancel = nullptr;
    LiveCounters *counters = nullptr;
    BlockingQueue<WorkItem> work;
    BlockingQueue<WorkOutcome> outcomes;

    /// Clients currently running a job, so that cancel() can interrupt them.
    QMutex clientsMutex;
    QSet<JobClient *> activeClients;
    void cancelActiveClients();
    void abandonActiveClients();
};

/// A worker of the loader's thread pool: owns one destination client (opened lazily, kept for
/// every job it runs) and pulls jobs until the work queue closes. Catches everything at its
/// edge and reports a WorkOutcome.
class JobWorker : public QRunnable {
public:
    explicit JobWorker(WorkerShared &shared)
        : m_shared(shared)
    {
        setAutoDelete(true);
    }
    void run() override;

private:
    WorkOutcome runOne(const WorkItem &item);
    void classify(WorkOutcome &out, const Error &e, const WorkItem &item) const;
    void guarded(WorkOutcome &out, const WorkItem &item, const std::function<void()> &step) const;
    /// Unregisters the client, drops a connection in an unknown state, records the outcome.
    WorkOutcome finishOne(WorkOutcome &out, const WorkItem &item, bool registered, JobClient *client,
                          const QElapsedTimer &timer);
    WorkerShared &m_shared;
    std::unique_ptr<JobClient> m_client;        ///< bound to the final dataset
    std::unique_ptr<JobClient> m_stagingClient; ///< bound to the staging dataset, when needed
};

} // namespace wharf
