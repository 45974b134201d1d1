#pragma once

#include "config/ConfigResolver.h"
#include "destination/Destination.h"

#include <memory>

namespace wharf {

/// A destination type with its configuration resolved: what the loader, the CLI and the UI
/// hand around.
struct ResolvedDestination {
    std::shared_ptr<const Destination> destination;
    ResolvedConfig config;

    /// Resolves destination `name` (a type such as "sqlite", or a named destination with
    /// `destination.<name>.destination_type`) through `resolver`, with the capability
    /// overrides of config.toml (checked here). Throws Error(Config). With `allowMissing`,
    /// required fields may be absent (for work that never connects, like `wharf info --sql`).
    /// dlt's `sqlalchemy` with `mysql://` or `mariadb://` credentials resolves to the MySQL
    /// destination (Error(Config) when its plugin is not installed).
    static ResolvedDestination resolve(const ConfigResolver &resolver, const QString &name, bool allowMissing = false);

    QString displayLocation() const { return destination->displayLocation(config); }
    /// The destination's capabilities with the user's overrides applied.
    Capabilities capabilities() const { return destination->effectiveCapabilities(config); }
};

} // namespace wharf
