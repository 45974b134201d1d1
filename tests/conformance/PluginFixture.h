#pragma once

// What a destination's own tests need beyond the suites, with SDK types only, so that they build
// outside the Wharf tree against the installed kit (find_package(Wharf): Wharf::wharf_conformance):
// the destination loaded from its plugin, a whole package loaded through Wharf's loader, and a
// destination resolved from configuration as `wharf load` resolves it.
#include "DestinationFixture.h"

#include <QMap>

namespace wharf::test {

/// A fixture for destination `type`, loaded from the plugins in WHARF_TEST_PLUGINS (set by
/// wharf_add_destination for the destination's tests) unless it is registered already. Sets
/// `name`, `destination` and the config's names, or `unavailable` saying why not. The caller
/// adds the credentials.
DestinationFixture pluginFixture(const QString &type);

struct PackageOutcome {
    bool loaded = false; ///< the package is LOADED
    QString error;       ///< why not
};

/// Loads the load package in `loadDir` (the load-id folder) into `dataset` with Wharf's loader,
/// as `wharf load` would.
PackageOutcome loadPackage(const DestinationFixture &fixture, const QString &loadDir, const QString &dataset);

struct ResolvedForTest {
    QString type; ///< the destination type `name` resolved to
    ResolvedConfig config;
};

/// Resolves destination `name` from `environment` alone (DESTINATION__... variables; no files),
/// as `wharf load --destination name` does. Throws Error(Config) as it does.
ResolvedForTest resolveFromEnvironment(const QString &name, const QMap<QString, QString> &environment);

} // namespace wharf::test
