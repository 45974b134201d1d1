#pragma once

namespace wharf {

/// Registers every destination compiled into this build. The only place that knows them all;
/// a new destination adds one line here.
void registerBuiltinDestinations();

} // namespace wharf
