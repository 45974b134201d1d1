#pragma once

// The MySQL destination for its tests: loaded as the plugin the app loads (WHARF_TEST_PLUGINS),
// configured for the server of WHARF_TEST_MYSQL (a mysql:// URL; scripts/test.sh exports it).
#include "PluginFixture.h"
#include "config/ConnectionString.h"

namespace wharf::test {

inline DestinationFixture mysqlFixture()
{
    DestinationFixture mysql = pluginFixture(QStringLiteral("mysql"));
    if (!mysql.unavailable.isEmpty())
        return mysql;
    const QString url = qEnvironmentVariable("WHARF_TEST_MYSQL");
    if (url.isEmpty()) {
        mysql.unavailable = QStringLiteral("WHARF_TEST_MYSQL is not set: run scripts/test.sh, which starts a "
                                           "throw-away MariaDB, or point it at a server");
        return mysql;
    }
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
