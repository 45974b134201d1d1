// The destinations a user has (core/config/DestinationCatalog.h): offered types plus the
// [destination.<name>] tables of the project's and the global files; add, duplicate,
// rename and remove edit those files and keep everything else.
#include "ConfigTestFixture.h"
#include "config/DestinationCatalog.h"

#include <sys/stat.h>

namespace {

const QStringList kOffered{QStringLiteral("sqlite"), QStringLiteral("postgres")};
const QStringList kKnown{QStringLiteral("sqlite"), QStringLiteral("postgres"), QStringLiteral("dummy")};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList names(const DestinationCatalog &catalog)
{
    QStringList out;
    for (const auto &e : catalog.entries())
        out << e.name;
    return out;
}

int fileMode(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

template <typename F> QString errorOf(F &&body)
{
    try {
        body();
    } catch (const Error &e) {
        return e.message();
    }
    return QStringLiteral("<no error>");
}

} // namespace

class TestDestinationCatalog : public QObject {
    Q_OBJECT

private slots:
    void listsOfferedTypesAndNamedDestinations();
    void dummyOnlyWhenConfigured();
    void validNames_data();
    void validNames();
    void add();
    void addRefusesTakenOrUnknown();
    void duplicate();
    void rename();
    void renameTypeNamedDestination();
    void renameGlobal();
    void remove();
};

void TestDestinationCatalog::listsOfferedTypesAndNamedDestinations()
{
    Fixture fx;
    fx.write(ProjectSecrets, QStringLiteral("[destination.prod.credentials]\nhost = \"h\"\n"
                                            "[destination.credentials]\nusername = \"generic\"\n"));
    fx.write(ProjectConfig, QStringLiteral("[destination.prod]\ndestination_type = \"postgres\"\n"
                                           "[destination.postgres]\nload_method = \"insert\"\n"));
    fx.write(GlobalConfig, QStringLiteral("[destination.archive]\ndestination_type = \"sqlite\"\n"
                                          "[destination.mystery]\nx = 1\n"));
    const DestinationCatalog catalog(fx.locations(), kOffered, kKnown);
    QCOMPARE(names(catalog),
             (QStringList{QStringLiteral("sqlite"), QStringLiteral("postgres"), QStringLiteral("archive"),
                          QStringLiteral("mystery"), QStringLiteral("prod")}));
    const auto prod = *catalog.entry(QStringLiteral("prod"));
    QCOMPARE(prod.type, QStringLiteral("postgres"));
    QCOMPARE(prod.files, (QStringList{fx.pathOf(ProjectSecrets), fx.pathOf(ProjectConfig)}));
    QVERIFY(!prod.builtin);
    QVERIFY(prod.typeKnown);
    const auto pg = *catalog.entry(QStringLiteral("postgres"));
    QVERIFY(pg.builtin);
    QVERIFY(pg.isConfigured());
    QVERIFY(!catalog.entry(QStringLiteral("sqlite"))->isConfigured());
    QCOMPARE(catalog.entry(QStringLiteral("archive"))->files, QStringList{fx.pathOf(GlobalConfig)});
    QVERIFY(!catalog.entry(QStringLiteral("mystery"))->typeKnown);
    QVERIFY(!catalog.entry(QStringLiteral("credentials")));
}

void TestDestinationCatalog::dummyOnlyWhenConfigured()
{
    Fixture fx;
    DestinationCatalog catalog(fx.locations(), kOffered, kKnown);
    QVERIFY(!catalog.entry(QStringLiteral("dummy")));
    fx.write(ProjectConfig, QStringLiteral("[destination.dummy]\njob_delay_ms = 1\n"));
    catalog.reload();
    QCOMPARE(catalog.entry(QStringLiteral("dummy"))->type, QStringLiteral("dummy"));
}

void TestDestinationCatalog::validNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << QStringLiteral("prod_pg") << true;
    QTest::newRow("underscore first") << QStringLiteral("_x1") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("digit first") << QStringLiteral("1pg") << false;
    QTest::newRow("dot") << QStringLiteral("a.b") << false;
    QTest::newRow("dash") << QStringLiteral("a-b") << false;
    QTest::newRow("space") << QStringLiteral("a b") << false;
    QTest::newRow("unicode") << QStringLiteral("prüf") << false;
    QTest::newRow("reserved") << QStringLiteral("credentials") << false;
}

void TestDestinationCatalog::validNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QString why;
    QCOMPARE(DestinationCatalog::isValidName(name, &why), valid);
    QCOMPARE(why.isEmpty(), valid);
}

void TestDestinationCatalog::add()
{
    Fixture fx;
    fx.write(ProjectConfig, QStringLiteral("# my settings\n[load]\nworkers = 3\n"));
    DestinationCatalog catalog(fx.locations(), kOffered, kKnown);
    catalog.add(QStringLiteral("warehouse"), QStringLiteral("postgres"));
    QCOMPARE(readFile(fx.pathOf(ProjectConfig)),
             QByteArray("# my settings\n[load]\nworkers = 3\n\n[destination.warehouse]\n"
                        "destination_type = \"postgres\"\n"));
    QCOMPARE(catalog.entry(QStringLiteral("warehouse"))->type, QStringLiteral("postgres"));
    QVERIFY(!QFile::exists(fx.pathOf(ProjectSecrets)));
}

void TestDestinationCatalog::addRefusesTakenOrUnknown()
{
    Fixture fx;
    DestinationCatalog catalog(fx.locations(), kOffered, kKnown);
    QVERIFY(errorOf([&] {
                catalog.add(QStringLiteral("Postgres"), QStringLiteral("postgres"));
            }).contains(QLatin1String("exists already")));
    QVERIFY(errorOf([&] {
                catalog.add(QStringLiteral("x"), QStringLiteral("oracle"));
            }).contains(QLatin1String("unknown destination type 'oracle'")));
    QVERIFY(errorOf([&] {
                catalog.add(QStringLiteral("a.b"), QStringLiteral("sqlite"));
            }).contains(QLatin1String("not a valid name")));
    QVERIFY(!QFile::exists(fx.pathOf(ProjectConfig)));
}

void TestDestinationCatalog::duplicate()
{
    Fixture fx;
    fx.write(GlobalSecrets, QStringLiteral("[destination.postgres.credentials]\npassword = \"global\"\n"
                                           "host = \"global-host\"\n"));
    fx.write(ProjectSecrets,
             QStringLiteral("# keep me\n[destination.postgres.credentials]\nhost = \"h\"\n"
                            "database = \"db\"\nusername = \"u\"\n[destination.postgres.credentials.query]\n"
                            "options = \"-c x=1\"\n"));
    fx.write(ProjectConfig, QStringLiteral("[destination.postgres]\nload_method = \"insert\"\n"));
    DestinationCatalog catalog(fx.locations(), kOffered, kKnown);
    catalog.duplicate(QStringLiteral("postgres"), QStringLiteral("copy"));
    const auto copy = catalog.entry(QStringLiteral("copy"));
    QVERIFY(copy);
    QCOMPARE(copy->type, QStringLiteral("postgres"));
    // Resolving the copy gives the original's values, project values winning.
    const ConfigResolver resolver(fx.locations());
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("copy"), postgresSpec());
    QCOMPARE(config.credential(QStringLiteral("host")).toString(), QStringLiteral("h"));
    QCOMPARE(config.credential(QStringLiteral("password")).toString(), QStringLiteral("global"));
    QCOMPARE(config.extraQuery.value(QStringLiteral("options")), QStringLiteral("-c x=1"));
    QCOMPARE(
        resolver.lookupExact({QStringLiteral("destination"), QStringLiteral("copy"), QStringLiteral("load_method")})
            ->value.toString(),
        QStringLiteral("insert"));
    const QByteArray secrets = readFile(fx.pathOf(ProjectSecrets));
    QVERIFY(secrets.startsWith("# keep me\n[destination.postgres.credentials]\nhost = \"h\"\n"));
    QCOMPARE(fileMode(fx.pathOf(ProjectSecrets)), 0600);
    // The global file is not touched.
    QVERIFY(!readFile(fx.pathOf(GlobalSecrets)).contains("copy"));
}

void TestDestinationCatalog::rename()
{
    Fixture fx;
    fx.write(ProjectSecrets, QStringLiteral("[destination.old.credentials] # creds\nhost = \"h\"\n\n[other]\nx = 1\n"));
    fx.write(ProjectConfig, QStringLiteral("[destination.old]\ndestination_type = \"postgres\"\n"
                                           "max_rows_per_insert = 5\n"));
    DestinationCatalog catalog(fx.locations(), kOffered, kKnown);
    catalog.rename(QStringLiteral("old"), QStringLiteral("renamed"));
    QVERIFY(!catalog.entry(QStringLiteral("old")));
    QCOMPARE(catalog.entry(QStringLiteral("renamed"))->type, QStringLiteral("postgres"));
    QCOMPARE(readFile(fx.pathOf(ProjectSecrets)),
             QByteArray("[destination.renamed.credentials] # creds\nhost = \"h\"\n\n[other]\nx = 1\n"));
    QCOMPARE(readFile(fx.pathOf(ProjectConfig)), QByteArray("[destination.renamed]\ndestination_type = \"postgres\"\n"
                                                            "max_rows_per_insert = 5\n"));
    QCOMPARE(fileMode(fx.pathOf(ProjectSecrets)), 0600);
    QVERIFY(errorOf([&] {
                catalog.rename(QStringLiteral("renamed"), QStringLiteral("postgres"));
            }).contains(QLatin1String("exists already")));
    QVERIFY(errorOf([&] {
                catalog.rename(QStringLiteral("sqlite"), QStringLiteral("lite"));
            }).contains(QLatin1String("nothing to rename")));
}

void TestDestinationCatalog::renameTypeNamedDestination()
{
    Fixture fx;
    fx.write(ProjectSecrets, QStringLiteral("[destination.postgres.credentials]\nhost = \"h\"\n"));
    DestinationCatalog catalog(fx.locations(), kOffered, kKnown);
    catalog.rename(QStringLiteral("postgres"), QStringLiteral("prod"));
    // Its type was its name: now written down.
    QCOMPARE(catalog.entry(QStringLiteral("prod"))->type, QStringLiteral("postgres"));
    QCOMPARE(readFile(fx.pathOf(ProjectConfig)), QByteArray("[destination.prod]\ndestination_type = \"postgres\"\n"));
    // The type stays offered, unconfigured.
    QVERIFY(!catalog.entry(QStringLiteral("postgres"))->isConfigured());
}

void TestDestinationCatalog::renameGlobal()
{
    Fixture fx;
    fx.write(GlobalConfig, QStringLiteral("[destination.shared]\ndestination_type = \"sqlite\"\n"));
    DestinationCatalog catalog(fx.locations(), kOffered, kKnown);
    catalog.rename(QStringLiteral("shared"), QStringLiteral("team"));
    QCOMPARE(readFile(fx.pathOf(GlobalConfig)), QByteArray("[destination.team]\ndestination_type = \"sqlite\"\n"));
    QVERIFY(!QFile::exists(fx.pathOf(ProjectConfig)));
}

void TestDestinationCatalog::remove()
{
    Fixture fx;
    fx.write(ProjectSecrets, QStringLiteral("[a]\nx = 1\n\n[destination.prod.credentials]\nhost = \"h\"\n\n"
                                            "[b]\ny = 2\n"));
    fx.write(ProjectConfig, QStringLiteral("[destination.prod]\ndestination_type = \"postgres\"\n"));
    fx.write(GlobalSecrets, QStringLiteral("[destination.prod.credentials]\npassword = \"pw\"\n"));
    QVERIFY(QFile::setPermissions(fx.pathOf(ProjectSecrets), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    DestinationCatalog catalog(fx.locations(), kOffered, kKnown);
    catalog.remove(QStringLiteral("prod"));
    QVERIFY(!catalog.entry(QStringLiteral("prod")));
    QCOMPARE(readFile(fx.pathOf(ProjectSecrets)), QByteArray("[a]\nx = 1\n\n[b]\ny = 2\n"));
    QCOMPARE(readFile(fx.pathOf(ProjectConfig)), QByteArray());
    QCOMPARE(readFile(fx.pathOf(GlobalSecrets)), QByteArray());
    QCOMPARE(fileMode(fx.pathOf(ProjectSecrets)), 0600);
    QVERIFY(errorOf([&] { catalog.remove(QStringLiteral("prod")); }).contains(QLatin1String("no destination")));
}

QTEST_GUILESS_MAIN(TestDestinationCatalog)
#include "tst_DestinationCatalog.moc"
