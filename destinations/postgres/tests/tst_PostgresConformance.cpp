// The conformance kit (tests/conformance) bound to PostgreSQL: the server of WHARF_TEST_PG (a libpq
// conninfo, exported by scripts/test.sh and CI), and pg_sleep as the statement to cancel.
#include "DestinationFixture.h"
#include "postgres/PostgresDestination.h"

using namespace wharf;
using namespace wharf::test;

int main(int argc, char **argv)
{
    return runConformance(argc, argv, [](const QTemporaryDir &) {
        DestinationFixture pg;
        pg.name = QStringLiteral("postgres");
        pg.destination = std::make_shared<const postgres::PostgresDestination>();
        pg.config.destinationName = pg.config.destinationType = QStringLiteral("postgres");
        // A column of its own: a view cannot hold pg_sleep's void result.
        pg.slowQuery = QStringLiteral("SELECT 1 AS x FROM pg_sleep(30)");
        const QString conninfo = qEnvironmentVariable("WHARF_TEST_PG");
        if (conninfo.isEmpty())
            pg.unavailable = QStringLiteral("WHARF_TEST_PG is not set: run scripts/test.sh, which starts a "
                                            "throw-away PostgreSQL, or point it at a server");
        else
            addConninfoCredentials(pg.config, conninfo);
        return QList<DestinationFixture>{pg};
    });
}
