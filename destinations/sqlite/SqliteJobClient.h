#pragma once

#include "SqliteConnection.h"
#include "formats/CsvFormat.h"
#include "sql/SqlJobClient.h"

namespace wharf::sqlite {

/// Job client of the SQLite destination: every job file (insert_values, csv, jsonl,
/// typed-jsonl) is read in streaming batches and inserted through one prepared statement
/// bound per row, inside one transaction per job (never SQL text built from values).
class SqliteJobClient : public SqlJobClient {
public:
    SqliteJobClient(Capabilities caps, const QString &databasePath, const QString &dataset, CsvFormat csv = {});

    JobResult runJob(const JobContext &ctx) override;
    /// Never creates a file to look: a missing database or dataset file is a new dataset.
    SchemaSyncPreview previewSchemaSync(const Schema &schema, const QStringList &tables) override;

    /// The table of the main database file that holds Wharf's job ledger (README, "The job
    /// ledger"); datasets live in files of their own, so it is never inside one (except the
    /// dataset "main" itself).
    static QString ledgerTableName() { return QStringLiteral("_wharf_job_ledger"); }

protected:
    QString ledgerTable() const override;

private:
    SqliteConnection &connection();

    CsvFormat m_csv;
};

} // namespace wharf::sqlite
