#pragma once

#include "sql/SqlClient.h"

#include <QString>
#include <mutex>

struct sqlite3;
struct sqlite3_stmt;

namespace wharf::sqlite {

/// The SQL client of the embedded SQLite destination. Datasets are separate database files
/// attached to the connection, as dlt's SQLAlchemy destination does (spec 5.4): dataset X of
/// `/dir/name.db` lives in `/dir/name__X.db`; dataset "main" is the main file itself.
/// Owns one sqlite3 handle (RAII); use from one thread; cancel() is thread-safe.
class SqliteConnection : public SqlClient {
public:
    SqliteConnection(Capabilities caps, QString databasePath, QString dataset);
    ~SqliteConnection() override;

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
    void cancel() override;
    void attachDataset(const QString &dataset) override;
    /// SQLite before 3.44 has no CONCAT(): `CAST(a AS TEXT) || CAST(b AS TEXT)`, as SQLAlchemy writes it.
    QString concatSql(const QStringList &expressions) const override;

    /// Before open(): open the files read-only (no folder or file is created, no PRAGMA
    /// writes), as the dataset browser does.
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }

    /// File holding `dataset` for the main database path.
    static QString datasetFile(const QString &databasePath, const QString &dataset);
    const QString &databasePath() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

    /// Prepares a statement; throws a classified Error. The caller finalizes it.
    sqlite3_stmt *prepare(const QString &sql);
    /// Throws the classified error for return code `rc` of the last call.
    [[noreturn]] void raise(int rc, const QString &statement) const;

private:
    void attach(const QString &dataset);
    void useRollbackJournal(const QString &schema);
    QString m_path;
    sqlite3 *m_db = nullptr;
    bool m_readOnly = false;
    QList<QVariantList> rowsOf(const QString &sql, const QVariantList &params, QStringList *columns);
    std::mutex m_handleMutex; ///< cancel() runs on another thread than open()/close()
};

} // namespace wharf::sqlite
