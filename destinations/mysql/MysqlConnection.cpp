#include "MysqlConnection.h"

#include "MysqlError.h"
#include "config/ConnectionString.h"
#include "sql/TcpLiveness.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <errmsg.h>
#include <mysql.h>
#include <sys/socket.h>
#include <thread>
#include <vector>

namespace wharf::mysql {

QString MysqlConnectParams::displayLocation() const
{
    ConnectionString cs;
    cs.scheme = QStringLiteral("mysql");
    cs.username = username;
    if (!password.isEmpty())
        cs.password = password;
    cs.host = host;
    cs.port = port;
    cs.database = database;
    return cs.toDisplayString();
}

// libmariadb asks these for the file of a LOAD DATA LOCAL INFILE. Only the source that
// loadLocalInfile() put in place is ever read: a server asking for a file at any other time
// (a hostile server may ask in answer to any statement) gets an error, never a file.
struct InfileCallbacks {
    static int init(void **state, const char *, void *connection)
    {
        *state = connection;
        return static_cast<MysqlConnection *>(connection)->m_infile ? 0 : 1;
    }
    static int read(void *state, char *buffer, unsigned size)
    {
        const InfileSource *source = static_cast<MysqlConnection *>(state)->m_infile;
        return source ? int((*source)(buffer, size)) : -1;
    }
    static void end(void *) {}
    static int error(void *state, char *message, unsigned size)
    {
        const char *text = static_cast<MysqlConnection *>(state)->m_infile
                               ? "the job file could not be read"
                               : "Wharf sends no file except a job's rows during a load";
        qstrncpy(message, text, size);
        return CR_UNKNOWN_ERROR;
    }
};

namespace {

// What the session needs to be truthful: UTC for TIMESTAMP columns and NOW(); strict mode on
// every table, so that a value that does not fit is an error instead of a warning and a
// truncated or zeroed value; no server-wide ANSI_QUOTES or NO_BACKSLASH_ESCAPES changing how
// Wharf's SQL reads. Notes (a decimal rounded to its column's scale, as PostgreSQL's NUMERIC
// rounds it; "IF NOT EXISTS" finding the table) are not recorded, so that the warning count of
// a statement counts real warnings only.
// autocommit on, whatever the server's default: a statement outside Wharf's own transactions
// (the ledger's clean-up, schema changes) takes effect, and reads see what others committed.
// Tables made by InnoDB whatever the server's default engine: a job's rows and its ledger row
// must roll back together (MyISAM or Aria would keep the rows of a failed job).
const char *kSessionSetup = "SET autocommit = 1, default_storage_engine = InnoDB, time_zone = '+00:00', "
                            "sql_notes = 0, "
                            "sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";

bool isBinary(const MYSQL_FIELD &f)
{
    return f.charsetnr == 63;
}

QVariant textValue(const char *data, unsigned long size, const MYSQL_FIELD &field)
{
    switch (field.type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR: {
        bool ok = false;
        const QByteArray digits(data, qsizetype(size));
        const qint64 v = digits.toLongLong(&ok);
        if (ok)
            return QVariant::fromValue<qint64>(v);
        return QString::fromLatin1(digits); // an unsigned BIGINT above 2^63
    }
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
        return QByteArray(data, qsizetype(size)).toDouble();
    case MYSQL_TYPE_BIT:
    case MYSQL_TYPE_GEOMETRY:
        return QByteArray(data, qsizetype(size));
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:
    case MYSQL_TYPE_STRING:
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_VARCHAR:
        if (isBinary(field))
            return QByteArray(data, qsizetype(size));
        break;
    default: // DECIMAL as exact text, temporal types in MySQL's text form
        break;
    }
    return QString::fromUtf8(data, qsizetype(size));
}

// RAII for statement handles and results.
struct Stmt {
    MYSQL_STMT *s = nullptr;
    ~Stmt()
    {
        if (s)
            mysql_stmt_close(s);
    }
};
struct Res {
    MYSQL_RES *r = nullptr;
    ~Res()
    {
        if (r)
            mysql_free_result(r);
    }
};

[[noreturn]] void raiseStmt(MYSQL_STMT *stmt, const QString &sql)
{
    throwMysqlError(mysql_stmt_errno(stmt), QString::fromLatin1(mysql_stmt_sqlstate(stmt)),
                    QString::fromUtf8(mysql_stmt_error(stmt)), sql);
}

} // namespace

MysqlConnection::MysqlConnection(Capabilities caps, MysqlConnectParams params, QString dataset)
    : SqlClient(std::move(caps), std::move(dataset))
    , m_params(std::move(params))
{}

MysqlConnection::~MysqlConnection()
{
    close();
}

MYSQL *MysqlConnection::connect(const MysqlConnectParams &p, const QString &database, bool localInfile)
{
    MYSQL *db = mysql_init(nullptr);
    if (!db)
        throw Error(ErrorKind::Transient, QStringLiteral("out of memory creating a MySQL connection"));
    const unsigned timeout = unsigned(qMax(0, p.connectTimeout));
    mysql_optionsv(db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    // LOAD DATA LOCAL only where open() puts the handler in place that sends a job's rows and
    // nothing else (KILL QUERY's connection has no use for it).
    const unsigned infile = localInfile ? 1 : 0;
    mysql_optionsv(db, MYSQL_OPT_LOCAL_INFILE, &infile);
    mysql_optionsv(db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_optionsv(db, MYSQL_INIT_COMMAND, kSessionSetup);
    const QByteArray ca = p.sslCa.toUtf8(), cert = p.sslCert.toUtf8(), key = p.sslKey.toUtf8();
    if (!ca.isEmpty() || !cert.isEmpty() || !key.isEmpty())
        mysql_ssl_set(db, key.isEmpty() ? nullptr : key.constData(), cert.isEmpty() ? nullptr : cert.constData(),
                      ca.isEmpty() ? nullptr : ca.constData(), nullptr, nullptr);
    const QByteArray host = p.host.toUtf8(), user = p.username.toUtf8(), password = p.password.toUtf8(),
                     db8 = database.toUtf8(), socket = p.unixSocket.toUtf8();
    if (!mysql_real_connect(db, host.isEmpty() ? nullptr : host.constData(), user.constData(), password.constData(),
                            db8.isEmpty() ? nullptr : db8.constData(), unsigned(p.port),
                            socket.isEmpty() ? nullptr : socket.constData(), 0)) {
        const unsigned code = mysql_errno(db);
        const QString state = QString::fromLatin1(mysql_sqlstate(db));
        const QString message = QString::fromUtf8(mysql_error(db));
        mysql_close(db);
        throwMysqlError(code, state, QStringLiteral("%1 (%2)").arg(message, p.displayLocation()), QString(), true);
    }
    // A server that vanished without closing the connection is noticed (the client library has
    // no keepalive of its own).
    tcpliveness::apply(int(mysql_get_socket(db)));
    return db;
}

void MysqlConnection::open()
{
    if (m_db)
        return;
    MYSQL *db = connect(m_params, m_params.database, true);
    mysql_set_local_infile_handler(db, InfileCallbacks::init, InfileCallbacks::read, InfileCallbacks::end,
                                   InfileCallbacks::error, this);
    {
        std::lock_guard<std::mutex> lock(m_handleMutex);
        m_db = db;
        m_threadId.store(mysql_thread_id(db));
        m_socket = int(mysql_get_socket(db));
    }
    useDatasetByDefault(); // not under the lock: abandon() must never wait on the network
}

// Wharf's statements name their database, but the temporary tables of a merge are made where
// the session's default database is: without one configured, that is the dataset (when it exists).
void MysqlConnection::useDatasetByDefault()
{
    if (!m_params.database.isEmpty() || m_dataset.isEmpty() || !m_db)
        return;
    const QByteArray name = m_dataset.toUtf8();
    mysql_select_db(m_db, name.constData()); // an error only means it is not created yet
}

void MysqlConnection::close()
{
    std::lock_guard<std::mutex> lock(m_handleMutex);
    if (!m_db)
        return;
    mysql_close(m_db);
    m_db = nullptr;
    m_threadId.store(0);
    m_socket = -1;
}

void MysqlConnection::raise(const QString &statement)
{
    if (!m_db)
        throw Error(ErrorKind::Transient, QStringLiteral("the MySQL connection is not open"));
    const unsigned code = mysql_errno(m_db);
    const QString state = QString::fromLatin1(mysql_sqlstate(m_db));
    const QString message = QString::fromUtf8(mysql_error(m_db));
    if (isConnectionLost(code))
        close(); // never reused: whether the statement took effect is unknown
    throwMysqlError(code, state, message, statement);
}

QString MysqlConnection::serverVersion() const
{
    return m_db ? QString::fromUtf8(mysql_get_server_info(m_db)) : QString();
}

void MysqlConnection::begin()
{
    execute(QStringLiteral("START TRANSACTION"));
}

void MysqlConnection::commit()
{
    execute(QStringLiteral("COMMIT"));
}

void MysqlConnection::rollback() noexcept
{
    if (!m_db)
        return;
    if (mysql_real_query(m_db, "ROLLBACK", 8) != 0)
        close();
}

bool MysqlConnection::inTransaction() const
{
    if (!m_db)
        return false;
    unsigned int status = 0;
    if (mariadb_get_infov(m_db, MARIADB_CONNECTION_SERVER_STATUS, &status) != 0)
        return false;
    return (status & SERVER_STATUS_IN_TRANS) != 0;
}

void MysqlConnection::execute(const QString &sql, const QVariantList &params)
{
    query(sql, params);
}

QList<QVariantList> MysqlConnection::query(const QString &sql, const QVariantList &params)
{
    if (!m_db)
        throw Error(ErrorKind::Transient, QStringLiteral("the MySQL connection is not open"));
    return params.isEmpty() ? runText(sql) : runPrepared(translatePlaceholders(sql), params);
}

QList<QVariantList> MysqlConnection::queryNamed(const QString &sql, QStringList *columns)
{
    if (!m_db)
        throw Error(ErrorKind::Transient, QStringLiteral("the MySQL connection is not open"));
    columns->clear();
    return runText(sql, columns);
}

QList<QVariantList> MysqlConnection::runText(const QString &sql, QStringList *columns)
{
    const QByteArray text = sql.toUtf8();
    m_affected = 0;
    if (mysql_real_query(m_db, text.constData(), (unsigned long)text.size()) != 0)
        raise(sql);
    m_affected = qint64(mysql_affected_rows(m_db));
    Res res{mysql_store_result(m_db)};
    if (!res.r) {
        if (mysql_field_count(m_db) == 0)
            return {};
        raise(sql);
    }
    const unsigned n = mysql_num_fields(res.r);
    const MYSQL_FIELD *fields = mysql_fetch_fields(res.r);
    if (columns)
        for (unsigned c = 0; c < n; ++c)
            columns->append(QString::fromUtf8(fields[c].name, int(fields[c].name_length)));
    QList<QVariantList> rows;
    while (MYSQL_ROW row = mysql_fetch_row(res.r)) {
        const unsigned long *lengths = mysql_fetch_lengths(res.r);
        QVariantList out;
        out.reserve(n);
        for (unsigned c = 0; c < n; ++c)
            out.append(row[c] ? textValue(row[c], lengths[c], fields[c]) : QVariant());
        rows.append(out);
    }
    return rows;
}

QList<QVariantList> MysqlConnection::runPrepared(const QString &sql, const QVariantList &params)
{
    Stmt stmt{mysql_stmt_init(m_db)};
    if (!stmt.s)
        raise(sql);
    const QByteArray text = sql.toUtf8();
    if (mysql_stmt_prepare(stmt.s, text.constData(), (unsigned long)text.size()) != 0)
        raiseStmt(stmt.s, sql);
    if (mysql_stmt_param_count(stmt.s) != (unsigned long)params.size()) {
        Error e(ErrorKind::Transient, QStringLiteral("the statement has %1 placeholders but %2 values were given")
                                          .arg(mysql_stmt_param_count(stmt.s))
                                          .arg(params.size()));
        e.statement = sql.left(2000);
        throw e;
    }

    // Parameters: integers and doubles bound natively, everything else as text or bytes.
    const auto n = std::size_t(params.size());
    std::vector<MYSQL_BIND> in(n);
    std::vector<QByteArray> bytes(n);
    std::vector<long long> ints(n);
    std::vector<double> doubles(n);
    std::vector<unsigned long> lengths(n);
    for (std::size_t k = 0; k < n; ++k) {
        const QVariant &v = params[qsizetype(k)];
        MYSQL_BIND &b = in[k];
        memset(&b, 0, sizeof b);
        if (v.isNull()) {
            b.buffer_type = MYSQL_TYPE_NULL;
            continue;
        }
        switch (v.typeId()) {
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
            ints[k] = v.toLongLong();
            b.buffer_type = MYSQL_TYPE_LONGLONG;
            b.buffer = &ints[k];
            continue;
        case QMetaType::Double:
            doubles[k] = v.toDouble();
            b.buffer_type = MYSQL_TYPE_DOUBLE;
            b.buffer = &doubles[k];
            continue;
        case QMetaType::QByteArray:
            bytes[k] = v.toByteArray();
            b.buffer_type = MYSQL_TYPE_BLOB;
            break;
        case QMetaType::QDateTime: // DATETIME(6) text in UTC, the session's zone
            bytes[k] = v.toDateTime().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz000")).toUtf8();
            b.buffer_type = MYSQL_TYPE_STRING;
            break;
        default:
            bytes[k] = v.toString().toUtf8();
            b.buffer_type = MYSQL_TYPE_STRING;
            break;
        }
        lengths[k] = (unsigned long)bytes[k].size();
        b.buffer = bytes[k].data();
        b.buffer_length = lengths[k];
        b.length = &lengths[k];
    }
    m_affected = 0;
    if (mysql_stmt_bind_param(stmt.s, in.data()) != 0 || mysql_stmt_execute(stmt.s) != 0)
        raiseStmt(stmt.s, sql);
    // The statement's own count: mysql_affected_rows() knows nothing of prepared statements.
    m_affected = qint64(mysql_stmt_affected_rows(stmt.s));

    Res meta{mysql_stmt_result_metadata(stmt.s)};
    if (!meta.r)
        return {};
    const unsigned ncols = mysql_num_fields(meta.r);
    const MYSQL_FIELD *fields = mysql_fetch_fields(meta.r);
    std::vector<MYSQL_BIND> out(ncols);
    std::vector<QByteArray> buffers(ncols);
    std::vector<long long> outInts(ncols);
    std::vector<double> outDoubles(ncols);
    std::vector<unsigned long> outLengths(ncols);
    std::vector<my_bool> nulls(ncols), errors(ncols);
    for (unsigned c = 0; c < ncols; ++c) {
        MYSQL_BIND &b = out[c];
        memset(&b, 0, sizeof b);
        b.is_null = &nulls[c];
        b.length = &outLengths[c];
        b.error = &errors[c];
        switch (fields[c].type) {
        case MYSQL_TYPE_TINY:
        case MYSQL_TYPE_SHORT:
        case MYSQL_TYPE_LONG:
        case MYSQL_TYPE_INT24:
        case MYSQL_TYPE_LONGLONG:
        case MYSQL_TYPE_YEAR:
            if (!(fields[c].flags & UNSIGNED_FLAG) || fields[c].type != MYSQL_TYPE_LONGLONG) {
                b.buffer_type = MYSQL_TYPE_LONGLONG;
                b.buffer = &outInts[c];
                continue;
            }
            break;
        case MYSQL_TYPE_FLOAT:
        case MYSQL_TYPE_DOUBLE:
            b.buffer_type = MYSQL_TYPE_DOUBLE;
            b.buffer = &outDoubles[c];
            continue;
        default:
            break;
        }
        buffers[c].resize(256);
        b.buffer_type = MYSQL_TYPE_STRING;
        b.buffer = buffers[c].data();
        b.buffer_length = 256;
    }
    if (mysql_stmt_bind_result(stmt.s, out.data()) != 0)
        raiseStmt(stmt.s, sql);
    QList<QVariantList> rows;
    for (;;) {
        const int rc = mysql_stmt_fetch(stmt.s);
        if (rc == MYSQL_NO_DATA)
            break;
        if (rc == 1)
            raiseStmt(stmt.s, sql);
        QVariantList row;
        row.reserve(ncols);
        for (unsigned c = 0; c < ncols; ++c) {
            if (nulls[c]) {
                row.append(QVariant());
            } else if (out[c].buffer_type == MYSQL_TYPE_LONGLONG) {
                row.append(QVariant::fromValue<qint64>(outInts[c]));
            } else if (out[c].buffer_type == MYSQL_TYPE_DOUBLE) {
                row.append(outDoubles[c]);
            } else if (outLengths[c] > out[c].buffer_length) {
                // Longer than the buffer: fetch the whole value into one of its size.
                QByteArray whole(qsizetype(outLengths[c]), Qt::Uninitialized);
                MYSQL_BIND b;
                memset(&b, 0, sizeof b);
                unsigned long length = 0;
                b.buffer_type = MYSQL_TYPE_STRING;
                b.buffer = whole.data();
                b.buffer_length = (unsigned long)whole.size();
                b.length = &length;
                if (mysql_stmt_fetch_column(stmt.s, &b, c, 0) != 0)
                    raiseStmt(stmt.s, sql);
                row.append(textValue(whole.constData(), length, fields[c]));
            } else {
                row.append(textValue(buffers[c].constData(), outLengths[c], fields[c]));
            }
        }
        rows.append(row);
    }
    return rows;
}

qint64 MysqlConnection::loadLocalInfile(const QString &sql, const InfileSource &source)
{
    if (!m_db)
        throw Error(ErrorKind::Transient, QStringLiteral("the MySQL connection is not open"));
    m_infile = &source;
    const QByteArray text = sql.toUtf8();
    const int rc = mysql_real_query(m_db, text.constData(), (unsigned long)text.size());
    m_infile = nullptr;
    if (rc != 0)
        raise(sql);
    m_affected = qint64(mysql_affected_rows(m_db));
    return m_affected;
}

unsigned MysqlConnection::warningCount() const
{
    return m_db ? mysql_warning_count(m_db) : 0;
}

QStringList MysqlConnection::warnings(int limit)
{
    QStringList out;
    for (const auto &row : query(QStringLiteral("SHOW WARNINGS LIMIT %1").arg(limit)))
        out.append(
            QStringLiteral("%1 %2: %3").arg(row.value(0).toString(), row.value(1).toString(), row.value(2).toString()));
    return out;
}

bool MysqlConnection::hasDataset()
{
    return !query(QStringLiteral("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?"), {m_dataset})
                .isEmpty();
}

void MysqlConnection::createDataset()
{
    // As dlt creates it (the server's character set and collation), unless the server's
    // character set is not utf8mb4: dlt's text is Unicode, and a latin1 database would refuse
    // (strict mode) what it cannot hold.
    const auto server = query(QStringLiteral("SELECT @@character_set_server"));
    const bool unicode = !server.isEmpty() && server.first().value(0).toString() == QLatin1String("utf8mb4");
    execute(QStringLiteral("CREATE DATABASE %1%2")
                .arg(quoteIdentifier(m_dataset), unicode ? QString() : QStringLiteral(" CHARACTER SET utf8mb4")));
    useDatasetByDefault();
}

void MysqlConnection::dropDataset()
{
    execute(QStringLiteral("DROP DATABASE %1").arg(quoteIdentifier(m_dataset)));
}

QMap<QString, QStringList> MysqlConnection::existingColumns(const QStringList &tables)
{
    QMap<QString, QStringList> out;
    if (tables.isEmpty())
        return out;
    QStringList marks;
    QVariantList params{m_dataset};
    for (const QString &t : tables) {
        marks.append(QStringLiteral("?"));
        params.append(t);
    }
    // information_schema compares names case-insensitively; only exact names count.
    const auto rows = query(QStringLiteral("SELECT table_name, column_name FROM information_schema.columns WHERE "
                                           "table_schema = ? AND table_name IN (%1) ORDER BY table_name, "
                                           "ordinal_position")
                                .arg(marks.join(QLatin1Char(','))),
                            params);
    for (const auto &r : rows) {
        const QString table = r.value(0).toString();
        if (tables.contains(table))
            out[table].append(r.value(1).toString());
    }
    return out;
}

void MysqlConnection::cancel()
{
    const unsigned long id = m_threadId.load();
    if (!id)
        return;
    // KILL QUERY needs a connection of its own; made on a thread of its own so that cancel()
    // never blocks its caller (a window) on the network.
    std::thread([params = m_params, id] {
        MYSQL *killer = nullptr;
        try {
            killer = connect(params, QString(), false);
        } catch (const Error &) {
            return; // the server is not reachable: the statement will fail by itself
        }
        const QByteArray kill = "KILL QUERY " + QByteArray::number(qulonglong(id));
        mysql_real_query(killer, kill.constData(), (unsigned long)kill.size());
        mysql_close(killer);
    }).detach();
}

void MysqlConnection::abandon()
{
    std::lock_guard<std::mutex> lock(m_handleMutex);
    if (m_socket >= 0)
        ::shutdown(m_socket, SHUT_RDWR);
}

namespace {

// GET_LOCK names are at most 64 characters: the dataset's name goes in as a digest.
QString schemaLockName(const QString &dataset)
{
    return QStringLiteral("wharf_schema_") +
           QString::fromLatin1(QCryptographicHash::hash(dataset.toUtf8(), QCryptographicHash::Sha1).toHex());
}

} // namespace

void MysqlConnection::lockSchemaChanges()
{
    constexpr int kWaitSeconds = 300;
    const auto rows =
        query(QStringLiteral("SELECT GET_LOCK(?, %1)").arg(kWaitSeconds), {schemaLockName(datasetName())});
    const QVariant got = rows.isEmpty() || rows.first().isEmpty() ? QVariant() : rows.first().first();
    if (got.isNull())
        throw Error(ErrorKind::Transient,
                    QStringLiteral("the server gave no schema lock for dataset %1 (GET_LOCK returned NULL)")
                        .arg(datasetName()));
    if (got.toLongLong() != 1)
        throw Error(ErrorKind::Transient,
                    QStringLiteral("another loader kept the schema of dataset %1 locked for %2 s (GET_LOCK)")
                        .arg(datasetName())
                        .arg(kWaitSeconds));
}

void MysqlConnection::unlockSchemaChanges() noexcept
{
    try {
        if (isOpen())
            query(QStringLiteral("SELECT RELEASE_LOCK(?)"), {schemaLockName(datasetName())});
    } catch (...) {
        // The lock belongs to the session: a connection that is gone has released it.
    }
}

QString MysqlConnection::quoteIdentifier(const QString &name) const
{
    QString doubled = name;
    doubled.replace(QLatin1Char('`'), QLatin1String("``"));
    return QLatin1Char('`') + doubled + QLatin1Char('`');
}

QString MysqlConnection::aliasedDeleteSql(const QString &qualifiedTable, const QString &alias) const
{
    return QStringLiteral("DELETE %2 FROM %1 AS %2").arg(qualifiedTable, alias);
}

QString MysqlConnection::timestampLiteral(const QString &utc) const
{
    return QStringLiteral("'%1'").arg(utc);
}

} // namespace wharf::mysql
