#pragma once

#include <QStringList>

namespace wharf::cli {

/// `wharf abort <package-dir> [--log-level LEVEL]`: ends one package for good, as dlt's
/// complete_load_package(aborted=True) does (package_completed.json "aborted", moved into
/// load/loaded/ in a pipeline's layout). Refuses while a loader holds the package. Returns 0
/// when aborted, 1 when it cannot be, 2 for usage errors.
int runAbort(const QStringList &args);

} // namespace wharf::cli
