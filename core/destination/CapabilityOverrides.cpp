#include "destination/CapabilityOverrides.h"

#include "Error.h"

namespace wharf {

namespace {

const QString kDestinationSection = QStringLiteral("destination");

qint64 countValue(const ResolvedValue &value, const QString &capability)
{
    bool ok = false;
    const qint64 n = value.value.toString().trimmed().toLongLong(&ok);
    if (!ok || n < 0)
        throw Error(ErrorKind::Config, QStringLiteral("%1 must be a non-negative integer, got '%2' (%3)")
                                           .arg(capability, value.value.toString(), value.source.describe()));
    return n;
}

} // namespace

QList<TunableCapability> tunableCapabilities(const QString &destinationName)
{
    using namespace capability_names;
    using Kind = TunableCapability::Kind;
    const QStringList destination{kDestinationSection, destinationName};
    const QStringList load{QStringLiteral("load")};
    return {
        {QLatin1String(kPreferredFormat), destination, QLatin1String(kPreferredFormat), Kind::FileFormat, 0},
        {QLatin1String(kMaxQueryLength), destination, QLatin1String(kMaxQueryLength), Kind::Count, 1},
        {QLatin1String(kMaxRowsPerInsert), destination, QLatin1String(kMaxRowsPerInsert), Kind::Count, 0},
        {QLatin1String(kWorkers), load, QStringLiteral("workers"), Kind::Count, 1},
        {QLatin1String(kParallelism), load, QStringLiteral("parallelism_strategy"), Kind::Strategy, 0},
    };
}

QMap<QString, ResolvedValue> resolveCapabilityOverrides(const ConfigResolver &resolver, const QString &destinationName)
{
    QMap<QString, ResolvedValue> out;
    for (const TunableCapability &tunable : tunableCapabilities(destinationName)) {
        if (tunable.isLoadSetting())
            continue; // LoadOptions reads these
        if (auto value = resolver.lookupExact(tunable.path()))
            out.insert(tunable.capability, *value);
    }
    return out;
}

Capabilities applyCapabilityOverrides(Capabilities caps, const QMap<QString, ResolvedValue> &overrides)
{
    using namespace capability_names;
    for (auto it = overrides.cbegin(); it != overrides.cend(); ++it) {
        const QString &name = it.key();
        if (name == QLatin1String(kPreferredFormat)) {
            const QString format = it->value.toString().trimmed();
            if (!caps.supportedLoaderFileFormats.contains(format))
                throw Error(ErrorKind::Config,
                            QStringLiteral("%1 must be one of %2, got '%3' (%4)")
                                .arg(name, caps.supportedLoaderFileFormats.join(QStringLiteral(", ")), format,
                                     it->source.describe()));
            caps.preferredLoaderFileFormat = format;
        } else if (name == QLatin1String(kMaxQueryLength)) {
            const qint64 n = countValue(*it, name);
            if (n < 1)
                throw Error(ErrorKind::Config,
                            QStringLiteral("%1 must be at least 1 (%2)").arg(name, it->source.describe()));
            caps.maxQueryLength = n;
        } else if (name == QLatin1String(kMaxRowsPerInsert)) {
            const qint64 n = countValue(*it, name);
            if (n > std::numeric_limits<int>::max())
                throw Error(ErrorKind::Config, QStringLiteral("%1 is too large (%2)").arg(name, it->source.describe()));
            caps.maxRowsPerInsert = int(n);
        }
    }
    return caps;
}

} // namespace wharf
