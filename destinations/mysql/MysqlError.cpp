#include "MysqlError.h"

#include <errmsg.h>
#include <mysqld_error.h>

namespace wharf::mysql {

namespace {

// MySQL's numbers, not in MariaDB's headers (MariaDB leaves 3000-3999 to MySQL; its own 4031 is
// a trigger error Wharf never causes).
constexpr unsigned kMysqlSessionWasKilled = 3169;         // ER_SESSION_WAS_KILLED
constexpr unsigned kMysqlLocalFilesDisabled = 3948;       // ER_CLIENT_LOCAL_FILES_DISABLED (local_infile=0)
constexpr unsigned kMysqlClientInteractionTimeout = 4031; // ER_CLIENT_INTERACTION_TIMEOUT (wait_timeout)

} // namespace

bool isConnectionLost(unsigned errorNumber)
{
    switch (errorNumber) {
    case kMysqlSessionWasKilled:
    case kMysqlClientInteractionTimeout:
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case ER_SERVER_SHUTDOWN:
    case ER_NEW_ABORTING_CONNECTION:
    case ER_CONNECTION_KILLED: // MariaDB
        return true;
    default:
        return false;
    }
}

MysqlErrorClass classifyMysqlError(unsigned errorNumber, bool connecting)
{
    switch (errorNumber) {
    // The relation (database, table) is not there: dlt's DatabaseUndefinedRelation.
    case ER_NO_SUCH_TABLE:
    case ER_BAD_TABLE_ERROR:
    case ER_DB_DROP_EXISTS:
    case ER_UNKNOWN_TABLE:
        return MysqlErrorClass::UndefinedRelation;
    case ER_BAD_DB_ERROR:
        return connecting ? MysqlErrorClass::Config : MysqlErrorClass::UndefinedRelation;
    // Stopped on purpose (KILL QUERY from cancel()).
    case ER_QUERY_INTERRUPTED:
        return MysqlErrorClass::Cancelled;
    // Who may connect and do what: the user must change the configuration or the grants.
    case ER_ACCESS_DENIED_ERROR:
    case ER_DBACCESS_DENIED_ERROR:
    case ER_TABLEACCESS_DENIED_ERROR:
    case ER_COLUMNACCESS_DENIED_ERROR:
    case ER_SPECIFIC_ACCESS_DENIED_ERROR:
    case CR_UNKNOWN_HOST:
    case CR_AUTH_PLUGIN_CANNOT_LOAD:
    case CR_SSL_CONNECTION_ERROR:
        return MysqlErrorClass::Config;
    case ER_NOT_ALLOWED_COMMAND: // LOAD DATA LOCAL refused by the server (local_infile=0)
    case kMysqlLocalFilesDisabled:
        return MysqlErrorClass::Config;
    // Worth another try: the server, the network or a lock was in the way.
    case ER_LOCK_WAIT_TIMEOUT:
    case ER_LOCK_DEADLOCK:
    case ER_CON_COUNT_ERROR:
    case ER_TOO_MANY_USER_CONNECTIONS:
    case ER_SERVER_SHUTDOWN:
    case ER_DISK_FULL:
    case ER_RECORD_FILE_FULL:
    case ER_OUT_OF_RESOURCES:
    case ER_OUTOFMEMORY:
    case ER_NET_READ_ERROR:
    case ER_NET_READ_INTERRUPTED:
    case ER_NET_ERROR_ON_WRITE:
    case ER_NET_WRITE_INTERRUPTED:
    case ER_NEW_ABORTING_CONNECTION:
    case ER_CONNECTION_KILLED: // MariaDB: the whole session was killed
    case kMysqlSessionWasKilled:
    case kMysqlClientInteractionTimeout:
    // A statement the server could not parse: transient in dlt's shared SQL-client tests.
    case ER_PARSE_ERROR:
    case ER_SYNTAX_ERROR:
    // More parameters than placeholders and the like: binding errors are transient in dlt.
    case ER_WRONG_ARGUMENTS:
    case CR_PARAMS_NOT_BOUND:
        return MysqlErrorClass::Transient;
    default:
        break;
    }
    // The client library's own errors (2000-2999) are about the connection: transient.
    if (errorNumber >= 2000 && errorNumber < 3000)
        return connecting && errorNumber != CR_CONNECTION_ERROR && errorNumber != CR_CONN_HOST_ERROR &&
                       errorNumber != CR_SERVER_LOST && errorNumber != CR_SERVER_GONE_ERROR
                   ? MysqlErrorClass::Config
                   : MysqlErrorClass::Transient;
    // Data and schema errors (unknown column, duplicate key, value out of range, NOT NULL, data
    // too long, ...): the same statement would fail again.
    return MysqlErrorClass::Terminal;
}

void throwMysqlError(unsigned errorNumber, const QString &sqlState, const QString &message, const QString &statement,
                     bool connecting)
{
    const QString text = QStringLiteral("MySQL error %1: %2").arg(errorNumber).arg(message);
    const auto attach = [&](Error &e) {
        e.sqlState = sqlState == QLatin1String("00000") ? QString() : sqlState;
        e.statement = statement.left(2000);
        e.connectionLost = isConnectionLost(errorNumber);
    };
    switch (classifyMysqlError(errorNumber, connecting)) {
    case MysqlErrorClass::UndefinedRelation: {
        UndefinedRelation e(text);
        attach(e);
        throw e;
    }
    case MysqlErrorClass::Cancelled:
        throw Error(ErrorKind::Cancelled, QStringLiteral("cancelled"));
    case MysqlErrorClass::Transient: {
        Error e(ErrorKind::Transient, text);
        attach(e);
        throw e;
    }
    case MysqlErrorClass::Config: {
        Error e(ErrorKind::Config, text);
        attach(e);
        throw e;
    }
    case MysqlErrorClass::Terminal:
        break;
    }
    Error e(ErrorKind::Terminal, text);
    attach(e);
    throw e;
}

} // namespace wharf::mysql
