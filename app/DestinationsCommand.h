#pragma once

#include <QStringList>

namespace wharf::cli {

/// `wharf destinations [--json]`: every destination type this Wharf knows, where it came from
/// (built in, or the plugin file), the job file formats it loads and its SDK version; then the
/// plugins that were found but skipped, and why. Returns 0 (2 for usage errors).
int runDestinations(const QStringList &args);

} // namespace wharf::cli
