// The conformance kit (tests/conformance) bound to MySQL / MariaDB, loaded as the plugin the app
// loads: a statement that runs until KILL QUERY stops it, and MySQL's ANALYZE TABLE.
#include "MysqlTestServer.h"

#include <QCoreApplication>

using namespace wharf;
using namespace wharf::test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return runConformance(argc, argv, [](const QTemporaryDir &) {
        DestinationFixture mysql = mysqlFixture();
        // SLEEP() and BENCHMARK() return normally when killed; a long join fails with error 1317.
        mysql.slowQuery = QStringLiteral("SELECT count(*) AS x FROM information_schema.columns a, "
                                         "information_schema.columns b, information_schema.columns c");
        mysql.analyzeSql = QStringLiteral("ANALYZE TABLE %1");
        return QList<DestinationFixture>{mysql};
    });
}
