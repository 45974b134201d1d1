#pragma once

#include "SinkReceiver.h"

#include <QList>
#include <QPair>
#include <QUrl>
#include <memory>

class QNetworkAccessManager;

namespace wharf::sink {

struct HttpSettings {
    QUrl url;
    int timeoutMs = 30000; ///< no byte moved for this long: the batch is asked again later
    QByteArray token;      ///< sent as `Authorization: Bearer <token>` when set
    QList<QPair<QByteArray, QByteArray>> headers;
};

/// POSTs each batch to an HTTP endpoint: the rows as the body (`application/x-ndjson`), the rest
/// as headers (X-Wharf-Table, X-Wharf-Batch, X-Wharf-Batch-Rows, X-Wharf-Load-Id,
/// X-Wharf-Dataset, X-Wharf-Schema). A 2xx answer accepts the batch; 408, 429, 5xx, a timeout
/// or a broken connection ask for it again later; any other answer refuses it.
/// Runs a local event loop on the calling (worker) thread while it waits.
class HttpReceiver : public SinkReceiver {
public:
    explicit HttpReceiver(HttpSettings settings);
    ~HttpReceiver() override;
    void deliver(const SinkDelivery &batch, const std::function<bool()> &cancelled) override;

private:
    HttpSettings m_settings;
    std::unique_ptr<QNetworkAccessManager> m_manager; ///< lives on the thread that delivers
};

} // namespace wharf::sink
