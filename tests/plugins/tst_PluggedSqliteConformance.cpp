// A plugin's destination under the same conformance suites as the built-in ones: the test plugin
// (SQLite loaded from libwharf_test_plugin.so through plugins::loadAll) with SQLite's quirks.
#include "DestinationFixture.h"
#include "destination/PluginLoader.h"

#include <QCoreApplication>
#include <QDir>

using namespace wharf;
using namespace wharf::test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return runConformance(argc, argv, [](const QTemporaryDir &scratch) {
        DestinationFixture plugged;
        plugged.name = QStringLiteral("plugged_sqlite");
        DestinationRegistry &registry = DestinationRegistry::instance();
        if (registry.origin(plugged.name).isEmpty())
            plugins::loadAll(registry, {qEnvironmentVariable("WHARF_TEST_PLUGINS")});
        if (registry.origin(plugged.name).isEmpty()) {
            plugged.unavailable = QStringLiteral("the test plugin was not loaded from WHARF_TEST_PLUGINS");
            return QList<DestinationFixture>{plugged};
        }
        plugged.destination = registry.create(plugged.name);
        plugged.config.destinationName = plugged.config.destinationType = plugged.name;
        plugged.config.credentials.insert(
            QStringLiteral("database"),
            ResolvedValue{QDir(scratch.path()).filePath(QStringLiteral("plugged.db")), {}, false});
        plugged.slowQuery = QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                                           "SELECT count(*) FROM c");
        plugged.enforcesNumericPrecision = false;
        return QList<DestinationFixture>{plugged};
    });
}
