#include "destination/ResolvedDestination.h"

#include "destination/CapabilityOverrides.h"

namespace wharf {

ResolvedDestination ResolvedDestination::resolve(const ConfigResolver &resolver, const QString &name, bool allowMissing)
{
    ResolvedDestination out;
    const QString type = resolver.destinationType(name);
    out.destination = DestinationRegistry::instance().create(type);
    out.config = resolver.resolveDestination(name, out.destination->configSpec(), allowMissing);
    out.config.destinationName = name;
    out.config.destinationType = type;
    out.config.capabilityOverrides = resolveCapabilityOverrides(resolver, name);
    out.capabilities(); // invalid overrides fail here, before any work
    return out;
}

} // namespace wharf
