#pragma once

#include "Error.h"

#include <QString>

namespace wharf::postgres {

/// What the loader does with a PostgreSQL error, by SQLSTATE (spec 5.9, ARCHITECTURE.md 4):
/// 42P01/3F000 undefined relation; class 08, 40001, 40P01, 53, 57P0x and syntax errors
/// (42601, 42883, as dlt) transient; 22, 23 and other 42 terminal; 28 (bad credentials) config.
enum class PgErrorClass { Transient, Terminal, UndefinedRelation, Config, Cancelled };

PgErrorClass classifySqlState(const QString &sqlState);

/// Whether a failed connection attempt (libpq's message, no SQLSTATE) is the user's to fix: a
/// wrong password or user, a missing database, a pg_hba.conf rule, a refused parameter or
/// privilege, TLS that cannot be set up. Only such named causes count: a server that cannot
/// be reached, is busy, starting, stopping or recovering, a pooler's own errors and messages
/// in other languages are transient.
bool connectFailureIsConfig(const QString &libpqMessage);

/// Throws the classified wharf::Error with SQLSTATE, detail, hint and the statement attached.
[[noreturn]] void throwPgError(const QString &sqlState, const QString &message, const QString &detail,
                               const QString &hint, const QString &statement);

} // namespace wharf::postgres
