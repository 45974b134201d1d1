#pragma once

#include "Error.h"

namespace wharf::sqlite {

/// Classification of a SQLite error the way dlt classifies SQLAlchemy errors (spec 5.9):
/// busy/locked/IO -> transient; constraint/mismatch/"no such column" -> terminal;
/// "no such table"/"unknown database" -> undefined relation; interrupt -> cancelled.
enum class SqliteErrorClass { Transient, Terminal, UndefinedRelation, Cancelled, Config };

SqliteErrorClass classifySqliteError(int primaryCode, const QString &message);

/// Throws the matching wharf::Error (UndefinedRelation for missing tables/datasets).
[[noreturn]] void throwSqliteError(int extendedCode, const QString &message, const QString &statement);

} // namespace wharf::sqlite
