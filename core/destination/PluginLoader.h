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

} // namespace plugins

} // namespace wharf
