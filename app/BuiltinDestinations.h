#pragma once

namespace wharf {

/// Registers every destination compiled into this build: the static plugins of the destinations
/// built in with wharf_add_destination() (the list is generated; nothing to edit here).
void registerBuiltinDestinations();

} // namespace wharf
