#pragma once

#include <QByteArray>
#include <QString>
#include <functional>

namespace wharf::sink {

/// One batch on its way to the receiver, with everything it is told about it.
struct SinkDelivery {
    QString table;
    QString batchId; ///< `<load id>/<table>.<file id>/<batch number>`: the same on every resend
    QString jobId;   ///< `<table>.<file id>`, for messages
    qint64 batchNumber = 0;
    int rows = 0;
    QString loadId;
    QString dataset;
    QByteArray schemaJson; ///< the table's name and columns with dlt's types, ASCII JSON
    QByteArray lines;      ///< the rows, one JSON object per line
};

/// Where the sink's batches go: the user's command or an HTTP endpoint. deliver() returns when
/// the receiver accepted the batch and throws Error otherwise: Transient when it asked for the
/// batch again later (the loader retries the job with back-off), Terminal when it refused it,
/// Cancelled when `cancelled` turned true while waiting.
class SinkReceiver {
public:
    virtual ~SinkReceiver() = default;
    virtual void deliver(const SinkDelivery &batch, const std::function<bool()> &cancelled) = 0;
};

} // namespace wharf::sink
