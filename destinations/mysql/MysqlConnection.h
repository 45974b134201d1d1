#pragma once

#include "sql/SqlClient.h"

#include <QMap>
#include <QString>
#include <atomic>
#include <functional>
#include <mutex>

struct st_mysql;

namespace wharf::mysql {

/// Connection parameters as dlt's sqlalchemy credentials for `mysql://` URLs.
struct MysqlConnectParams {
    QString host = QStringLiteral("localhost");
    int port = 3306;
    QString database; ///< the session's default database (the dataset is a database of its own)
    QString username;
    QString password;
    int connectTimeout = 15;
    QString unixSocket;             ///< query `unix_socket=` of the URL
    QString sslCa, sslCert, sslKey; ///< query `ssl_ca=`, `ssl_cert=`, `ssl_key=`
    /// For messages: `mysql://user:***@host:port/db`.
    QString displayLocation() const;
};

/// Where LOAD DATA LOCAL INFILE reads from: the job's rows, produced while the server asks for
/// them. fill() writes up to `size` bytes and returns how many (0 at the end, -1 on an error it
/// keeps for the caller).
using InfileSource = std::function<long(char *buffer, unsigned size)>;

/// The SQL client of MySQL and MariaDB over libmariadb. One MYSQL handle (RAII), used from one
/// thread; cancel() may be called from any thread (KILL QUERY on a connection of its own).
/// A dataset is a database. Parameters are bound by server-side prepared statements (`?`); the
/// session runs in UTC with strict SQL mode, so that a bad value is an error, never a silent
/// truncation.
class MysqlConnection : public SqlClient {
public:
    MysqlConnection(Capabilities caps, MysqlConnectParams params, QString dataset);
    ~MysqlConnection() override;

    void open() override;
    void close() override;
    bool isOpen() const override { return m_db != nullptr; }
    void begin() override;
    void commit() override;
    void rollback() noexcept override;
    bool inTransaction() const override;
    void execute(const QString &sql, const QVariantList &params = {}) override;
    QList<QVariantList> query(const QString &sql, const QVariantList &params = {}) override;
    QList<QVariantList> queryNamed(const QString &sql, QStringList *columns) override;
    QString placeholder(int) const override { return QStringLiteral("?"); }
    bool hasDataset() override;
    void createDataset() override;
    void dropDataset() override;
    QMap<QString, QStringList> existingColumns(const QStringList &tables) override;
    /// KILL QUERY on a second connection: the statement in flight fails with error 1317.
    void cancel() override;
    /// Shuts the socket down (callable from any thread): the statement in flight fails at once.
    void abandon() override;
    /// A named lock (GET_LOCK) of the session, keyed by the dataset's name: MySQL's DDL commits
    /// on its own, so the lock is held until unlockSchemaChanges().
    void lockSchemaChanges() override;
    void unlockSchemaChanges() noexcept override;
    int socketDescriptor() const override { return m_socket; }

    /// Backticks, with a backtick doubled.
    QString quoteIdentifier(const QString &name) const override;
    /// MariaDB has no `DELETE FROM t AS d`: `DELETE d FROM t AS d`.
    QString aliasedDeleteSql(const QString &qualifiedTable, const QString &alias) const override;
    /// DATETIME takes no offset: the UTC wall time alone (dlt's MySQL datetime literal).
    QString timestampLiteral(const QString &utc) const override;

    /// Runs `sql` (a LOAD DATA LOCAL INFILE) with `source` answering the server's request for
    /// the file. Returns the affected rows. Throws the classified error; an error of the source
    /// itself is rethrown as it was.
    qint64 loadLocalInfile(const QString &sql, const InfileSource &source);
    /// Warnings of the last statement (SHOW WARNINGS), "Level code: message" each, at most
    /// `limit`. Notes are off in Wharf's sessions (sql_notes = 0): these are real warnings.
    QStringList warnings(int limit = 5);
    unsigned warningCount() const;
    /// Rows the last statement changed (prepared or not).
    qint64 affectedRows() const { return m_affected; }

    const MysqlConnectParams &params() const { return m_params; }
    st_mysql *handle() const { return m_db; }
    /// The server's version text ("10.11.6-MariaDB-0+deb12u1").
    QString serverVersion() const;

    /// Connects a handle as configured (UTC session, strict mode, utf8mb4; LOCAL INFILE only
    /// when `localInfile`, and only through loadLocalInfile once open() set the handler).
    /// Throws the classified error; the handle is freed then.
    static st_mysql *connect(const MysqlConnectParams &params, const QString &database, bool localInfile);

private:
    friend struct InfileCallbacks;
    [[noreturn]] void raise(const QString &statement);
    QList<QVariantList> runText(const QString &sql, QStringList *columns = nullptr);
    QList<QVariantList> runPrepared(const QString &sql, const QVariantList &params);
    void useDatasetByDefault();

    MysqlConnectParams m_params;
    st_mysql *m_db = nullptr;
    std::atomic<unsigned long> m_threadId{0};
    int m_socket = -1;
    std::mutex m_handleMutex;               ///< cancel()/abandon() run on another thread than open()/close()
    const InfileSource *m_infile = nullptr; ///< only during loadLocalInfile()
    qint64 m_affected = 0;
};

} // namespace wharf::mysql
