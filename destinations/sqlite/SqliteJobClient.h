#pragma once

#include "SqliteConnection.h"
#include "sql/SqlJobClient.h"

namespace wharf::sqlite {

/// Job client of the SQLite destination: every job file (insert_values, csv, jsonl,
/// typed-jsonl) is read in streaming batches and inserted through one prepared statement
/// bound per row, inside one transaction per job (never SQL text built from values).
class SqliteJobClient : public SqlJobClient {
public:
    SqliteJobClient(Capabilities caps, const QString &databasePath, const QString &dataset);

    JobResult runJob(const JobContext &ctx) override;

private:
    SqliteConnection &connection();
};

} // namespace wharf::sqlite
