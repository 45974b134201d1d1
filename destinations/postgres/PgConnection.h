#pragma once

#include "sql/SqlClient.h"

#include <QMap>
#include <QString>
#include <atomic>
#include <memory>
#include <mutex>

struct pg_conn;
struct pg_cancel;
struct pg_result;

namespace wharf::postgres {

/// Connection parameters as dlt's postgres credentials (spec 5.8) plus TLS. Handed to libpq as
/// keyword/value arrays (PQconnectdbParams), never as a concatenated URL.
struct PgConnectParams {
    QString host = QStringLiteral("localhost");
    int port = 5432;
    QString database;
    QString username;
    QString password;
    int connectTimeout = 15;
    QString sslmode;
    QString sslrootcert;
    QString sslcert;
    QString sslkey;
    QMap<QString, QString> extra; ///< other libpq keywords (e.g. "options")
    /// For messages: `postgresql://user:***@host:port/db`.
    QString displayLocation() const;
};

/// dlt's PostgreSQL SQL client over libpq (spec 5.2). One PGconn (RAII), used from one thread;
/// cancel() may be called from any thread (PQcancel). Statements use `$n` placeholders bound
/// as text parameters. On open: session time zone UTC and search_path = dataset, public.
class PgConnection : public SqlClient {
public:
    PgConnection(Capabilities caps, PgConnectParams params, QString dataset);
    ~PgConnection() override;

    void open() override;
    void close() override;
    bool isOpen() const override { return m_conn != nullptr; }
    void begin() override;
    void commit() override;
    void rollback() noexcept override;
    bool inTransaction() const override { return m_inTransaction; }
    void execute(const QString &sql, const QVariantList &params = {}) override;
    QList<QVariantList> query(const QString &sql, const QVariantList &params = {}) override;
    QList<QVariantList> queryNamed(const QString &sql, QStringList *columns) override;
    QString placeholder(int index) const override { return QStringLiteral("$%1").arg(index + 1); }
    bool hasDataset() override;
    void createDataset() override;
    void dropDataset() override;
    QMap<QString, QStringList> existingColumns(const QStringList &tables) override;
    /// Sends PQcancel from a thread of its own (never blocks) and stops a connect in progress.
    void cancel() override;
    /// Gives up on the statement in flight: shuts the socket down (callable from any thread).
    void abandon() override;
    /// A transaction-scoped advisory lock keyed by the dataset's name.
    void lockSchemaChanges() override;
    int socketDescriptor() const override;
    /// dlt's PostgresStagingReplaceJob: drop the final table, move the staging one into the
    /// dataset, recreate staging `LIKE` it.
    QStringList swapInStagingTableSql(const QString &table, const QString &stagingDataset) const override;

    /// Runs SQL text given as UTF-8 bytes without parameters (several statements allowed), as
    /// the dlt-faithful INSERT path needs. Throws a classified Error.
    void executeUtf8(const QByteArray &sql, const QString &statementForErrors);

    /// COPY ... FROM STDIN: start, send data (any chunking; ADBC and dlt keep messages below
    /// 16 MiB), end. endCopy() reports the server's verdict; abortCopy() makes the server fail
    /// the COPY (inside a transaction this rolls everything back).
    void beginCopy(const QString &copySql);
    void putCopyData(const char *data, qsizetype size);
    qint64 endCopy();
    void abortCopy(const QString &reason) noexcept;

    const PgConnectParams &params() const { return m_params; }
    pg_conn *handle() const { return m_conn; }

private:
    QList<QVariantList> rowsOf(const QString &sql, const QVariantList &params, QStringList *columns);
    [[noreturn]] void raiseFromConnection(const QString &statement);
    /// Throws the classified error of a failed result; drops a connection the error ended.
    [[noreturn]] void raise(const pg_result *res, const QString &statement);
    bool isAlive() const;
    void afterFailure() noexcept;
    PgConnectParams m_params;
    pg_conn *connectInterruptibly(const char *const *keywords, const char *const *values);
    pg_conn *m_conn = nullptr;
    std::shared_ptr<pg_cancel> m_cancel;
    int m_socket = -1;                       ///< for abandon()
    std::mutex m_cancelMutex;                ///< cancel()/abandon() run on another thread than open()/close()
    std::atomic_bool m_stopRequested{false}; ///< set by cancel(): a connect in progress stops
    bool m_inTransaction = false;
    QString m_copySql;
};

} // namespace wharf::postgres
