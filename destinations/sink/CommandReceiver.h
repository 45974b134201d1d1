#pragma once

#include "SinkReceiver.h"

namespace wharf::sink {

/// Hands each batch to a shell command: the rows on stdin, the rest in the environment
/// (WHARF_TABLE, WHARF_BATCH, WHARF_BATCH_ROWS, WHARF_LOAD_ID, WHARF_DATASET, WHARF_SCHEMA).
/// Exit 0 accepts the batch, 75 (EX_TEMPFAIL) asks for it again later, anything else refuses it.
class CommandReceiver : public SinkReceiver {
public:
    explicit CommandReceiver(QString command);
    void deliver(const SinkDelivery &batch, const std::function<bool()> &cancelled) override;

private:
    QString m_command;
};

} // namespace wharf::sink
