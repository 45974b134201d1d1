#pragma once

#include "destination/Destination.h"

namespace wharf::sink {

/// Reverse ETL, as dlt's `@dlt.destination` does it without Python: every job's rows go, in
/// batches of `batch_size`, to the user's `url` (one POST per batch: JSON lines as the body,
/// table, batch id and schema as headers; 2xx = accepted) or `command` (JSON lines on stdin,
/// the rest in the environment; exit 0 = accepted). Progress is kept per job in the
/// package folder, so a crashed or cancelled load resumes after the last accepted batch.
/// Write dispositions do not change what is sent (as in dlt): merge and replace rows are handed
/// over like appended ones, and nothing is emptied first.
class SinkDestination : public Destination {
public:
    QString type() const override { return QStringLiteral("sink"); }
    Capabilities capabilities() const override;
    ConfigSpec configSpec() const override;
    std::unique_ptr<JobClient> createClient(const ResolvedConfig &config, const QString &dataset) const override;
    QString displayLocation(const ResolvedConfig &config) const override;
};

} // namespace wharf::sink
