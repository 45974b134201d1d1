#pragma once

namespace wharf {

/// How a connection notices a server that vanished without closing it (a cut network, a host
/// gone): TCP keepalives while it waits for an answer, and a limit on data the server has not
/// acknowledged while it sends. About two minutes instead of the system's two hours (or, while
/// sending, about fifteen minutes). A live server that is merely slow answers both, whatever
/// the statement's length.
namespace tcpliveness {

constexpr int kIdleSeconds = 60;       ///< quiet time before the first probe
constexpr int kIntervalSeconds = 10;   ///< between probes
constexpr int kProbes = 6;             ///< unanswered probes that end the connection
constexpr int kUserTimeoutMs = 120000; ///< unacknowledged data that ends the connection

/// Sets the above on `fd` when it is a TCP socket (nothing for a Unix socket or -1). Returns
/// false when the system refused one of them (the connection works regardless).
bool apply(int fd);

/// What `fd` has (for tests): whether keepalives are on, the idle seconds, the user timeout in
/// ms; false when `fd` is not a TCP socket.
bool read(int fd, bool *keepalive, int *idleSeconds, int *userTimeoutMs);

} // namespace tcpliveness
} // namespace wharf
