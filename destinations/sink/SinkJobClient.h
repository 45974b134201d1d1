#pragma once

#include "SinkReceiver.h"
#include "destination/Destination.h"

#include <QString>
#include <atomic>
#include <memory>

namespace wharf::sink {

struct SinkSettings {
    int batchSize = 1000;
    QString dataset;
    /// dlt's skip_dlt_columns_and_tables: `_dlt_*` tables and columns are not sent.
    bool skipDlt = true;
};

/// Runs the sink's jobs: reads each job file, converts its rows to JSON objects, and hands them
/// to the receiver (a command or an HTTP endpoint) batch by batch. After each accepted batch the job's progress (rows
/// accepted) is saved in `<load id>/sink_progress/`; a job that runs again (a retry, a resumed load) starts after them.
/// Each batch carries a stable id (`<load id>/<job>/<batch number>`) so that a receiver can drop the one batch a crash
/// between its acceptance and the saved progress would send again.
class SinkJobClient : public JobClient {
public:
    SinkJobClient(SinkSettings settings, std::unique_ptr<SinkReceiver> receiver);

    void open() override {}
    void close() override {}
    /// Nothing to create: the receiver gets each table's schema with its rows.
    SchemaSyncResult syncSchema(const Schema &, const QStringList &) override { return {}; }
    /// Replace does not empty anything at the receiver (as in dlt).
    void truncateTables(const QStringList &) override {}
    JobResult runJob(const JobContext &ctx) override;
    /// No `_dlt_loads` at a receiver (as in dlt).
    void completeLoad(const QString &, const Schema &) override {}
    void cancel() override { m_cancelled.store(true); }

private:
    SinkSettings m_settings;
    std::unique_ptr<SinkReceiver> m_receiver;
    std::atomic_bool m_cancelled{false};
};

} // namespace wharf::sink
