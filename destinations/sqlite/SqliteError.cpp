#include "SqliteError.h"

#include <sqlite3.h>

namespace wharf::sqlite {

SqliteErrorClass classifySqliteError(int primaryCode, const QString &message)
{
    const QString m = message.toLower();
    switch (primaryCode & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_PROTOCOL:
    case SQLITE_NOMEM:
    case SQLITE_RANGE: // a parameter index without a placeholder: dlt's binding errors are transient
        return SqliteErrorClass::Transient;
    case SQLITE_INTERRUPT:
        return SqliteErrorClass::Cancelled;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_READONLY:
        return SqliteErrorClass::Terminal;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return SqliteErrorClass::Config;
    default:
        break;
    }
    static const char *undefined[] = {"no such table", "no such database", "unknown database", "does not exist",
                                      "no such view"};
    for (const char *p : undefined)
        if (m.contains(QLatin1String(p)))
            return SqliteErrorClass::UndefinedRelation;
    static const char *terminal[] = {"no such",        "not found",     "not exist",        "unknown",
                                     "already exists", "has no column", "datatype mismatch"};
    for (const char *p : terminal)
        if (m.contains(QLatin1String(p)))
            return SqliteErrorClass::Terminal;
    // dlt treats other operational errors (e.g. syntax errors) as transient.
    return SqliteErrorClass::Transient;
}

void throwSqliteError(int extendedCode, const QString &message, const QString &statement)
{
    const QString text = QStringLiteral("SQLite error: %1").arg(message);
    const QString code = QString::fromUtf8(sqlite3_errstr(extendedCode));
    const auto attach = [&](Error &e) {
        e.detail = code;
        e.statement = statement.left(2000);
    };
    switch (classifySqliteError(extendedCode, message)) {
    case SqliteErrorClass::UndefinedRelation: {
        UndefinedRelation e(text);
        attach(e);
        throw e;
    }
    case SqliteErrorClass::Transient: {
        Error e(ErrorKind::Transient, text);
        attach(e);
        throw e;
    }
    case SqliteErrorClass::Cancelled: {
        Error e(ErrorKind::Cancelled, QStringLiteral("cancelled"));
        throw e;
    }
    case SqliteErrorClass::Config: {
        Error e(ErrorKind::Config, text);
        attach(e);
        throw e;
    }
    case SqliteErrorClass::Terminal:
        break;
    }
    Error e(ErrorKind::Terminal, text);
    attach(e);
    throw e;
}

} // namespace wharf::sqlite
