#pragma once

#include "Error.h"

#include <QString>

namespace wharf::postgres {

/// What the loader does with a PostgreSQL error, by SQLSTATE (spec 5.9, ARCHITECTURE.md 4):
/// 42P01/3F000 undefined relation; class 08, 40001, 40P01, 53, 57P0x and syntax errors
/// (42601, 42883, as dlt) transient; 22, 23 and other 42 terminal; 28 (bad credentials) config.
enum class PgErrorClass { Transient, Terminal, UndefinedRelation, Config, Cancelled };

PgErrorClass classifySqlState(const QString &sqlState);

/// Throws the classified wharf::Error with SQLSTATE, detail, hint and the statement attached.
[[noreturn]] void throwPgError(const QString &sqlState, const QString &message, const QString &detail,
                               const QString &hint, const QString &statement);

} // namespace wharf::postgres
