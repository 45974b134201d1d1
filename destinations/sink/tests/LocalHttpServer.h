#pragma once
// A small HTTP/1.1 server for the sink's tests, on its own thread so that the test may block
// (running wharf) while it answers. Each request goes to a handler that says what to answer;
// every request is recorded. Keep-alive, Content-Length bodies only (what Qt's client sends).

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <functional>

struct HttpRequest {
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; ///< names in lower case
    QByteArray body;
    QByteArray header(const char *name) const { return headers.value(QByteArray(name).toLower()); }
};

struct HttpAnswer {
    int status = 200;
    QByteArray body;
    int delayMs = 0;       ///< answer this much later
    bool noAnswer = false; ///< never answer (the caller did something drastic)
};

class LocalHttpServer : public QThread {
public:
    using Handler = std::function<HttpAnswer(const HttpRequest &)>;

    explicit LocalHttpServer(Handler handler)
        : m_handler(std::move(handler))
    {
        start();
        m_ready.acquire();
    }
    ~LocalHttpServer() override
    {
        quit();
        wait();
    }
    quint16 port() const { return m_port; }
    QByteArray url(const char *path = "/batches") const
    {
        return "http://127.0.0.1:" + QByteArray::number(m_port) + path;
    }
    QList<HttpRequest> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        m_port = server.serverPort();
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
                    m_buffers.remove(socket);
                    socket->deleteLater();
                });
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { serve(socket); });
            }
        });
        m_ready.release();
        exec();
    }

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            HttpRequest request;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = request.header("content-length").toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            request.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            {
                QMutexLocker lock(&m_mutex);
                m_requests << request;
            }
            const HttpAnswer answer = m_handler(request);
            if (answer.noAnswer)
                continue;
            const QByteArray reply =
                "HTTP/1.1 " + QByteArray::number(answer.status) +
                " Test\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(answer.body.size()) +
                "\r\n\r\n" + answer.body;
            if (answer.delayMs > 0)
                QTimer::singleShot(answer.delayMs, socket, [socket, reply] { socket->write(reply); });
            else
                socket->write(reply);
        }
    }

    Handler m_handler;
    QSemaphore m_ready;
    quint16 m_port = 0;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    mutable QMutex m_mutex;
    QList<HttpRequest> m_requests;
};
