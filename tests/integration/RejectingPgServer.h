#pragma once

#include <QStringList>
#include <QtEndian>

#include "LoopbackListener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace wharf::test::pg {

// ---------------------------------------------------------------------------------------------
// A stand-in for a PostgreSQL server whose pg_hba asks for a password and rejects it: it speaks
// the start of protocol 3.0 (refuses SSL/GSS encryption, asks for a cleartext password, answers
// FATAL 28P01 exactly as PostgreSQL 15 words it). Needed because a test server on a trust
// pg_hba accepts any password. It records the passwords it was sent.

class RejectingPgServer {
public:
    RejectingPgServer()
    {
        m_listen = listenOnLoopback(8, &m_port);
        if (m_listen < 0)
            return;
        m_thread = std::thread([this] { serve(); });
    }
    ~RejectingPgServer()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        if (m_listen >= 0)
            ::close(m_listen);
    }
    RejectingPgServer(const RejectingPgServer &) = delete;
    RejectingPgServer &operator=(const RejectingPgServer &) = delete;

    bool isListening() const { return m_listen >= 0; }
    int port() const { return m_port; }
    QStringList passwordsReceived() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_passwords;
    }

private:
    static bool readExactly(int fd, char *buf, std::size_t n)
    {
        while (n > 0) {
            const ssize_t k = ::recv(fd, buf, n, 0);
            if (k <= 0)
                return false;
            buf += k;
            n -= std::size_t(k);
        }
        return true;
    }
    static bool readInt32(int fd, quint32 &v)
    {
        char b[4];
        if (!readExactly(fd, b, 4))
            return false;
        v = qFromBigEndian<quint32>(b);
        return true;
    }
    static QByteArray int32(quint32 v)
    {
        QByteArray b(4, '\0');
        qToBigEndian(v, b.data());
        return b;
    }
    static void sendAll(int fd, const QByteArray &data)
    {
        qsizetype done = 0;
        while (done < data.size()) {
            const ssize_t k = ::send(fd, data.constData() + done, std::size_t(data.size() - done), MSG_NOSIGNAL);
            if (k <= 0)
                return;
            done += k;
        }
    }
    void serve()
    {
        while (!m_stop) {
            pollfd p{m_listen, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0)
                continue;
            const int client = ::accept(m_listen, nullptr, nullptr);
            if (client < 0)
                continue;
            timeval tv{5, 0};
            ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            handle(client);
            ::close(client);
        }
    }
    void handle(int client)
    {
        QByteArray user;
        for (;;) {
            quint32 len = 0;
            if (!readInt32(client, len) || len < 8 || len > 65536)
                return;
            QByteArray body(qsizetype(len - 4), '\0');
            if (!readExactly(client, body.data(), std::size_t(body.size())))
                return;
            const quint32 code = qFromBigEndian<quint32>(body.constData());
            if (code == 80877103u || code == 80877104u) { // SSLRequest, GSSENCRequest: not offered
                sendAll(client, QByteArray("N", 1));
                continue;
            }
            if (code != 196608u) // StartupMessage of protocol 3.0
                return;
            const QList<QByteArray> kv = body.mid(4).split('\0');
            for (qsizetype k = 0; k + 1 < kv.size(); k += 2)
                if (kv[k] == "user")
                    user = kv[k + 1];
            break;
        }
        sendAll(client, QByteArray("R") + int32(8) + int32(3)); // AuthenticationCleartextPassword
        char type = 0;
        quint32 len = 0;
        if (!readExactly(client, &type, 1) || type != 'p' || !readInt32(client, len) || len < 5 || len > 65536)
            return;
        QByteArray password(qsizetype(len - 4), '\0');
        if (!readExactly(client, password.data(), std::size_t(password.size())))
            return;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_passwords.append(QString::fromUtf8(password.left(password.indexOf('\0'))));
        }
        QByteArray fields;
        const auto add = [&](char f, const QByteArray &v) {
            fields += f;
            fields += v;
            fields += '\0';
        };
        add('S', "FATAL");
        add('V', "FATAL");
        add('C', "28P01");
        add('M', "password authentication failed for user \"" + user + "\"");
        add('F', "auth.c");
        add('L', "326");
        add('R', "auth_failed");
        fields += '\0';
        sendAll(client, QByteArray("E") + int32(quint32(fields.size() + 4)) + fields);
    }

    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    QStringList m_passwords;
    std::thread m_thread;
};

} // namespace wharf::test::pg
