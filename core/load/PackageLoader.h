#pragma once

#include "destination/Destination.h"
#include "load/LoadEvents.h"
#include "load/LoadOptions.h"

#include <memory>

namespace wharf {

/// Loads one package into one destination, the way dlt's load stage does (spec section 2):
/// schema first, then every job on a dedicated thread pool (one client per worker), job files
/// moved between state folders as they finish, `_dlt_loads` written when the package
/// completes. The calling thread is the coordinator: it alone renames files and calls the
/// observer. load() blocks and never throws: problems come back in the PackageResult.
class PackageLoader {
public:
    PackageLoader(std::shared_ptr<const Destination> destination, ResolvedConfig config, LoadOptions options,
                  LoadObserver *observer = nullptr);

    /// Loads the package in `packageDir`. `cancel` may be set from any thread; running jobs
    /// are interrupted and the package is left resumable (Incomplete).
    PackageResult load(const QString &packageDir, CancelToken &cancel);

private:
    std::shared_ptr<const Destination> m_destination;
    ResolvedConfig m_config;
    LoadOptions m_options;
    LoadObserver *m_observer;
};

} // namespace wharf
