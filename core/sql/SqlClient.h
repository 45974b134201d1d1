#pragma once

#include "destination/Capabilities.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace wharf {

/// dlt's SQL-client contract (spec 5.1): one native connection, bound to a dataset. Not
/// thread-safe (except cancel()); every method may throw wharf::Error classified by the
/// destination. Parameters are always bound by the driver, never interpolated.
class SqlClient {
public:
    virtual ~SqlClient() = default;

    virtual void open() = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;

    virtual void begin() = 0;
    virtual void commit() = 0;
    /// Never throws; a failed rollback closes the connection.
    virtual void rollback() noexcept = 0;
    virtual bool inTransaction() const = 0;

    /// Runs one statement; `params` bind to placeholder(0..n-1).
    virtual void execute(const QString &sql, const QVariantList &params = {}) = 0;
    /// Runs one statement and returns all rows.
    virtual QList<QVariantList> query(const QString &sql, const QVariantList &params = {}) = 0;
    /// Runs one statement (no parameters) and returns its rows with the names of its result
    /// columns in `columns` (empty for a statement without a result): what a person typed in
    /// the SQL console (SDK 3). Default: Error(Config), the destination cannot.
    virtual QList<QVariantList> queryNamed(const QString &sql, QStringList *columns);
    /// The text of the n-th (0-based) placeholder: "?" (SQLite) or "$1" (PostgreSQL).
    virtual QString placeholder(int index) const = 0;

    virtual bool hasDataset() = 0;
    virtual void createDataset() = 0;
    virtual void dropDataset() = 0;
    /// Columns the destination has for each table (missing tables are absent from the map),
    /// names as stored in the catalog, in ordinal order.
    virtual QMap<QString, QStringList> existingColumns(const QStringList &tables) = 0;

    virtual void cancel() = 0;
    /// After cancel() went unanswered (the server froze): give up on the statement in flight
    /// from another thread so that its caller returns with an error. Default: nothing.
    virtual void abandon() {}

    /// Makes another dataset of the same database reachable by qualified names on this
    /// connection (SQLite attaches its file; schemas need nothing). For merge SQL that reads
    /// the staging dataset.
    virtual void attachDataset(const QString &) {}

    /// Keeps other loaders from changing this dataset's schema until unlockSchemaChanges() or,
    /// inside a transaction, its end: two packages loaded at once must not both create a table.
    /// Called inside the schema transaction where DDL is transactional. Default: nothing (a
    /// destination whose transactions already take a write lock, like SQLite's IMMEDIATE).
    virtual void lockSchemaChanges() {}
    /// Releases what lockSchemaChanges() took outside a transaction. Never throws.
    virtual void unlockSchemaChanges() noexcept {}

    /// The open connection's socket (-1: none, or an embedded database), so that a test can
    /// see that a vanished server is noticed (sql/TcpLiveness.h).
    virtual int socketDescriptor() const { return -1; }

    const QString &datasetName() const { return m_dataset; }
    const Capabilities &capabilities() const { return m_caps; }

    /// dlt writes `%s` for positional parameters: turns each `%s` outside quotes (`'`, `"`, backticks) and comments
    /// into placeholder(n) and `%%` into `%` (quote-aware, unlike dlt's duckdb client, spec Q15).
    /// SQL already written with the destination's own placeholders passes through unchanged.
    QString translatePlaceholders(const QString &sql) const;

    /// Quotes an identifier the destination's way (spec 5.6), after case folding.
    QString escapeIdentifier(const QString &name) const;
    /// Quotes a name exactly as the catalog holds it (no folding, no escaping of its characters
    /// beyond the quote itself): `"…"` with `"` doubled. A dialect hook: MySQL quotes with
    /// backticks. escapeIdentifier() folds and escapes first (dlt's escape_identifier).
    virtual QString quoteIdentifier(const QString &name) const;
    /// `"dataset"."table"`.
    QString qualifiedTableName(const QString &table) const;
    /// `"dataset"."table"` of another dataset of the same database (staging; attachDataset()
    /// first where the destination needs it).
    QString qualifiedTableName(const QString &dataset, const QString &table) const;
    /// The statement that empties `qualifiedTable`: TRUNCATE TABLE where the destination has it
    /// (spec 5.5), else DELETE FROM.
    QString truncateTableSql(const QString &qualifiedTable) const;

    // Dialect hooks for follow-up SQL.

    /// The text of `expressions` joined (scd2's compound merge key). Default: CONCAT(...).
    virtual QString concatSql(const QStringList &expressions) const;
    /// dlt's staging-optimized replace for `table`: statements that put the staging table in
    /// place of the final one and leave an empty staging table like it. Empty (the default)
    /// when the destination cannot: replace then truncates and inserts from staging.
    virtual QStringList swapInStagingTableSql(const QString &table, const QString &stagingDataset) const;
    /// The head of a DELETE whose WHERE refers to `table` by `alias`. Default:
    /// `DELETE FROM <table> AS <alias>`; MariaDB wants `DELETE <alias> FROM <table> AS <alias>`.
    virtual QString aliasedDeleteSql(const QString &qualifiedTable, const QString &alias) const;
    /// A timestamp literal of `utc` (`YYYY-MM-DD HH:MM:SS[.ffffff]`, in UTC). Default: with
    /// `+00:00`, as dlt writes it; MySQL's DATETIME refuses an offset.
    virtual QString timestampLiteral(const QString &utc) const;

protected:
    SqlClient(Capabilities caps, QString dataset)
        : m_caps(std::move(caps))
        , m_dataset(std::move(dataset))
    {}
    Capabilities m_caps;
    QString m_dataset;
};

/// Runs `body` in a transaction: commits on return, rolls back and rethrows on exception.
template <typename F> void inTransaction(SqlClient &client, F &&body)
{
    client.begin();
    try {
        body();
        client.commit();
    } catch (...) {
        client.rollback();
        throw;
    }
}

} // namespace wharf
