#include "destination/ResolvedDestination.h"

#include "destination/CapabilityOverrides.h"

#include "Error.h"

namespace wharf {

namespace {

// dlt's sqlalchemy destination picks the database by the URL's dialect; Wharf has a destination
// per database. A `mysql://` / `mariadb://` URL (with or without `+driver`) goes to the MySQL
// destination, which loads as dlt's sqlalchemy does on MySQL; anything else stays SQLite.
QString sqlalchemyDialectType(const QString &scheme)
{
    const QString dialect = scheme.section(QLatin1Char('+'), 0, 0).toLower();
    if (dialect == QLatin1String("mysql") || dialect == QLatin1String("mariadb"))
        return QStringLiteral("mysql");
    return {};
}

} // namespace

ResolvedDestination ResolvedDestination::resolve(const ConfigResolver &resolver, const QString &name, bool allowMissing)
{
    ResolvedDestination out;
    QString type = resolver.destinationType(name);
    if (type == QLatin1String("sqlalchemy")) {
        // Only the URL's scheme is wanted here: any spec with credentials reads it.
        ConfigSpec probe;
        probe.credentials.append(configField("database", FieldType::String, {}, false, false, ""));
        const QString scheme = resolver.resolveDestination(name, probe, true).scheme;
        if (const QString routed = sqlalchemyDialectType(scheme); !routed.isEmpty()) {
            if (DestinationRegistry::instance().origin(routed).isEmpty())
                throw Error(ErrorKind::Config,
                            QStringLiteral("destination %1 has %2:// credentials, which Wharf loads with its %3 "
                                           "destination; that plugin is not installed (wharf destinations lists "
                                           "what is)")
                                .arg(name, scheme, routed));
            type = routed;
        }
    }
    out.destination = DestinationRegistry::instance().create(type);
    out.config = resolver.resolveDestination(name, out.destination->configSpec(), allowMissing);
    out.config.destinationName = name;
    out.config.destinationType = type;
    out.config.capabilityOverrides = resolveCapabilityOverrides(resolver, name);
    out.capabilities(); // invalid overrides fail here, before any work
    return out;
}

} // namespace wharf
