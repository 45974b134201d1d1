#pragma once

// The MySQL destination for its tests: loaded as the plugin the app loads (WHARF_TEST_PLUGINS),
// configured for the server of WHARF_TEST_MYSQL (a mysql:// URL; scripts/test.sh exports it).
#include "DestinationFixture.h"
#include "config/ConnectionString.h"
#include "destination/PluginLoader.h"

namespace wharf::test {

inline DestinationFixture mysqlFixture()
{
    DestinationFixture mysql;
    mysql.name = QStringLiteral("mysql");
    DestinationRegistry &registry = DestinationRegistry::instance();
    if (registry.origin(mysql.name).isEmpty())
        plugins::loadAll(registry, {qEnvironmentVariable("WHARF_TEST_PLUGINS")});
    const QString url = qEnvironmentVariable("WHARF_TEST_MYSQL");
    if (registry.origin(mysql.name).isEmpty()) {
        mysql.unavailable = QStringLiteral("the mysql plugin was not loaded from WHARF_TEST_PLUGINS");
        return mysql;
    }
    if (url.isEmpty()) {
        mysql.unavailable = QStringLiteral("WHARF_TEST_MYSQL is not set: run scripts/test.sh, which starts a "
                                           "throw-away MariaDB, or point it at a server");
        return mysql;
    }
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
    return mysql;
}

} // namespace wharf::test
