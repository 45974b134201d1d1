#pragma once

#include <QStringList>

namespace wharf::cli {

/// `wharf load <package-dir> [--destination NAME] [--dataset NAME] [--project-dir DIR]
/// [--workers N] [--log-level LEVEL]`. Returns 0 when every package loaded with no failed job,
/// 1 when a job failed or a package was refused/stopped, 2 for usage and configuration errors.
int runLoad(const QStringList &args);

/// `wharf retry <package-dir> [same options as load]`: moves the failed jobs of each package
/// back to new_jobs/ (taking an aborted package back first) and loads it to the end. Exit codes
/// as runLoad.
int runRetry(const QStringList &args);

} // namespace wharf::cli
