#include "SqliteConnection.h"

#include "SqliteError.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <sqlite3.h>

namespace wharf::sqlite {

namespace {

const QString kMain = QStringLiteral("main");

// RAII for a prepared statement.
struct Stmt {
    sqlite3_stmt *s = nullptr;
    ~Stmt() { sqlite3_finalize(s); }
};

void bindParams(SqliteConnection &c, sqlite3_stmt *stmt, const QVariantList &params, const QString &sql)
{
    for (int k = 0; k < params.size(); ++k) {
        const QVariant &v = params[k];
        int rc = SQLITE_OK;
        const int pos = k + 1;
        if (v.isNull()) {
            rc = sqlite3_bind_null(stmt, pos);
        } else {
            switch (v.typeId()) {
            case QMetaType::Bool:
                rc = sqlite3_bind_int(stmt, pos, v.toBool() ? 1 : 0);
                break;
            case QMetaType::Int:
            case QMetaType::LongLong:
            case QMetaType::UInt:
            case QMetaType::ULongLong:
                rc = sqlite3_bind_int64(stmt, pos, v.toLongLong());
                break;
            case QMetaType::Double:
                rc = sqlite3_bind_double(stmt, pos, v.toDouble());
                break;
            case QMetaType::QByteArray: {
                const QByteArray b = v.toByteArray();
                rc = sqlite3_bind_blob64(stmt, pos, b.constData(), sqlite3_uint64(b.size()), SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::QDateTime: {
                // SQLAlchemy's SQLite DATETIME text format, in UTC.
                const QByteArray t =
                    v.toDateTime().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz000")).toUtf8();
                rc = sqlite3_bind_text64(stmt, pos, t.constData(), sqlite3_uint64(t.size()), SQLITE_TRANSIENT,
                                         SQLITE_UTF8);
                break;
            }
            default: {
                const QByteArray t = v.toString().toUtf8();
                rc = sqlite3_bind_text64(stmt, pos, t.constData(), sqlite3_uint64(t.size()), SQLITE_TRANSIENT,
                                         SQLITE_UTF8);
                break;
            }
            }
        }
        if (rc != SQLITE_OK)
            c.raise(rc, sql);
    }
}

QVariant columnValue(sqlite3_stmt *stmt, int col)
{
    switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_INTEGER:
        return QVariant::fromValue<qint64>(sqlite3_column_int64(stmt, col));
    case SQLITE_FLOAT:
        return sqlite3_column_double(stmt, col);
    case SQLITE_BLOB:
        return QByteArray(static_cast<const char *>(sqlite3_column_blob(stmt, col)), sqlite3_column_bytes(stmt, col));
    case SQLITE_NULL:
        return QVariant();
    default:
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, col)),
                                 sqlite3_column_bytes(stmt, col));
    }
}

} // namespace

SqliteConnection::SqliteConnection(Capabilities caps, QString databasePath, QString dataset)
    : SqlClient(std::move(caps), std::move(dataset))
    , m_path(std::move(databasePath))
{}

SqliteConnection::~SqliteConnection()
{
    close();
}

QString SqliteConnection::datasetFile(const QString &databasePath, const QString &dataset)
{
    if (dataset == kMain || databasePath == QLatin1String(":memory:"))
        return databasePath;
    const QFileInfo info(databasePath);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral("__") + dataset + QLatin1Char('.') +
                               (info.suffix().isEmpty() ? QStringLiteral("db") : info.suffix()));
}

void SqliteConnection::open()
{
    if (m_db)
        return;
    if (m_path != QLatin1String(":memory:") && !m_readOnly) {
        const QFileInfo info(m_path);
        if (!QDir().mkpath(info.absolutePath()))
            throw Error(ErrorKind::Config,
                        QStringLiteral("cannot create the folder of the SQLite database %1").arg(m_path));
    }
    const QByteArray path = m_path.toUtf8();
    sqlite3 *db = nullptr;
    const int flags = m_readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.constData(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const QString msg = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close(db);
        throw Error(ErrorKind::Config, QStringLiteral("cannot open SQLite database %1: %2").arg(m_path, msg));
    }
    {
        std::lock_guard<std::mutex> lock(m_handleMutex);
        m_db = db;
    }
    sqlite3_busy_timeout(m_db, 60000);
    sqlite3_extended_result_codes(m_db, 1);
    if (!m_readOnly)
        useRollbackJournal(kMain);
    // Re-attach the dataset when its file exists (spec 5.4).
    if (!m_dataset.isEmpty() && m_dataset != kMain && QFile::exists(datasetFile(m_path, m_dataset)))
        attach(m_dataset);
}

void SqliteConnection::close()
{
    std::lock_guard<std::mutex> lock(m_handleMutex);
    if (!m_db)
        return;
    sqlite3_close_v2(m_db);
    m_db = nullptr;
}

void SqliteConnection::attach(const QString &dataset)
{
    execute(QStringLiteral("ATTACH DATABASE ? AS %1").arg(escapeIdentifier(dataset)), {datasetFile(m_path, dataset)});
    if (m_readOnly)
        return; // attached files inherit the read-only flag of the connection
    useRollbackJournal(dataset);
}

// A job's rows (in the dataset's file) and its ledger row (in the main file) must commit
// together. SQLite commits a transaction over attached files atomically (through a super-journal)
// only when they use a rollback journal; in WAL mode each file commits on its own, so a kill
// between the two could keep the ledger row and lose the rows (sqlite.org/atomiccommit.html,
// section 5). Every file therefore uses DELETE, SQLite's default and dlt's. Files that an older Wharf left in WAL mode
// are switched back; that needs them to be closed elsewhere.
void SqliteConnection::useRollbackJournal(const QString &schema)
{
    QString mode;
    try {
        const auto rows = query(QStringLiteral("PRAGMA %1.journal_mode=DELETE").arg(escapeIdentifier(schema)));
        mode = rows.isEmpty() ? QString() : rows.first().value(0).toString().toLower();
    } catch (const Error &) {
        mode = QStringLiteral("wal");
    }
    if (mode != QLatin1String("delete") && mode != QLatin1String("memory"))
        throw Error(ErrorKind::Transient,
                    QStringLiteral("the SQLite database %1 is in %2 journal mode and open elsewhere (another program, "
                                   "or the Browse tab); Wharf "
                                   "needs the default (DELETE) journal to commit each job with its ledger record. "
                                   "Close it there and load again")
                        .arg(schema == kMain ? m_path : datasetFile(m_path, schema),
                             mode.isEmpty() ? QStringLiteral("another") : mode));
}

void SqliteConnection::raise(int rc, const QString &statement) const
{
    const QString msg = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
    const int ext = m_db ? sqlite3_extended_errcode(m_db) : rc;
    throwSqliteError(ext ? ext : rc, msg, statement);
}

sqlite3_stmt *SqliteConnection::prepare(const QString &sql)
{
    if (!m_db)
        throw Error(ErrorKind::Transient, QStringLiteral("the SQLite connection is not open"));
    const QByteArray text = sql.toUtf8();
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, text.constData(), int(text.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        raise(rc, sql);
    }
    return stmt;
}

void SqliteConnection::begin()
{
    // IMMEDIATE takes the write locks of every attached file at once (waiting in the busy
    // handler): a deferred transaction that later upgrades a read lock on the main file (the
    // ledger) would get SQLITE_BUSY at once from SQLite's deadlock avoidance instead of waiting.
    execute(m_readOnly ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"));
}

void SqliteConnection::commit()
{
    // SQLite ends a transaction on its own after some errors (an interrupt, I/O, a full disk).
    // A caller that went on would have had its later statements each commit alone: say so
    // instead of a COMMIT that fails as "no transaction is active" (which reads as transient).
    if (!inTransaction())
        throw Error(ErrorKind::Internal,
                    QStringLiteral("SQLite ended the transaction before COMMIT (a statement in it failed and rolled it "
                                   "back); what ran after that was not part of it"));
    execute(QStringLiteral("COMMIT"));
}

void SqliteConnection::rollback() noexcept
{
    if (!m_db || sqlite3_get_autocommit(m_db))
        return;
    if (sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK)
        close();
}

bool SqliteConnection::inTransaction() const
{
    return m_db && !sqlite3_get_autocommit(m_db);
}

void SqliteConnection::execute(const QString &sql, const QVariantList &params)
{
    query(sql, params);
}

QList<QVariantList> SqliteConnection::query(const QString &sql, const QVariantList &params)
{
    return rowsOf(sql, params, nullptr);
}

QList<QVariantList> SqliteConnection::queryNamed(const QString &sql, QStringList *columns)
{
    columns->clear();
    return rowsOf(sql, {}, columns);
}

QList<QVariantList> SqliteConnection::rowsOf(const QString &sql, const QVariantList &params, QStringList *columns)
{
    Stmt stmt{prepare(params.isEmpty() ? sql : translatePlaceholders(sql))};
    if (!stmt.s)
        return {}; // empty statement text
    bindParams(*this, stmt.s, params, sql);
    if (columns)
        for (int c = 0; c < sqlite3_column_count(stmt.s); ++c)
            columns->append(QString::fromUtf8(sqlite3_column_name(stmt.s, c)));
    QList<QVariantList> rows;
    for (;;) {
        const int rc = sqlite3_step(stmt.s);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW)
            raise(rc, sql);
        QVariantList row;
        const int n = sqlite3_column_count(stmt.s);
        row.reserve(n);
        for (int c = 0; c < n; ++c)
            row.append(columnValue(stmt.s, c));
        rows.append(row);
    }
    return rows;
}

bool SqliteConnection::hasDataset()
{
    if (m_dataset.isEmpty() || m_dataset == kMain)
        return true;
    const auto rows = query(QStringLiteral("PRAGMA database_list"));
    for (const auto &r : rows)
        if (r.value(1).toString() == m_dataset)
            return true;
    return false;
}

void SqliteConnection::createDataset()
{
    if (hasDataset())
        throw Error(ErrorKind::Terminal, QStringLiteral("dataset %1 already exists").arg(m_dataset));
    attach(m_dataset);
}

void SqliteConnection::dropDataset()
{
    if (m_dataset == kMain)
        throw Error(ErrorKind::Terminal, QStringLiteral("the main dataset cannot be dropped"));
    if (!hasDataset())
        throw UndefinedRelation(QStringLiteral("no such database: %1").arg(m_dataset));
    execute(QStringLiteral("DETACH DATABASE %1").arg(escapeIdentifier(m_dataset)));
    const QString file = datasetFile(m_path, m_dataset);
    QFile::remove(file);
    QFile::remove(file + QStringLiteral("-wal"));
    QFile::remove(file + QStringLiteral("-shm"));
}

QMap<QString, QStringList> SqliteConnection::existingColumns(const QStringList &tables)
{
    QMap<QString, QStringList> out;
    if (!hasDataset())
        return out;
    for (const auto &t : tables) {
        const auto rows =
            query(QStringLiteral("PRAGMA %1.table_info(%2)").arg(escapeIdentifier(m_dataset), escapeIdentifier(t)));
        QStringList cols;
        for (const auto &r : rows)
            cols.append(r.value(1).toString());
        if (!cols.isEmpty())
            out.insert(t, cols);
    }
    return out;
}

void SqliteConnection::attachDataset(const QString &dataset)
{
    if (dataset == kMain || m_path == QLatin1String(":memory:"))
        return;
    for (const auto &r : query(QStringLiteral("PRAGMA database_list")))
        if (r.value(1).toString() == dataset)
            return;
    if (QFile::exists(datasetFile(m_path, dataset)))
        attach(dataset);
}

void SqliteConnection::cancel()
{
    // sqlite3_interrupt is documented as safe to call from another thread while the
    // connection is open; the mutex keeps close() from closing it meanwhile.
    std::lock_guard<std::mutex> lock(m_handleMutex);
    if (m_db)
        sqlite3_interrupt(m_db);
}

} // namespace wharf::sqlite

namespace wharf::sqlite {

QString SqliteConnection::concatSql(const QStringList &expressions) const
{
    QStringList cast;
    for (const QString &e : expressions)
        cast.append(QStringLiteral("CAST(%1 AS TEXT)").arg(e));
    return cast.join(QStringLiteral(" || "));
}

} // namespace wharf::sqlite
