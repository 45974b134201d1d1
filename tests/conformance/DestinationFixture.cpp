#include "DestinationFixture.h"

#include "BuiltinDestinations.h"

#include <QDir>
#include <QMap>
#include <QTest>

namespace wharf::test {

std::unique_ptr<SqlJobClient> DestinationFixture::client(const QString &dataset) const
{
    std::unique_ptr<JobClient> c = destination->createClient(config, dataset);
    auto *sql = dynamic_cast<SqlJobClient *>(c.get());
    if (!sql)
        return nullptr;
    c.release();
    return std::unique_ptr<SqlJobClient>(sql);
}

QList<DestinationFixture> conformanceDestinations(const QTemporaryDir &scratch)
{
    registerBuiltinDestinations();
    QList<DestinationFixture> out;

    DestinationFixture sqlite;
    sqlite.name = QStringLiteral("sqlite");
    sqlite.destination = DestinationRegistry::instance().create(QStringLiteral("sqlite"));
    sqlite.config.destinationName = sqlite.config.destinationType = QStringLiteral("sqlite");
    sqlite.config.credentials.insert(
        QStringLiteral("database"),
        ResolvedValue{QDir(scratch.path()).filePath(QStringLiteral("conformance.db")), {}, false});
    sqlite.slowQuery = QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                                      "SELECT count(*) FROM c");
    out.append(sqlite);

    // PostgreSQL from WHARF_TEST_PG (a libpq conninfo, exported by scripts/test.sh and CI).
    DestinationFixture pg;
    pg.name = QStringLiteral("postgres");
    pg.destination = DestinationRegistry::instance().create(QStringLiteral("postgres"));
    pg.config.destinationName = pg.config.destinationType = QStringLiteral("postgres");
    // A column of its own: a view cannot hold pg_sleep's void result.
    pg.slowQuery = QStringLiteral("SELECT 1 AS x FROM pg_sleep(30)");
    const QString conninfo = qEnvironmentVariable("WHARF_TEST_PG");
    if (conninfo.isEmpty()) {
        pg.unavailable = QStringLiteral("WHARF_TEST_PG is not set: run scripts/test.sh, which starts a "
                                        "throw-away PostgreSQL, or point it at a server");
    } else {
        static const QMap<QString, QString> keyOf{
            {"host", "host"}, {"port", "port"}, {"dbname", "database"}, {"user", "username"}, {"password", "password"}};
        for (const QString &part : conninfo.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString key = part.section(QLatin1Char('='), 0, 0);
            if (keyOf.contains(key))
                pg.config.credentials.insert(keyOf[key],
                                             ResolvedValue{part.section(QLatin1Char('='), 1), {}, key == "password"});
        }
    }
    out.append(pg);
    return out;
}

void addDestinationRows(const QList<DestinationFixture> &all)
{
    QTest::addColumn<int>("destination");
    for (int k = 0; k < all.size(); ++k)
        QTest::newRow(qPrintable(all[k].name)) << k;
}

const DestinationFixture &currentDestination(const QList<DestinationFixture> &all)
{
    QFETCH(int, destination);
    return all[destination];
}

} // namespace wharf::test
