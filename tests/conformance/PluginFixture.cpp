#include "PluginFixture.h"

#include "destination/PluginLoader.h"
#include "destination/ResolvedDestination.h"
#include "load/PackageLoader.h"

namespace wharf::test {

DestinationFixture pluginFixture(const QString &type)
{
    DestinationFixture out;
    out.name = type;
    DestinationRegistry &registry = DestinationRegistry::instance();
    const QString folder = qEnvironmentVariable("WHARF_TEST_PLUGINS");
    if (registry.origin(type).isEmpty() && !folder.isEmpty())
        plugins::loadAll(registry, {folder});
    if (registry.origin(type).isEmpty()) {
        out.unavailable = QStringLiteral("no plugin of type %1 was loaded from WHARF_TEST_PLUGINS (%2)")
                              .arg(type, folder.isEmpty() ? QStringLiteral("not set") : folder);
        return out;
    }
    out.destination = registry.create(type);
    out.config.destinationName = out.config.destinationType = type;
    return out;
}

PackageOutcome loadPackage(const DestinationFixture &fixture, const QString &loadDir, const QString &dataset)
{
    LoadOptions options;
    options.datasetName = dataset;
    PackageLoader loader(fixture.destination, fixture.config, options);
    CancelToken cancel;
    const PackageResult result = loader.load(loadDir, cancel);
    return {result.status == PackageStatus::Loaded, result.error.message};
}

ResolvedForTest resolveFromEnvironment(const QString &name, const QMap<QString, QString> &environment)
{
    QTemporaryDir empty;
    ConfigLocations locations;
    locations.projectDir = empty.filePath(QStringLiteral("project"));
    locations.globalDir = empty.filePath(QStringLiteral("global"));
    locations.environment = QProcessEnvironment();
    locations.secretStore.reset(); // not the keychain of the machine running the test
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        locations.environment.insert(it.key(), it.value());
    const ResolvedDestination resolved = ResolvedDestination::resolve(ConfigResolver(locations), name);
    return {resolved.destination->type(), resolved.config};
}

} // namespace wharf::test
