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
    const auto has = [&](const char *text) { return msg.contains(QLatin1String(text), Qt::CaseInsensitive); };
    if (has("password") || has("authentication") || (has("database") && has("does not exist")) ||
        (has("role") && has("does not exist")))
        return true;
    // TLS set up in a way this server or these files cannot satisfy (sslmode, certificates,
    // the key file): waiting does not change it.
    if (has("does not support SSL") || has("certificate") || has("private key file"))
        return true;
    const qsizetype fatal = msg.indexOf(QLatin1String("FATAL:"));
    if (fatal < 0)
        return false; // no answer from a server: unreachable, refused, timed out
    // FATALs that pass: a busy server (53300) or one starting, stopping or recovering (57P0x).
    // Read after "FATAL:", so that a host name cannot match.
    const QString reason = msg.mid(fatal);
    for (const char *passing : {"too many", "connection slots", "starting up", "shutting down", "recovery",
                                "not yet accepting", "terminating connection", "out of memory"})
        if (reason.contains(QLatin1String(passing), Qt::CaseInsensitive))
            return false;
    return true;
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
