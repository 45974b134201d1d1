#pragma once

#include "destination/Destination.h"

#include <QSet>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace wharf {

/// Gives the coordinator's own connections what cancelled jobs get: once the load is cancelled
/// it cancels their statement, and `abandonAfterMs` later abandons them (JobClient::abandon),
/// from a thread of its own - the coordinator itself may be the one blocked, inside a merge or
/// the `_dlt_loads` insert, on a server that stopped answering. Clients must be unwatched before
/// they are destroyed; the destructor stops the thread.
class CancelWatchdog {
public:
    CancelWatchdog(const CancelToken &cancel, qint64 abandonAfterMs);
    ~CancelWatchdog();
    CancelWatchdog(const CancelWatchdog &) = delete;
    CancelWatchdog &operator=(const CancelWatchdog &) = delete;

    void watch(JobClient *client);
    /// Returns once no call on `client` is in progress.
    void unwatch(JobClient *client);

private:
    void run();
    const CancelToken &m_cancel;
    const qint64 m_abandonAfterMs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    QSet<JobClient *> m_clients;
    std::thread m_thread;
};

} // namespace wharf
