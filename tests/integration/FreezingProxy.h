#pragma once

// A TCP proxy in front of the test server that stops answering new connections once a client
// has sent a given byte string: the connections already made keep working, every later one is
// accepted and then never answered, as a server that froze during a connect. For the tests of
// what Cancel reaches while a connection opens.
#include <QByteArray>
#include <QString>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace wharf::test {

class FreezingProxy {
public:
    /// Forwards to upstreamHost:upstreamPort (an IPv4 address) until a client sends `trigger`.
    FreezingProxy(const QString &upstreamHost, int upstreamPort, QByteArray trigger);
    ~FreezingProxy();
    FreezingProxy(const FreezingProxy &) = delete;
    FreezingProxy &operator=(const FreezingProxy &) = delete;

    /// The port it listens on (127.0.0.1), or 0 when it could not listen.
    int port() const { return m_port; }
    /// A client sent the trigger: new connections are no longer answered.
    bool frozen() const { return m_frozen.load(); }
    /// Connections accepted after the freeze.
    int heldConnections() const { return m_held.load(); }

private:
    void acceptLoop();
    void pump(int client, int server);

    QByteArray m_trigger;
    QByteArray m_upstreamHost;
    int m_upstreamPort;
    int m_listen = -1;
    int m_port = 0;
    std::atomic_bool m_stop{false};
    std::atomic_bool m_frozen{false};
    std::atomic_int m_held{0};
    std::mutex m_mutex;
    std::vector<int> m_sockets; ///< every socket it opened, closed at the end
    std::vector<std::thread> m_pumps;
    std::thread m_acceptor;
};

} // namespace wharf::test
