// The conformance kit (tests/conformance) bound to SQLite: a database file in the scratch folder,
// and a recursive query that runs until it is interrupted.
#include "DestinationFixture.h"
#include "sqlite/SqliteDestination.h"

#include <QDir>

using namespace wharf;
using namespace wharf::test;

int main(int argc, char **argv)
{
    return runConformance(argc, argv, [](const QTemporaryDir &scratch) {
        DestinationFixture sqlite;
        sqlite.name = QStringLiteral("sqlite");
        sqlite.destination = std::make_shared<const sqlite::SqliteDestination>();
        sqlite.config.destinationName = sqlite.config.destinationType = QStringLiteral("sqlite");
        sqlite.config.credentials.insert(
            QStringLiteral("database"),
            ResolvedValue{QDir(scratch.path()).filePath(QStringLiteral("conformance.db")), {}, false});
        sqlite.slowQuery = QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                                          "SELECT count(*) FROM c");
        sqlite.enforcesNumericPrecision = false;
        return QList<DestinationFixture>{sqlite};
    });
}
