#pragma once

#include <QStringList>

namespace wharf::cli {

/// `wharf info <package-dir> [--json]`: jobs by state, tables, formats and sizes of every
/// package found. Returns 0, or 2 when the folder holds no readable package.
int runInfo(const QStringList &args);

} // namespace wharf::cli
