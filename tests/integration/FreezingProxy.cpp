#include "FreezingProxy.h"
#include "LoopbackListener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace wharf::test {

FreezingProxy::FreezingProxy(const QString &upstreamHost, int upstreamPort, QByteArray trigger)
    : m_trigger(std::move(trigger))
    , m_upstreamHost(upstreamHost == QLatin1String("localhost") ? QByteArray("127.0.0.1") : upstreamHost.toLatin1())
    , m_upstreamPort(upstreamPort)
{
    m_listen = listenOnLoopback(64, &m_port);
    if (m_listen < 0)
        return;
    m_acceptor = std::thread([this] { acceptLoop(); });
}

FreezingProxy::~FreezingProxy()
{
    m_stop.store(true);
    if (m_acceptor.joinable())
        m_acceptor.join();
    for (std::thread &t : m_pumps)
        t.join();
    for (const int fd : m_sockets)
        ::close(fd);
    if (m_listen >= 0)
        ::close(m_listen);
}

void FreezingProxy::acceptLoop()
{
    while (!m_stop.load()) {
        pollfd pfd{m_listen, POLLIN, 0};
        if (::poll(&pfd, 1, 50) <= 0)
            continue;
        const int client = ::accept(m_listen, nullptr, nullptr);
        if (client < 0)
            continue;
        std::lock_guard<std::mutex> lock(m_mutex);
        m_sockets.push_back(client);
        if (m_frozen.load()) {
            ++m_held; // accepted, never answered
            continue;
        }
        const int server = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(quint16(m_upstreamPort));
        ::inet_pton(AF_INET, m_upstreamHost.constData(), &addr.sin_addr);
        if (server < 0 || ::connect(server, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            if (server >= 0)
                ::close(server);
            continue;
        }
        m_sockets.push_back(server);
        m_pumps.emplace_back([this, client, server] { pump(client, server); });
    }
}

void FreezingProxy::pump(int client, int server)
{
    QByteArray seen; // the client's last bytes, so that a trigger split between reads is found
    char buf[65536];
    while (!m_stop.load()) {
        pollfd pfd[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        if (::poll(pfd, 2, 50) <= 0)
            continue;
        for (int side = 0; side < 2; ++side) {
            if (!(pfd[side].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t n = ::read(pfd[side].fd, buf, sizeof buf);
            if (n <= 0) {
                ::shutdown(client, SHUT_RDWR);
                ::shutdown(server, SHUT_RDWR);
                return;
            }
            if (side == 0) {
                seen = seen.right(m_trigger.size()) + QByteArray(buf, qsizetype(n));
                if (seen.contains(m_trigger))
                    m_frozen.store(true); // before the bytes go on, so before any answer comes back
            }
            const int to = side == 0 ? server : client;
            for (ssize_t sent = 0; sent < n;) {
                const ssize_t w = ::write(to, buf + sent, std::size_t(n - sent));
                if (w <= 0)
                    return;
                sent += w;
            }
        }
    }
}

} // namespace wharf::test
