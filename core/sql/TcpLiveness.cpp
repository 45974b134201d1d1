#include "sql/TcpLiveness.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace wharf::tcpliveness {

namespace {

bool isTcp(int fd)
{
    if (fd < 0)
        return false;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return false;
    return address.ss_family == AF_INET || address.ss_family == AF_INET6;
}

bool setInt(int fd, int level, int name, int value)
{
    return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
}

int getInt(int fd, int level, int name)
{
    int value = -1;
    socklen_t length = sizeof value;
    return ::getsockopt(fd, level, name, &value, &length) == 0 ? value : -1;
}

} // namespace

bool apply(int fd)
{
    if (!isTcp(fd))
        return true;
    bool all = setInt(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
    all = setInt(fd, IPPROTO_TCP, TCP_KEEPIDLE, kIdleSeconds) && all;
    all = setInt(fd, IPPROTO_TCP, TCP_KEEPINTVL, kIntervalSeconds) && all;
    all = setInt(fd, IPPROTO_TCP, TCP_KEEPCNT, kProbes) && all;
    return all;
}

bool read(int fd, bool *keepalive, int *idleSeconds)
{
    if (!isTcp(fd))
        return false;
    *keepalive = getInt(fd, SOL_SOCKET, SO_KEEPALIVE) > 0;
    *idleSeconds = getInt(fd, IPPROTO_TCP, TCP_KEEPIDLE);
    return true;
}

} // namespace wharf::tcpliveness
