#include "PgError.h"

namespace wharf::postgres {

PgErrorClass classifySqlState(const QString &s)
{
    if (s == QLatin1String("42P01") || s == QLatin1String("3F000"))
        return PgErrorClass::UndefinedRelation;
    if (s == QLatin1String("57014")) // query_canceled: our own PQcancel
        return PgErrorClass::Cancelled;
    if (s.startsWith(QLatin1String("28")))
        return PgErrorClass::Config; // invalid authorization: wrong user or password
    if (s == QLatin1String("3D000"))
        return PgErrorClass::Config; // the database does not exist
    if (s.startsWith(QLatin1String("08")) || s == QLatin1String("40001") || s == QLatin1String("40P01") ||
        s.startsWith(QLatin1String("53")) || s.startsWith(QLatin1String("57P")) || s.startsWith(QLatin1String("58")))
        return PgErrorClass::Transient;
    // dlt matches SyntaxError and UndefinedFunction before the other 42xxx: transient.
    // 42P02: a placeholder without a value; dlt reports parameter binding errors as transient.
    if (s == QLatin1String("42601") || s == QLatin1String("42883") || s == QLatin1String("42P02"))
        return PgErrorClass::Transient;
    if (s.startsWith(QLatin1String("22")) || s.startsWith(QLatin1String("23")) || s.startsWith(QLatin1String("42")))
        return PgErrorClass::Terminal;
    if (s.startsWith(QLatin1String("XX")))
        return PgErrorClass::Transient;
    // Everything else from the driver is transient in dlt.
    return PgErrorClass::Transient;
}

bool connectFailureIsConfig(const QString &msg)
{
    // Only what names a cause the user must fix counts; anything else (a server down, busy,
    // restarting, a pooler in front of one, a message in another language) is waited out as
    // before. Read after libpq's `connection to server at "host" ..., port N failed: `, so
    // that a host name cannot match.
    const qsizetype failed = msg.indexOf(QLatin1String("failed: "));
    const QString reason = failed >= 0 ? msg.mid(failed + 8) : msg;
    const auto has = [&](const char *text) { return reason.contains(QLatin1String(text), Qt::CaseInsensitive); };
    if (has("authentication due to timeout")) // authentication_timeout on a loaded server
        return false;
    return has("password") || has("authentication") || (has("database") && has("does not exist")) ||
           (has("role") && has("does not exist")) || has("is not permitted to log in") || has("pg_hba.conf") ||
           has("permission denied") || has("configuration parameter") || has("invalid value for parameter") ||
           // TLS asked for in a way this server or these files cannot give (sslmode, certificates,
           // the key file): waiting does not change it.
           has("does not support SSL") || has("certificate") || has("private key file");
}

void throwPgError(const QString &sqlState, const QString &message, const QString &detail, const QString &hint,
                  const QString &statement)
{
    const auto fill = [&](Error &e) {
        e.sqlState = sqlState;
        e.detail = detail;
        e.hint = hint;
        e.statement = statement.left(4000);
    };
    const QString text = QStringLiteral("PostgreSQL error: %1").arg(message.trimmed());
    switch (classifySqlState(sqlState)) {
    case PgErrorClass::UndefinedRelation: {
        UndefinedRelation e(text);
        fill(e);
        throw e;
    }
    case PgErrorClass::Cancelled: {
        // The server's reason (statement_timeout, a user's pg_cancel_backend, ours) stays.
        Error e(ErrorKind::Cancelled, text);
        fill(e);
        throw e;
    }
    case PgErrorClass::Config: {
        Error e(ErrorKind::Config, text);
        fill(e);
        throw e;
    }
    case PgErrorClass::Transient: {
        Error e(ErrorKind::Transient, text);
        fill(e);
        throw e;
    }
    case PgErrorClass::Terminal:
        break;
    }
    Error e(ErrorKind::Terminal, text);
    fill(e);
    throw e;
}

} // namespace wharf::postgres
