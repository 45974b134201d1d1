#pragma once

#include "MysqlConnection.h"
#include "formats/CsvFormat.h"
#include "sql/SqlJobClient.h"

namespace wharf::mysql {

/// Job client of the MySQL / MariaDB destination: each job's rows are streamed into
/// LOAD DATA LOCAL INFILE (csv, insert_values, jsonl and typed-jsonl alike, converted on the
/// fly), inside one transaction with the job's ledger row.
class MysqlJobClient : public SqlJobClient {
public:
    MysqlJobClient(Capabilities caps, MysqlConnectParams params, const QString &dataset, CsvFormat csv = {});

    JobResult runJob(const JobContext &ctx) override;
    /// The ledger's key must fit InnoDB's 3072 bytes (utf8mb4: 768 characters).
    void prepareLedger() override;
    /// INSERT IGNORE: a row already there (or committed meanwhile by another loader, whose lock
    /// this waits for) changes nothing, and the job rolls back.
    void recordInLedger(const QString &loadId, const QString &key, qint64 rows) override;

    /// The database of Wharf's job ledger, beside the datasets.
    static QString ledgerDatabase() { return QStringLiteral("_wharf"); }

protected:
    QString ledgerTable() const override;
    void createLedgerHome() override;

private:
    MysqlConnection &connection();
    CsvFormat m_csv;
};

} // namespace wharf::mysql
