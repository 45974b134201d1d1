#pragma once

#include "destination/Destination.h"

#include <QStringList>
#include <QtPlugin>
#include <memory>

/// The SDK version a plugin is built against, checked when it is loaded: a C++ interface is not
/// a stable ABI, so a plugin built for another version is reported and skipped, never called.
/// Raised whenever an SDK header changes in a way that breaks compiled plugins.
#define WHARF_SDK_VERSION 5

namespace wharf {

/// What a destination plugin's root object implements. A plugin is a shared library with
///   Q_PLUGIN_METADATA(IID WharfDestinationPlugin_iid FILE "<name>.json")
/// whose JSON holds "types" (the destination types it provides, e.g. ["mysql", "mariadb"]),
/// "sdk_version" (WHARF_SDK_VERSION at build time) and "description". Wharf reads the JSON
/// without loading the library, loads it only when the SDK version matches, and registers each
/// type with DestinationRegistry (docs/guides/new-destination.md).
class DestinationPlugin {
public:
    virtual ~DestinationPlugin() = default;
    /// A new instance of `type`, one of the types of the plugin's JSON.
    virtual std::shared_ptr<const Destination> create(const QString &type) const = 0;
};

} // namespace wharf

#define WharfDestinationPlugin_iid "org.wharf.DestinationPlugin"
Q_DECLARE_INTERFACE(wharf::DestinationPlugin, WharfDestinationPlugin_iid)
