#include "PgConnection.h"

#include "PgError.h"
#include "config/ConnectionString.h"
#include "load/LogCategories.h"
#include "sql/TcpLiveness.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <libpq-fe.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <vector>

namespace wharf::postgres {

namespace {

// RAII for a PGresult.
struct Result {
    PGresult *r = nullptr;
    ~Result() { PQclear(r); }
};

QString field(const PGresult *r, int code)
{
    const char *v = PQresultErrorField(r, code);
    return v ? QString::fromUtf8(v) : QString();
}

// Text form of a bound parameter, as PostgreSQL's input functions read it.
QByteArray paramText(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Bool:
        return v.toBool() ? "true" : "false";
    case QMetaType::QDateTime:
        return v.toDateTime().toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz000+00:00")).toUtf8();
    case QMetaType::QByteArray:
        return "\\x" + v.toByteArray().toHex();
    case QMetaType::Double:
        return QByteArray::number(v.toDouble(), 'g', 17);
    default:
        return v.toString().toUtf8();
    }
}

// Column value by the column's type OID (pg_type.h: 16 bool, 20/21/23 ints, 700/701 floats,
// 1700 numeric); everything else stays text.
QVariant columnValue(const PGresult *r, int row, int col)
{
    if (PQgetisnull(r, row, col))
        return QVariant();
    const char *text = PQgetvalue(r, row, col);
    switch (PQftype(r, col)) {
    case 16:
        return QVariant(text[0] == 't');
    case 20:
    case 21:
    case 23:
        return QVariant(QByteArray(text).toLongLong());
    case 700:
    case 701:
    case 1700:
        return QVariant(QByteArray(text).toDouble());
    default:
        return QString::fromUtf8(text, PQgetlength(r, row, col));
    }
}

} // namespace

QString PgConnectParams::displayLocation() const
{
    ConnectionString cs;
    cs.scheme = QStringLiteral("postgresql");
    cs.username = username;
    if (!password.isEmpty())
        cs.password = password;
    cs.host = host;
    cs.port = port;
    cs.database = database;
    return cs.toDisplayString();
}

PgConnection::PgConnection(Capabilities caps, PgConnectParams params, QString dataset)
    : SqlClient(std::move(caps), std::move(dataset))
    , m_params(std::move(params))
{}

PgConnection::~PgConnection()
{
    close();
}

// A connection that idled may have been closed by the server meanwhile (pg_terminate_backend,
// idle_session_timeout, a restart): the FATAL message and the end of the stream are already
// waiting on the socket. Reading them without blocking tells, at no round trip, that the
// connection must be replaced rather than reused.
bool PgConnection::isAlive() const
{
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK)
        return false;
    if (PQtransactionStatus(m_conn) != PQTRANS_IDLE)
        return true; // in use: its own statements will tell
    return PQconsumeInput(m_conn) == 1 && PQstatus(m_conn) == CONNECTION_OK;
}

void PgConnection::open()
{
    if (m_conn && !isAlive()) {
        qCInfo(lcDest).noquote() << "the connection to" << m_params.displayLocation()
                                 << "was closed by the server; reconnecting";
        close();
    }
    if (m_conn)
        return;
    std::vector<QByteArray> keys;
    std::vector<QByteArray> values;
    const auto add = [&](const char *k, const QString &v) {
        if (v.isEmpty())
            return;
        keys.emplace_back(k);
        values.push_back(v.toUtf8());
    };
    add("host", m_params.host);
    add("port", QString::number(m_params.port));
    add("dbname", m_params.database);
    add("user", m_params.username);
    add("password", m_params.password);
    add("connect_timeout", QString::number(m_params.connectTimeout));
    add("sslmode", m_params.sslmode);
    add("sslrootcert", m_params.sslrootcert);
    add("sslcert", m_params.sslcert);
    add("sslkey", m_params.sslkey);
    // A server that vanished without closing the connection is noticed (sql/TcpLiveness.h);
    // credentials may set these keywords otherwise (later keywords win in libpq).
    add("keepalives_idle", QString::number(tcpliveness::kIdleSeconds));
    add("keepalives_interval", QString::number(tcpliveness::kIntervalSeconds));
    add("keepalives_count", QString::number(tcpliveness::kProbes));
    add("application_name", QStringLiteral("wharf"));
    add("client_encoding", QStringLiteral("UTF8"));
    for (auto it = m_params.extra.cbegin(); it != m_params.extra.cend(); ++it)
        add(it.key().toUtf8().constData(), it.value());
    std::vector<const char *> kw;
    std::vector<const char *> val;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        kw.push_back(keys[k].constData());
        val.push_back(values[k].constData());
    }
    kw.push_back(nullptr);
    val.push_back(nullptr);
    m_conn = connectInterruptibly(kw.data(), val.data());
    if (PQstatus(m_conn) != CONNECTION_OK) {
        // libpq's message never contains the password; say where we tried, masked.
        const QString msg = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
        PQfinish(m_conn);
        m_conn = nullptr;
        const bool credentials = connectFailureIsConfig(msg);
        Error e(credentials ? ErrorKind::Config : ErrorKind::Transient,
                QStringLiteral("cannot connect to %1: %2").arg(m_params.displayLocation(), msg));
        e.connectionLost = !credentials;
        throw e;
    }
    // Server notices (e.g. "drop cascades to ...") go to the debug log, not to stderr.
    PQsetNoticeProcessor(
        m_conn, [](void *, const char *message) { qCDebug(lcDest).noquote() << QString::fromUtf8(message).trimmed(); },
        nullptr);
    {
        std::lock_guard<std::mutex> lock(m_cancelMutex);
        m_cancel = std::shared_ptr<PGcancel>(PQgetCancel(m_conn), [](PGcancel *c) {
            if (c)
                PQfreeCancel(c);
        });
        m_socket = PQsocket(m_conn);
    }
    execute(QStringLiteral("SET TIME ZONE 'UTC'"));
    if (!m_dataset.isEmpty())
        execute(QStringLiteral("SET search_path TO %1, public").arg(escapeIdentifier(m_dataset)));
}

// PQconnectdbParams cannot be interrupted: against a server that accepts the TCP connection
// and then never answers it waits out connect_timeout (15 s by default) with Cancel pressed.
// The same connection made step by step (PQconnectStartParams / PQconnectPoll) waits on the
// socket 50 ms at a time, so that cancel() stops it at once and connect_timeout is ours to keep.
pg_conn *PgConnection::connectInterruptibly(const char *const *keywords, const char *const *values)
{
    m_stopRequested.store(false);
    PGconn *conn = PQconnectStartParams(keywords, values, 0);
    if (!conn || PQstatus(conn) == CONNECTION_BAD)
        return conn;
    QElapsedTimer clock;
    clock.start();
    const qint64 timeoutMs = qint64(std::max(1, m_params.connectTimeout)) * 1000;
    PostgresPollingStatusType state = PGRES_POLLING_WRITING;
    while (state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
        if (m_stopRequested.load()) {
            PQfinish(conn);
            throw Error(ErrorKind::Cancelled,
                        QStringLiteral("cancelled while connecting to %1").arg(m_params.displayLocation()));
        }
        if (clock.elapsed() > timeoutMs) {
            PQfinish(conn);
            Error e(ErrorKind::Transient,
                    QStringLiteral("cannot connect to %1: no answer within %2 s (connect_timeout)")
                        .arg(m_params.displayLocation())
                        .arg(timeoutMs / 1000));
            e.connectionLost = true;
            throw e;
        }
        pollfd pfd{PQsocket(conn), short(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
        const int ready = pfd.fd < 0 ? 1 : ::poll(&pfd, 1, 50);
        if (ready != 0)
            state = PQconnectPoll(conn);
    }
    return conn;
}

void PgConnection::close()
{
    {
        std::lock_guard<std::mutex> lock(m_cancelMutex);
        m_cancel.reset();
        m_socket = -1;
    }
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
    m_inTransaction = false;
}

void PgConnection::raiseFromConnection(const QString &statement)
{
    const QString msg = m_conn ? QString::fromUtf8(PQerrorMessage(m_conn)) : QStringLiteral("not connected");
    if (m_conn && PQstatus(m_conn) == CONNECTION_BAD) {
        close();
        Error e(ErrorKind::Transient,
                QStringLiteral("lost the connection to %1: %2").arg(m_params.displayLocation(), msg.trimmed()));
        e.statement = statement.left(4000);
        e.connectionLost = true;
        throw e;
    }
    throwPgError(QString(), msg, QString(), QString(), statement);
}

void PgConnection::raise(const PGresult *res, const QString &statement)
{
    const QString state = field(res, PG_DIAG_SQLSTATE);
    const QString message = field(res, PG_DIAG_MESSAGE_PRIMARY);
    const QString detail = field(res, PG_DIAG_MESSAGE_DETAIL);
    const QString hint = field(res, PG_DIAG_MESSAGE_HINT);
    afterFailure();
    if (state.isEmpty())
        raiseFromConnection(statement);
    // A FATAL error (57P01 terminated, 57P05 idle session timeout, ...) ends the session: the
    // connection is poisoned and goes; the next use connects afresh.
    if (!m_conn || PQstatus(m_conn) == CONNECTION_BAD) {
        close();
        Error e(ErrorKind::Transient,
                QStringLiteral("PostgreSQL error: %1 (the server closed the connection)").arg(message.trimmed()));
        e.sqlState = state;
        e.detail = detail;
        e.hint = hint;
        e.statement = statement.left(4000);
        e.connectionLost = true;
        throw e;
    }
    throwPgError(state, message, detail, hint, statement);
}

void PgConnection::afterFailure() noexcept
{
    // Outside our own transaction a failed statement may leave an aborted one behind (e.g. a
    // BEGIN sent as text): roll it back so the connection stays usable (spec 5.10 #16).
    if (m_conn && !m_inTransaction && PQtransactionStatus(m_conn) == PQTRANS_INERROR) {
        PGresult *r = PQexec(m_conn, "ROLLBACK");
        PQclear(r);
    }
}

QList<QVariantList> PgConnection::query(const QString &sql, const QVariantList &params)
{
    return rowsOf(sql, params, nullptr);
}

QList<QVariantList> PgConnection::queryNamed(const QString &sql, QStringList *columns)
{
    columns->clear();
    return rowsOf(sql, {}, columns);
}

QList<QVariantList> PgConnection::rowsOf(const QString &sql, const QVariantList &params, QStringList *columns)
{
    if (!m_conn)
        throw Error(ErrorKind::Transient, QStringLiteral("the PostgreSQL connection is not open"));
    const QByteArray text = (params.isEmpty() ? sql : translatePlaceholders(sql)).toUtf8();
    std::vector<QByteArray> store;
    std::vector<const char *> values;
    store.reserve(std::size_t(params.size()));
    for (const QVariant &p : params) {
        if (p.isNull()) {
            values.push_back(nullptr);
        } else {
            store.push_back(paramText(p));
            values.push_back(store.back().constData());
        }
    }
    Result res{params.isEmpty() ? PQexec(m_conn, text.constData())
                                : PQexecParams(m_conn, text.constData(), int(values.size()), nullptr, values.data(),
                                               nullptr, nullptr, 0)};
    if (!res.r)
        raiseFromConnection(sql);
    const ExecStatusType st = PQresultStatus(res.r);
    if (st == PGRES_COMMAND_OK || st == PGRES_EMPTY_QUERY)
        return {};
    if (st != PGRES_TUPLES_OK)
        raise(res.r, sql);
    QList<QVariantList> rows;
    const int n = PQntuples(res.r);
    const int cols = PQnfields(res.r);
    if (columns)
        for (int c = 0; c < cols; ++c)
            columns->append(QString::fromUtf8(PQfname(res.r, c)));
    rows.reserve(n);
    for (int r = 0; r < n; ++r) {
        QVariantList row;
        row.reserve(cols);
        for (int c = 0; c < cols; ++c)
            row.append(columnValue(res.r, r, c));
        rows.append(row);
    }
    return rows;
}

void PgConnection::execute(const QString &sql, const QVariantList &params)
{
    query(sql, params);
}

void PgConnection::executeUtf8(const QByteArray &sql, const QString &statementForErrors)
{
    if (!m_conn)
        throw Error(ErrorKind::Transient, QStringLiteral("the PostgreSQL connection is not open"));
    Result res{PQexec(m_conn, sql.constData())};
    if (!res.r)
        raiseFromConnection(statementForErrors);
    const ExecStatusType st = PQresultStatus(res.r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY)
        return;
    raise(res.r, statementForErrors);
}

void PgConnection::begin()
{
    execute(QStringLiteral("BEGIN"));
    m_inTransaction = true;
}

void PgConnection::commit()
{
    if (m_conn && PQtransactionStatus(m_conn) == PQTRANS_INERROR) {
        // COMMIT of a failed transaction silently rolls back; make that an error.
        rollback();
        throw Error(ErrorKind::Terminal, QStringLiteral("the transaction failed earlier and was rolled back"));
    }
    m_inTransaction = false;
    execute(QStringLiteral("COMMIT"));
}

void PgConnection::rollback() noexcept
{
    m_inTransaction = false;
    if (!m_conn || PQtransactionStatus(m_conn) == PQTRANS_IDLE)
        return;
    if (PQtransactionStatus(m_conn) == PQTRANS_ACTIVE) {
        // A COPY or query is still in flight: drain it before rolling back.
        abortCopy(QStringLiteral("rolled back"));
    }
    PGresult *r = PQexec(m_conn, "ROLLBACK");
    const bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok)
        close();
}

bool PgConnection::hasDataset()
{
    const QString folded = m_caps.casefoldLower ? m_dataset.toLower() : m_dataset;
    return !query(QStringLiteral("SELECT 1 FROM INFORMATION_SCHEMA.SCHEMATA WHERE schema_name = $1"), {folded})
                .isEmpty();
}

void PgConnection::createDataset()
{
    execute(QStringLiteral("CREATE SCHEMA %1").arg(escapeIdentifier(m_dataset)));
}

void PgConnection::dropDataset()
{
    execute(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(escapeIdentifier(m_dataset)));
}

QMap<QString, QStringList> PgConnection::existingColumns(const QStringList &tables)
{
    QMap<QString, QStringList> out;
    if (tables.isEmpty())
        return out;
    // One query for all tables (spec 6.2); names compared as the catalog stores them.
    QStringList marks;
    QVariantList params{m_caps.casefoldLower ? m_dataset.toLower() : m_dataset};
    for (const auto &t : tables) {
        params.append(m_caps.casefoldLower ? t.toLower() : t);
        marks.append(placeholder(int(params.size()) - 1));
    }
    const auto rows = query(QStringLiteral("SELECT table_name, column_name FROM INFORMATION_SCHEMA.COLUMNS "
                                           "WHERE table_schema = $1 AND table_name IN (%1) "
                                           "ORDER BY table_name, ordinal_position")
                                .arg(marks.join(QLatin1Char(','))),
                            params);
    for (const auto &r : rows)
        out[r.value(0).toString()].append(r.value(1).toString());
    return out;
}

void PgConnection::cancel()
{
    m_stopRequested.store(true);
    std::shared_ptr<PGcancel> request;
    {
        std::lock_guard<std::mutex> lock(m_cancelMutex);
        request = m_cancel;
    }
    if (!request)
        return;
    // PQcancel may be called from any thread (it opens a socket of its own), but it waits for
    // the server to answer: a server that stopped answering would hold the caller - the
    // loader's coordinator - for good. It runs on a thread of its own, which keeps the cancel
    // object alive for as long as it needs it.
    std::thread([request] {
        char err[256];
        PQcancel(request.get(), err, sizeof err);
    }).detach();
}

void PgConnection::abandon()
{
    m_stopRequested.store(true);
    // Shutting the socket down makes the worker's blocked read or write fail at once; libpq then
    // reports a lost connection, and the connection is dropped. Safe from another thread: the
    // descriptor stays open (and ours) until close(), which takes the same mutex.
    std::lock_guard<std::mutex> lock(m_cancelMutex);
    if (m_socket >= 0)
        ::shutdown(m_socket, SHUT_RDWR);
}

int PgConnection::socketDescriptor() const
{
    return m_conn ? PQsocket(m_conn) : -1;
}

void PgConnection::lockSchemaChanges()
{
    // Two keys: a constant of Wharf's own ("WHAR") and the dataset's hash, so that no other
    // application's advisory locks are taken. Released when the schema transaction ends.
    query(QStringLiteral("SELECT pg_advisory_xact_lock(1464353106, hashtext($1))"), {datasetName()});
}

void PgConnection::beginCopy(const QString &copySql)
{
    if (!m_conn)
        throw Error(ErrorKind::Transient, QStringLiteral("the PostgreSQL connection is not open"));
    m_copySql = copySql;
    Result res{PQexec(m_conn, copySql.toUtf8().constData())};
    if (!res.r)
        raiseFromConnection(copySql);
    if (PQresultStatus(res.r) != PGRES_COPY_IN)
        raise(res.r, copySql);
}

void PgConnection::putCopyData(const char *data, qsizetype size)
{
    if (PQputCopyData(m_conn, data, int(size)) != 1)
        raiseFromConnection(m_copySql);
}

qint64 PgConnection::endCopy()
{
    if (PQputCopyEnd(m_conn, nullptr) != 1)
        raiseFromConnection(m_copySql);
    qint64 rows = 0;
    QString state, message, detail, hint;
    while (PGresult *r = PQgetResult(m_conn)) {
        if (PQresultStatus(r) == PGRES_COMMAND_OK) {
            rows = QByteArray(PQcmdTuples(r)).toLongLong();
        } else if (state.isEmpty() && message.isEmpty()) {
            state = field(r, PG_DIAG_SQLSTATE);
            message = field(r, PG_DIAG_MESSAGE_PRIMARY);
            detail = field(r, PG_DIAG_MESSAGE_DETAIL);
            hint = field(r, PG_DIAG_MESSAGE_HINT);
            if (message.isEmpty())
                message = QString::fromUtf8(PQresultErrorMessage(r));
            // "COPY t, line N, column c: ..." says which row of the data failed; load jobs
            // translate N into the job file's line.
            const QString context = field(r, PG_DIAG_CONTEXT).trimmed();
            if (!context.isEmpty())
                message += QStringLiteral("\nCONTEXT: ") + context;
        }
        PQclear(r);
    }
    if (!message.isEmpty() || !state.isEmpty()) {
        afterFailure();
        if (PQstatus(m_conn) == CONNECTION_BAD)
            raiseFromConnection(m_copySql);
        throwPgError(state, message, detail, hint, m_copySql);
    }
    return rows;
}

void PgConnection::abortCopy(const QString &reason) noexcept
{
    if (!m_conn)
        return;
    if (PQputCopyEnd(m_conn, reason.toUtf8().constData()) == 1) {
        while (PGresult *r = PQgetResult(m_conn))
            PQclear(r);
    }
}

} // namespace wharf::postgres

namespace wharf::postgres {

QStringList PgConnection::swapInStagingTableSql(const QString &table, const QString &stagingDataset) const
{
    const QString finalTable = qualifiedTableName(table);
    const QString stagingTable = qualifiedTableName(stagingDataset, table);
    return {QStringLiteral("DROP TABLE IF EXISTS %1").arg(finalTable),
            QStringLiteral("ALTER TABLE %1 SET SCHEMA %2").arg(stagingTable, escapeIdentifier(datasetName())),
            QStringLiteral("CREATE TABLE %1 (like %2 including all)").arg(stagingTable, finalTable)};
}

} // namespace wharf::postgres
