#pragma once

#include "Error.h"

#include <QString>

namespace wharf::mysql {

/// How a MySQL / MariaDB error number is handled (dlt's error classes, spec 5.10).
enum class MysqlErrorClass { UndefinedRelation, Terminal, Transient, Config, Cancelled };

/// The class of server or client error `errorNumber` (mysqld_error.h, errmsg.h). `connecting`:
/// the error came from the connection attempt (access denied, unknown database are then
/// configuration problems).
MysqlErrorClass classifyMysqlError(unsigned errorNumber, bool connecting = false);

/// Does `errorNumber` mean the connection is gone (server restarted, network lost)?
bool isConnectionLost(unsigned errorNumber);

/// Throws the classified Error: "MySQL error 1146 (42S02): Table 'x.y' doesn't exist", the SQLSTATE
/// and the statement (cut to 2000 characters) attached.
[[noreturn]] void throwMysqlError(unsigned errorNumber, const QString &sqlState, const QString &message,
                                  const QString &statement, bool connecting = false);

} // namespace wharf::mysql
