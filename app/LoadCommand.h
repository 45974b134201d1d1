#pragma once

#include <QStringList>

namespace wharf::cli {

/// `wharf load <package-dir> [--destination NAME] [--dataset NAME] [--project-dir DIR]
/// [--workers N] [--log-level LEVEL]`. Returns 0 when every package loaded with no failed job,
/// 1 when a job failed or a package was refused/stopped, 2 for usage and configuration errors.
int runLoad(const QStringList &args);

} // namespace wharf::cli
