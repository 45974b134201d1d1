// The conformance kit (tests/conformance) bound to MySQL / MariaDB, loaded as the plugin the app
// loads (WHARF_TEST_PLUGINS): the server of WHARF_TEST_MYSQL (a mysql:// URL, exported by
// scripts/test.sh and CI), and a statement that runs until KILL QUERY stops it.
#include "DestinationFixture.h"
#include "config/ConnectionString.h"
#include "destination/PluginLoader.h"

#include <QCoreApplication>

using namespace wharf;
using namespace wharf::test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return runConformance(argc, argv, [](const QTemporaryDir &) {
        DestinationFixture mysql;
        mysql.name = QStringLiteral("mysql");
        DestinationRegistry &registry = DestinationRegistry::instance();
        if (registry.origin(mysql.name).isEmpty())
            plugins::loadAll(registry, {qEnvironmentVariable("WHARF_TEST_PLUGINS")});
        const QString url = qEnvironmentVariable("WHARF_TEST_MYSQL");
        if (registry.origin(mysql.name).isEmpty()) {
            mysql.unavailable = QStringLiteral("the mysql plugin was not loaded from WHARF_TEST_PLUGINS");
        } else if (url.isEmpty()) {
            mysql.unavailable = QStringLiteral("WHARF_TEST_MYSQL is not set: run scripts/test.sh, which starts a "
                                               "throw-away MariaDB, or point it at a server");
        } else {
            mysql.destination = registry.create(mysql.name);
            mysql.config.destinationName = mysql.config.destinationType = mysql.name;
            const ConnectionString cs = ConnectionString::parse(url);
            const auto set = [&](const char *key, const QVariant &value) {
                mysql.config.credentials.insert(QLatin1String(key), ResolvedValue{value, {}, false});
            };
            set("host", cs.host);
            set("port", cs.port.value_or(3306));
            set("database", cs.database);
            set("username", cs.username);
            set("password", cs.password.value_or(QString()));
        }
        // SLEEP() and BENCHMARK() return normally when killed; a long join fails with error 1317.
        mysql.slowQuery = QStringLiteral("SELECT count(*) AS x FROM information_schema.columns a, "
                                         "information_schema.columns b, information_schema.columns c");
        mysql.analyzeSql = QStringLiteral("ANALYZE TABLE %1");
        return QList<DestinationFixture>{mysql};
    });
}
