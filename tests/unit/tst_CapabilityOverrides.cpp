// User overrides of tunable capabilities (core/destination/CapabilityOverrides.h): read from
// config.toml by exact key, validated, and handed to the job clients that consume them.
#include "Error.h"
#include "config/ConfigResolver.h"
#include "destination/CapabilityOverrides.h"
#include "destination/PluginLoader.h"
#include "destination/ResolvedDestination.h"
#include "postgres/PgJobClient.h"
#include "postgres/PostgresDestination.h"
#include "sqlite/SqliteDestination.h"
#include "sqlite/SqliteJobClient.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtPlugin>
#include <QtTest>

Q_IMPORT_PLUGIN(PostgresPlugin)
Q_IMPORT_PLUGIN(SqlitePlugin)

using namespace wharf;

namespace {

class Project {
public:
    Project() { QDir(m_dir.path()).mkpath(QStringLiteral(".dlt")); }
    void config(const QByteArray &toml)
    {
        QFile f(m_dir.filePath(QStringLiteral(".dlt/config.toml")));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
        f.write(toml);
    }
    ConfigLocations locations() const
    {
        ConfigLocations out;
        out.projectDir = m_dir.path();
        out.globalDir = m_dir.filePath(QStringLiteral("no-home"));
        out.environment = env;
        return out;
    }
    QProcessEnvironment env;

private:
    QTemporaryDir m_dir;
};

} // namespace

class TestCapabilityOverrides : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void tunables();
    void noOverrides();
    void overridesReachPostgresClient();
    void overridesReachSqliteClient();
    void environmentOverride();
    void genericKeysIgnored();
    void invalid_data();
    void invalid();
};

void TestCapabilityOverrides::initTestCase()
{
    // The destinations' own plugins, registered as the application registers them.
    plugins::loadStatic(DestinationRegistry::instance());
}

void TestCapabilityOverrides::tunables()
{
    const auto list = tunableCapabilities(QStringLiteral("pg"));
    QStringList keys;
    for (const auto &t : list)
        keys << t.configKey();
    QCOMPARE(keys, (QStringList{QStringLiteral("destination.pg.preferred_loader_file_format"),
                                QStringLiteral("destination.pg.max_query_length"),
                                QStringLiteral("destination.pg.max_rows_per_insert"), QStringLiteral("load.workers"),
                                QStringLiteral("load.parallelism_strategy")}));
    // Every destination-scoped one is a row of Capabilities::describe().
    QStringList described;
    for (const auto &e : Capabilities().describe())
        described << e.name;
    for (const auto &t : list) {
        if (!t.isLoadSetting())
            QVERIFY2(described.contains(t.capability), qPrintable(t.capability));
    }
    QVERIFY(described.contains(QLatin1String(capability_names::kParallelism)));
}

void TestCapabilityOverrides::noOverrides()
{
    Project p;
    const ConfigResolver resolver(p.locations());
    const auto dest = ResolvedDestination::resolve(resolver, QStringLiteral("sqlite"));
    QVERIFY(dest.config.capabilityOverrides.isEmpty());
    QCOMPARE(dest.capabilities().maxRowsPerInsert, dest.destination->capabilities().maxRowsPerInsert);
}

void TestCapabilityOverrides::overridesReachPostgresClient()
{
    Project p;
    p.config("[destination.postgres]\nmax_rows_per_insert = 2\nmax_query_length = 4096\n"
             "preferred_loader_file_format = \"csv\"\n"
             "[destination.postgres.credentials]\ndatabase = \"d\"\nusername = \"u\"\nhost = \"h\"\n");
    const ConfigResolver resolver(p.locations());
    const auto dest = ResolvedDestination::resolve(resolver, QStringLiteral("postgres"));
    QCOMPARE(dest.capabilities().maxRowsPerInsert, 2);
    QCOMPARE(dest.capabilities().maxQueryLength, qint64(4096));
    QCOMPARE(dest.capabilities().preferredLoaderFileFormat, QStringLiteral("csv"));
    QCOMPARE(dest.config.capabilityOverrides.value(QStringLiteral("max_rows_per_insert")).source.kind,
             ValueSource::Kind::ConfigToml);
    // The client the loader gets splits INSERTs by these numbers (PgLoadJobs reads them from
    // its connection's capabilities); not connected here.
    auto client = dest.destination->createClient(dest.config, QStringLiteral("ds"));
    auto *pg = dynamic_cast<postgres::PgJobClient *>(client.get());
    QVERIFY(pg);
    QCOMPARE(pg->connection().capabilities().maxRowsPerInsert, 2);
    QCOMPARE(pg->connection().capabilities().maxQueryLength, qint64(4096));
    QVERIFY(!pg->connection().isOpen());
}

void TestCapabilityOverrides::overridesReachSqliteClient()
{
    Project p;
    p.config("[destination.sqlite]\nmax_rows_per_insert = 7\n");
    const ConfigResolver resolver(p.locations());
    const auto dest = ResolvedDestination::resolve(resolver, QStringLiteral("sqlite"));
    auto client = dest.destination->createClient(dest.config, QStringLiteral("ds"));
    auto *lite = dynamic_cast<sqlite::SqliteJobClient *>(client.get());
    QVERIFY(lite);
    QCOMPARE(lite->sql().capabilities().maxRowsPerInsert, 7);
    QCOMPARE(dest.destination->capabilities().maxRowsPerInsert, 10000); // the default is unchanged
}

void TestCapabilityOverrides::environmentOverride()
{
    Project p;
    p.config("[destination.sqlite]\nmax_rows_per_insert = 7\n");
    p.env.insert(QStringLiteral("DESTINATION__SQLITE__MAX_ROWS_PER_INSERT"), QStringLiteral("9"));
    const auto dest = ResolvedDestination::resolve(ConfigResolver(p.locations()), QStringLiteral("sqlite"));
    QCOMPARE(dest.capabilities().maxRowsPerInsert, 9);
}

void TestCapabilityOverrides::genericKeysIgnored()
{
    Project p;
    p.config("max_rows_per_insert = 3\n[destination]\nmax_query_length = 5\n");
    p.env.insert(QStringLiteral("MAX_QUERY_LENGTH"), QStringLiteral("6"));
    const auto dest = ResolvedDestination::resolve(ConfigResolver(p.locations()), QStringLiteral("sqlite"));
    QVERIFY(dest.config.capabilityOverrides.isEmpty());
    QCOMPARE(dest.capabilities().maxRowsPerInsert, 10000);
}

void TestCapabilityOverrides::invalid_data()
{
    QTest::addColumn<QByteArray>("toml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("negative") << QByteArray("max_rows_per_insert = -1") << QStringLiteral("non-negative integer");
    QTest::newRow("text") << QByteArray("max_rows_per_insert = \"many\"") << QStringLiteral("non-negative integer");
    QTest::newRow("zero query") << QByteArray("max_query_length = 0") << QStringLiteral("at least 1");
    QTest::newRow("format") << QByteArray("preferred_loader_file_format = \"parquet\"")
                            << QStringLiteral("must be one of typed-jsonl, jsonl, insert_values, csv");
}

void TestCapabilityOverrides::invalid()
{
    QFETCH(QByteArray, toml);
    QFETCH(QString, expected);
    Project p;
    p.config("[destination.sqlite]\n" + toml + "\n");
    try {
        ResolvedDestination::resolve(ConfigResolver(p.locations()), QStringLiteral("sqlite"));
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Config);
        QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QLatin1String("config.toml [destination.sqlite]")), qPrintable(e.message()));
    }
}

QTEST_GUILESS_MAIN(TestCapabilityOverrides)
#include "tst_CapabilityOverrides.moc"
