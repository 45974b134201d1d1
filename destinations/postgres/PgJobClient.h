#pragma once

#include "PgBinaryEncoder.h"
#include "PgConnection.h"
#include "formats/CsvFormat.h"
#include "sql/SqlJobClient.h"

#include <QMutex>
#include <optional>

namespace wharf {
class RowReader;
}

namespace wharf::postgres {

class RowStreamEncoder;

/// How rows of insert_values and jsonl files reach PostgreSQL.
enum class LoadMethod {
    Copy,   ///< rows converted on the fly into a COPY ... FROM STDIN stream (the fast default)
    Insert, ///< dlt-faithful: INSERT statements rebuilt from the parsed rows, split as dlt splits them
};

/// Job client of the PostgreSQL destination. csv files stream unparsed into COPY FROM STDIN
/// (spec 7.3); insert_values/jsonl/typed-jsonl rows become a COPY stream (or, with
/// LoadMethod::Insert, insert_values rows as INSERT statements rebuilt from the parsed file,
/// spec 7.2). One transaction per job.
class PgJobClient : public SqlJobClient {
public:
    PgJobClient(Capabilities caps, PgConnectParams params, const QString &dataset, LoadMethod method,
                bool createIndexes, CsvFormat csv = {});

    JobResult runJob(const JobContext &ctx) override;
    /// As SqlJobClient's, after making sure PostGIS is there when a table has geometry columns
    /// (dlt's postgres_adapter): without it nothing is created and the error says what to do.
    SchemaSyncResult syncSchema(const Schema &schema, const QStringList &tables) override;

    PgConnection &connection();
    /// max_connections less the superuser reserve and the sessions open, or the role's
    /// CONNECTION LIMIT less its sessions, whichever is smaller.
    int freeConnections() override;

    /// Also interrupts the second connection of a job split over two (copySplit).
    void cancel() override;
    void abandon() override;

    /// Parsed job files at least this large (bytes on disk) load over two connections when
    /// the loader has one to spare (JobContext::spareConnections); 0: never.
    void setSplitJobBytes(qint64 bytes) { m_splitJobBytes = bytes; }

    /// COPY (FORMAT binary) for the rows Wharf parses, where the table's column types allow
    /// (the default); false: always COPY text (copy_format = "text").
    void setBinaryCopy(bool on) { m_binaryCopy = on; }

    /// The schema that holds Wharf's job ledger, beside the datasets (README, "The job ledger").
    static QString ledgerSchema() { return QStringLiteral("_wharf"); }

protected:
    QString ledgerTable() const override;
    void createLedgerHome() override;

private:
    JobResult copyCsv(const JobContext &ctx);
    JobResult copyRows(const JobContext &ctx);
    JobResult insertParsedRows(const JobContext &ctx);
    /// A second client on its own connection for `ctx`'s job, when the job may and should
    /// split (spare connection, large file, a ledger); nullptr otherwise or when it cannot
    /// connect. Registered for cancel() until copySplit ends.
    std::unique_ptr<PgJobClient> splitHelper(const JobContext &ctx);
    /// The rows an earlier run committed as the second part of `ctx`'s job (copySplit), or
    /// nullopt: then the whole file is to be loaded.
    std::optional<qint64> committedSecondPart(const JobContext &ctx);
    /// In the open transaction of a job that loads its whole file: records the second part's
    /// ledger key too, so that a split of the same job committing at the same time (another
    /// loader, or a COMMIT whose answer was lost) makes one of the two roll back. A conflict
    /// is a transient error: the next attempt finds the part and loads the first part alone.
    void claimWholeJob(const JobContext &ctx);
    /// Loads the rows of `reader` as two COPY streams at once, the second over `helper`, in
    /// blocks of kSplitBlockRows; commits the second part with its ledger key first, then the
    /// first with the job's (PgSplitCopy.cpp).
    JobResult copySplit(const JobContext &ctx, RowReader &reader, RowStreamEncoder &encoder, const QString &sql,
                        PgJobClient &helper);
    /// The binary form of each of `columns` from `table`'s column types in the catalog; empty
    /// when one has none (the job then goes as COPY text).
    std::vector<PgWire> binaryWires(const QString &table, const QList<Column> &columns);
    LoadMethod m_method;
    bool m_binaryCopy = true;
    CsvFormat m_csv; ///< [destination.postgres.csv_format]
    qint64 m_splitJobBytes = 0;
    QMutex m_helperMutex;
    PgJobClient *m_helper = nullptr; ///< the running copySplit's second client
    friend class SplitHelperRegistration;
};

} // namespace wharf::postgres
