// The job ledger of SQL destinations (README, "The job ledger"): one row per committed load or
// follow-up job, inserted inside that job's own transaction. A crash, a lost connection during
// COMMIT, or a second loader can then never make a job's rows count twice: before a job runs
// the loader asks the ledger, and a job that finds its row already there rolls back.
#include "sql/SqlJobClient.h"

#include "Error.h"
#include "sql/MergeSql.h"

namespace wharf {

void SqlJobClient::prepareLedger()
{
    const QString table = ledgerTable();
    if (table.isEmpty())
        return;
    open();
    const QString ddl =
        QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (%2 VARCHAR(1024) NOT NULL, %3 VARCHAR(64) NOT NULL, "
                       "%4 VARCHAR(1024) NOT NULL, %5 BIGINT NOT NULL, "
                       "%6 TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (%2, %3, %4))")
            .arg(table, ledgerColumn("dataset_name"), ledgerColumn("load_id"), ledgerColumn("job_key"),
                 ledgerColumn("row_count"), ledgerColumn("recorded_at"));
    try {
        createLedgerHome();
        m_sql->execute(ddl);
    } catch (const Error &) {
        // Two loaders creating it at once: PostgreSQL may refuse the second CREATE ... IF NOT
        // EXISTS with a unique violation on its catalog. Fine if the table is there now.
        m_sql->query(QStringLiteral("SELECT 1 FROM %1 WHERE 1 = 0").arg(table));
    }
}

std::optional<qint64> SqlJobClient::ledgerEntry(const QString &loadId, const QString &key)
{
    const QString table = ledgerTable();
    if (table.isEmpty())
        return std::nullopt;
    open();
    const auto rows = m_sql->query(QStringLiteral("SELECT %1 FROM %2 WHERE %3 = %4 AND %5 = %6 AND %7 = %8")
                                       .arg(ledgerColumn("row_count"), table, ledgerColumn("dataset_name"),
                                            m_sql->placeholder(0), ledgerColumn("load_id"), m_sql->placeholder(1),
                                            ledgerColumn("job_key"), m_sql->placeholder(2)),
                                   {m_sql->datasetName(), loadId, key});
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first().value(0).toLongLong();
}

void SqlJobClient::recordInLedger(const QString &loadId, const QString &key, qint64 rows)
{
    const QString table = ledgerTable();
    if (table.isEmpty())
        return;
    requireLedgerTransaction(loadId, key);
    // ON CONFLICT DO NOTHING waits for a concurrent transaction holding the same key and then
    // returns no row: that loader won, this job rolls back.
    const auto inserted = m_sql->query(
        QStringLiteral("INSERT INTO %1 (%2, %3, %4, %5) VALUES (%6, %7, %8, %9) ON CONFLICT DO NOTHING "
                       "RETURNING %4")
            .arg(table, ledgerColumn("dataset_name"), ledgerColumn("load_id"), ledgerColumn("job_key"),
                 ledgerColumn("row_count"))
            .arg(m_sql->placeholder(0), m_sql->placeholder(1), m_sql->placeholder(2), m_sql->placeholder(3)),
        {m_sql->datasetName(), loadId, key, rows});
    if (inserted.isEmpty())
        throw AlreadyRecorded(QStringLiteral("job %1 of load %2 is already loaded into dataset %3 (the job ledger has "
                                             "it); this attempt was rolled back")
                                  .arg(key, loadId, m_sql->datasetName()));
}

void SqlJobClient::requireLedgerTransaction(const QString &loadId, const QString &key) const
{
    if (!m_sql->inTransaction())
        throw Error(ErrorKind::Internal, QStringLiteral("the job ledger is written only inside the job's transaction "
                                                        "(job %1 of load %2)")
                                             .arg(key, loadId));
}

void SqlJobClient::forgetLoad(const QString &loadId)
{
    const QString table = ledgerTable();
    if (table.isEmpty())
        return;
    open();
    // The staging dataset's jobs are recorded under its own name. Constraints still owed to a
    // table (row_count -1, SqlDeferredIndexes.cpp) stay until they are built.
    m_sql->execute(QStringLiteral("DELETE FROM %1 WHERE %2 = %3 AND %4 IN (%5, %6) AND %7 >= 0")
                       .arg(table, ledgerColumn("load_id"), m_sql->placeholder(0), ledgerColumn("dataset_name"),
                            m_sql->placeholder(1), m_sql->placeholder(2), ledgerColumn("row_count")),
                   {loadId, m_sql->datasetName(), stagingDatasetName(m_sql->datasetName())});
}

} // namespace wharf
