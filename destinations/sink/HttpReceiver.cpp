#include "HttpReceiver.h"

#include "Error.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

namespace wharf::sink {

namespace {

bool askAgainLater(int status)
{
    return status == 408 || status == 425 || status == 429 || status >= 500;
}

/// Network failures that may pass (the server restarts, a proxy hiccups) versus ones that will
/// not (a refused TLS certificate, a URL the server does not have).
bool transientNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts this way
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

/// What the server said, short and printable, for the message.
QString snippet(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(400)).simplified();
    if (body.size() > 400)
        text += QStringLiteral("…");
    return text;
}

} // namespace

HttpReceiver::HttpReceiver(HttpSettings settings)
    : m_settings(std::move(settings))
{}

HttpReceiver::~HttpReceiver() = default;

void HttpReceiver::deliver(const SinkDelivery &batch, const std::function<bool()> &cancelled)
{
    // The manager belongs to the thread that uses it; a client moved to another worker makes
    // a new one (and a new connection).
    if (!m_manager || m_manager->thread() != QThread::currentThread())
        m_manager = std::make_unique<QNetworkAccessManager>();

    QNetworkRequest request(m_settings.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-ndjson"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Wharf sink"));
    request.setRawHeader("X-Wharf-Table", batch.table.toUtf8());
    request.setRawHeader("X-Wharf-Batch", batch.batchId.toUtf8());
    request.setRawHeader("X-Wharf-Batch-Rows", QByteArray::number(batch.rows));
    request.setRawHeader("X-Wharf-Load-Id", batch.loadId.toUtf8());
    request.setRawHeader("X-Wharf-Dataset", batch.dataset.toUtf8());
    request.setRawHeader("X-Wharf-Schema", batch.schemaJson);
    if (!m_settings.token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_settings.token);
    for (const auto &[name, value] : std::as_const(m_settings.headers))
        request.setRawHeader(name, value);
    request.setTransferTimeout(m_settings.timeoutMs);
    // 307/308 keep the POST; other redirects of a POST are not followed.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);

    std::unique_ptr<QNetworkReply> reply(m_manager->post(request, batch.lines));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer poll;
    bool wasCancelled = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (cancelled()) {
            wasCancelled = true;
            reply->abort();
        }
    });
    poll.start(50);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    poll.stop();
    if (wasCancelled)
        throw Error(ErrorKind::Cancelled, QStringLiteral("cancelled"));

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const QString what = QStringLiteral("batch %1 of %2").arg(batch.batchNumber).arg(batch.jobId);
    const QString where = m_settings.url.toDisplayString(QUrl::RemoveUserInfo);
    if (status >= 200 && status < 300)
        return;
    if (status > 0) {
        const QString said = snippet(body);
        const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        throw Error(
            askAgainLater(status) ? ErrorKind::Transient : ErrorKind::Terminal,
            QStringLiteral("%1 %2 %3: HTTP %4%5%6")
                .arg(where, askAgainLater(status) ? QStringLiteral("asked again later for") : QStringLiteral("refused"),
                     what)
                .arg(status)
                .arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + reason,
                     said.isEmpty() ? QString() : QStringLiteral(" - ") + said));
    }
    const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError;
    throw Error(transientNetworkError(reply->error()) ? ErrorKind::Transient : ErrorKind::Terminal,
                QStringLiteral("cannot send %1 to %2: %3")
                    .arg(what, where,
                         timedOut ? QStringLiteral("no answer within %1 s").arg(m_settings.timeoutMs / 1000.0)
                                  : reply->errorString()));
}

} // namespace wharf::sink
