#include "destination/ResolvedDestination.h"

namespace wharf {

ResolvedDestination ResolvedDestination::resolve(const ConfigResolver &resolver, const QString &name)
{
    ResolvedDestination out;
    const QString type = resolver.destinationType(name);
    out.destination = DestinationRegistry::instance().create(type);
    out.config = resolver.resolveDestination(name, out.destination->configSpec());
    out.config.destinationName = name;
    out.config.destinationType = type;
    return out;
}

} // namespace wharf
