#pragma once

#include <QStringList>

namespace wharf::cli {

/// Exit codes of every command.
enum ExitCode { ExitOk = 0, ExitFailed = 1, ExitUsage = 2 };

/// Runs `wharf <command> ...` headless. `args` as QCoreApplication::arguments(). Needs a
/// QCoreApplication and registered destinations. Prints to stdout/stderr; returns the exit code.
int run(const QStringList &args);

/// Sets the logging filter for `debug`, `info`, `warning` or `error`; false for anything else.
bool applyLogLevel(const QString &level);

} // namespace wharf::cli
