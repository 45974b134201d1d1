#pragma once

namespace wharf {

/// How a connection notices a server that vanished without closing it (a cut network, a host
/// gone) while it waits for an answer: TCP keepalives, about two minutes instead of the
/// system's two hours. A live server's system answers them however long its statement runs.
/// (While sending, the system gives up on unacknowledged data by itself, in about fifteen
/// minutes. A shorter TCP_USER_TIMEOUT is not set: Linux applies it to a closed receive window
/// too, so a COPY waiting on another session's lock would be cut off.)
namespace tcpliveness {

constexpr int kIdleSeconds = 60;       ///< quiet time before the first probe
constexpr int kIntervalSeconds = 10;   ///< between probes
constexpr int kProbes = 6;             ///< unanswered probes that end the connection

/// Sets the above on `fd` when it is a TCP socket (nothing for a Unix socket or -1). Returns
/// false when the system refused one of them (the connection works regardless).
bool apply(int fd);

/// What `fd` has (for tests): whether keepalives are on and the idle seconds; false when `fd`
/// is not a TCP socket.
bool read(int fd, bool *keepalive, int *idleSeconds);

} // namespace tcpliveness
} // namespace wharf
