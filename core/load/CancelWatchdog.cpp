#include "load/CancelWatchdog.h"

#include "load/LogCategories.h"

#include <chrono>
#include <optional>

namespace wharf {

CancelWatchdog::CancelWatchdog(const CancelToken &cancel, qint64 abandonAfterMs)
    : m_cancel(cancel)
    , m_abandonAfterMs(abandonAfterMs)
    , m_thread([this] { run(); })
{}

CancelWatchdog::~CancelWatchdog()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void CancelWatchdog::watch(JobClient *client)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (client)
        m_clients.insert(client);
}

void CancelWatchdog::unwatch(JobClient *client)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_clients.remove(client);
}

void CancelWatchdog::run()
{
    using namespace std::chrono;
    std::unique_lock<std::mutex> lock(m_mutex);
    std::optional<steady_clock::time_point> cancelledAt;
    bool abandoned = false;
    while (!m_stop) {
        m_wake.wait_for(lock, milliseconds(50));
        if (m_stop || !m_cancel.isCancelled())
            continue;
        const auto now = steady_clock::now();
        if (!cancelledAt) {
            cancelledAt = now;
            for (JobClient *c : std::as_const(m_clients))
                c->cancel();
        } else if (!abandoned && now - *cancelledAt > milliseconds(m_abandonAfterMs)) {
            abandoned = true;
            for (JobClient *c : std::as_const(m_clients))
                c->abandon();
            if (!m_clients.isEmpty())
                qCInfo(lcLoad) << "cancelled: the coordinator's connections were given up on";
        }
    }
}

} // namespace wharf
