#pragma once

#include "destination/Destination.h"

#include <QStringList>

namespace wharf {

/// Finds and loads destination plugins (DestinationPlugin.h) into a DestinationRegistry.
namespace plugins {

/// Where plugins are searched, first match of a type wins: every folder of WHARF_PLUGIN_PATH
/// (colon-separated), ~/.local/share/wharf/plugins, then the install's plugin folder
/// (<prefix>/lib/.../wharf/plugins, beside the executable's lib/ folder).
QStringList searchPath();

/// Loads every plugin in `folders` (searchPath() by default) into `registry`. A file that is not
/// a Wharf plugin, a plugin built for another SDK version, one that cannot be loaded or names a
/// type already taken by another plugin is recorded with registry.addProblem() and skipped;
/// nothing here throws or crashes. Returns the number of plugins loaded.
int loadAll(DestinationRegistry &registry, QStringList folders = {});

/// Registers the plugins linked into the executable (Qt static plugins: the built-in
/// destinations, cmake/WharfDestination.cmake) with origin "built-in", checked as loadAll()
/// checks files. Idempotent. Returns the number registered.
int loadStatic(DestinationRegistry &registry);

} // namespace plugins

} // namespace wharf
