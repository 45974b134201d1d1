#pragma once

#include "destination/Destination.h"
#include "sql/SqlClient.h"
#include "sql/TypeMapper.h"

#include <memory>

namespace wharf {

class DdlBuilder;

/// The part of a job client every SQL destination shares (dlt's SqlJobClientBase): schema
/// migration keyed by the schema's version hash, `_dlt_version` and `_dlt_loads` bookkeeping.
/// Destinations subclass it and implement runJob().
class SqlJobClient : public JobClient {
public:
    SqlJobClient(std::unique_ptr<SqlClient> sql, std::unique_ptr<TypeMapper> types, bool createIndexes);

    void open() override;
    void close() override;
    SchemaSyncResult syncSchema(const Schema &schema, const QStringList &tables) override;
    SchemaSyncPreview previewSchemaSync(const Schema &schema, const QStringList &tables) override;
    void completeLoad(const QString &loadId, const Schema &schema) override;
    void truncateTables(const QStringList &tables) override;
    void dropTables(const QStringList &tables, const QString &schemaName) override;
    /// Merge chains get dlt's SQL of their strategy, replace chains through staging dlt's copy
    /// or swap, both reading the staging dataset (spec 8.1-8.4).
    QList<FollowUpJob> followUpJobs(const Schema &schema, const QStringList &chain, const WriteStrategy &write,
                                    const QString &packageCreatedAt) override;
    /// Runs the statements in one transaction (always, spec Q3), then drops its temp tables.
    void runFollowUp(const FollowUpJob &job, const CancelToken &cancel) override;
    void cancel() override;
    void abandon() override { m_sql->abandon(); }

    bool hasLedger() const override { return !ledgerTable().isEmpty(); }
    void prepareLedger() override;
    std::optional<qint64> ledgerEntry(const QString &loadId, const QString &key) override;
    void recordInLedger(const QString &loadId, const QString &key, qint64 rows) override;
    void forgetLoad(const QString &loadId) override;

    /// Indexes after rows: deferred constraints are owed through marker rows in the job ledger
    /// (key `<table>#indexes`, row_count -1), written in the CREATE's transaction.
    bool deferIndexes(const QStringList &tables, const QString &loadId) override;
    void buildDeferredIndexes(const Schema &schema, const QStringList &tables) override;
    void discardDeferredTable(const Schema &schema, const QString &table, const QString &loadId,
                              const QStringList &jobKeys) override;

    /// Lets deferIndexes() work: the destination can add its constraints later under the names
    /// it would have given them in CREATE TABLE (PostgreSQL). Off by default.
    void setIndexesAfterRows(bool on) { m_indexesAfterRows = on; }

    SqlClient &sql() { return *m_sql; }
    const TypeMapper &types() const { return *m_types; }

    /// Is the schema's version hash recorded in `_dlt_version`? False when the table or the
    /// dataset is missing.
    bool isSchemaStored(const QString &versionHash);
    /// `schema` text as stored: compressed (zlib + base64) when larger than the capability
    /// max_text_data_type_length (spec 2.12).
    static QByteArray encodeStoredSchema(const QByteArray &json, qint64 maxTextLength);

protected:
    /// The tables of `schema` named in `tables` (all when empty) that need DDL against what the
    /// dataset has now (nothing, when it does not exist: no catalog query), with their update;
    /// in the order given. Needs an open connection when the dataset exists.
    QList<std::pair<const Table *, TableUpdate>> pendingUpdates(const Schema &schema, const QStringList &tables,
                                                                bool datasetExists = true);
    /// previewSchemaSync() once it is known whether the dataset exists (a dataset that does
    /// not needs no connection).
    SchemaSyncPreview previewWith(const Schema &schema, const QStringList &tables, bool datasetExists);

    /// The ledger table, qualified for this connection, outside the dataset (dlt's datasets
    /// stay exactly as dlt makes them); empty when the destination keeps none.
    virtual QString ledgerTable() const { return {}; }
    /// Creates what the ledger table lives in (a schema), when it needs one.
    virtual void createLedgerHome() {}
    /// Throws Error(Internal) unless a transaction is open: a ledger row written alone would say
    /// job `key` is loaded while its rows were not committed with it.
    void requireLedgerTransaction(const QString &loadId, const QString &key) const;

    std::unique_ptr<SqlClient> m_sql;
    std::unique_ptr<TypeMapper> m_types;
    bool m_createIndexes;

private:
    /// A column of the ledger table, escaped for this connection.
    QString ledgerColumn(const char *name) const { return m_sql->escapeIdentifier(QLatin1String(name)); }
    /// Can this client leave a new table's constraints for after its rows (deferIndexes)?
    bool canDeferIndexes() const;
    /// In syncSchema's transaction: records that `table`'s constraints are owed.
    void oweIndexes(const QString &table);
    /// In the caller's transaction: adds `table`'s constraints and deletes its record.
    void payIndexes(const DdlBuilder &ddl, const Table &table);
    /// Says which values of `table`'s unique columns repeat (after a failed ALTER).
    QString describeDuplicates(const Table &table);

    bool m_indexesAfterRows = false;
    QStringList m_deferredTables; ///< deferIndexes(): created without their constraints
    QString m_deferringLoadId;
};

} // namespace wharf
