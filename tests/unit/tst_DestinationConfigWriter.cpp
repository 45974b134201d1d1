// Saving a destination's form (core/config/DestinationConfigWriter.h): credentials and
// secrets to secrets.toml (0600), options to config.toml, other sections kept.
#include "ConfigTestFixture.h"
#include "config/DestinationConfigWriter.h"

#include <sys/stat.h>

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int fileMode(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

DestinationSetting credential(const QString &field, const QVariant &value, bool secret = false)
{
    return DestinationSetting{field, true, secret, value};
}

DestinationSetting option(const QString &field, const QVariant &value)
{
    return DestinationSetting{field, false, false, value};
}

} // namespace

class TestDestinationConfigWriter : public QObject {
    Q_OBJECT

private slots:
    void writesWhereDltReads();
    void keepsOtherSections();
    void removesClearedFields();
    void replacesConnectionString();
    void nothingWrittenWhenAnEditFails();
    void capabilityOverride();
    void embeddedSectionOption();
};

// A dotted option (csv_format.delimiter) is written into its own table, where dlt and the
// resolver read it, and cleared from there.
void TestDestinationConfigWriter::embeddedSectionOption()
{
    Fixture fx;
    DestinationConfigWriter writer(fx.projectDir());
    writer.write(QStringLiteral("prod"), {option(QStringLiteral("csv_format.delimiter"), QStringLiteral("|")),
                                          option(QStringLiteral("load_method"), QStringLiteral("copy"))});
    QCOMPARE(readFile(fx.pathOf(ProjectConfig)),
             QByteArray("[destination.prod]\nload_method = \"copy\"\n\n[destination.prod.csv_format]\n"
                        "delimiter = \"|\"\n"));
    ConfigSpec spec = postgresSpec();
    spec.credentials.clear();
    spec.options << field(QStringLiteral("csv_format.delimiter"), FieldType::String, QStringLiteral(","));
    const ResolvedConfig config = ConfigResolver(fx.locations()).resolveDestination(QStringLiteral("prod"), spec);
    QCOMPARE(config.option(QStringLiteral("csv_format.delimiter")).toString(), QStringLiteral("|"));
    writer.write(QStringLiteral("prod"), {option(QStringLiteral("csv_format.delimiter"), {})});
    QVERIFY(!readFile(fx.pathOf(ProjectConfig)).contains("delimiter"));
}

void TestDestinationConfigWriter::writesWhereDltReads()
{
    Fixture fx;
    DestinationConfigWriter writer(fx.projectDir());
    QCOMPARE(writer.secretsPath(), fx.pathOf(ProjectSecrets));
    QCOMPARE(writer.configPath(), fx.pathOf(ProjectConfig));
    writer.write(QStringLiteral("prod"), {credential(QStringLiteral("host"), QStringLiteral("db.example.com")),
                                          credential(QStringLiteral("port"), 6543),
                                          credential(QStringLiteral("password"), QStringLiteral("p\"w\\"), true),
                                          option(QStringLiteral("create_indexes"), false)});
    QCOMPARE(readFile(fx.pathOf(ProjectSecrets)),
             QByteArray("[destination.prod.credentials]\nhost = \"db.example.com\"\nport = 6543\n"
                        "password = \"p\\\"w\\\\\"\n"));
    QCOMPARE(fileMode(fx.pathOf(ProjectSecrets)), 0600);
    QCOMPARE(readFile(fx.pathOf(ProjectConfig)), QByteArray("[destination.prod]\ncreate_indexes = false\n"));
    // And the resolver reads it back.
    ConfigSpec spec = postgresSpec();
    spec.options << field(QStringLiteral("create_indexes"), FieldType::Bool, true);
    fx.write(ProjectSecrets, QStringLiteral("database = \"d\"\nusername = \"u\"\n"));
    const ResolvedConfig config = ConfigResolver(fx.locations()).resolveDestination(QStringLiteral("prod"), spec);
    QCOMPARE(config.credential(QStringLiteral("password")).toString(), QStringLiteral("p\"w\\"));
    QCOMPARE(config.credential(QStringLiteral("port")).toInt(), 6543);
    QCOMPARE(config.option(QStringLiteral("create_indexes")).toBool(), false);
}

void TestDestinationConfigWriter::keepsOtherSections()
{
    Fixture fx;
    const QString secrets = QStringLiteral("# top comment\n[sources.github]\naccess_token = \"t\" # tok\n\n"
                                           "[destination.prod.credentials]\nhost = \"old\"   # the host\n");
    fx.write(ProjectSecrets, secrets);
    DestinationConfigWriter(fx.projectDir())
        .write(QStringLiteral("prod"), {credential(QStringLiteral("host"), QStringLiteral("new"))});
    QCOMPARE(QString::fromUtf8(readFile(fx.pathOf(ProjectSecrets))),
             QString(secrets).replace(QStringLiteral("\"old\""), QStringLiteral("\"new\"")));
    QCOMPARE(fileMode(fx.pathOf(ProjectSecrets)), 0600);
    QVERIFY(!QFile::exists(fx.pathOf(ProjectConfig)));
}

void TestDestinationConfigWriter::removesClearedFields()
{
    Fixture fx;
    fx.write(ProjectSecrets, QStringLiteral("[destination.prod.credentials]\nhost = \"h\"\npassword = \"pw\"\n"));
    fx.write(ProjectConfig, QStringLiteral("[destination.prod]\nload_method = \"insert\"\n"));
    DestinationConfigWriter(fx.projectDir())
        .write(QStringLiteral("prod"),
               {credential(QStringLiteral("password"), {}, true), option(QStringLiteral("load_method"), {})});
    QCOMPARE(readFile(fx.pathOf(ProjectSecrets)), QByteArray("[destination.prod.credentials]\nhost = \"h\"\n"));
    QCOMPARE(readFile(fx.pathOf(ProjectConfig)), QByteArray("[destination.prod]\n"));
}

void TestDestinationConfigWriter::replacesConnectionString()
{
    Fixture fx;
    fx.write(ProjectSecrets, QStringLiteral("[destination.prod]\ncredentials = \"postgresql://u:pw@h/db\"\n"));
    DestinationConfigWriter(fx.projectDir())
        .write(QStringLiteral("prod"), {credential(QStringLiteral("username"), QStringLiteral("u")),
                                        credential(QStringLiteral("host"), QStringLiteral("h2")),
                                        credential(QStringLiteral("database"), QStringLiteral("db"))});
    QCOMPARE(readFile(fx.pathOf(ProjectSecrets)),
             QByteArray("[destination.prod]\n\n[destination.prod.credentials]\nusername = \"u\"\nhost = \"h2\"\n"
                        "database = \"db\"\n"));
}

void TestDestinationConfigWriter::nothingWrittenWhenAnEditFails()
{
    Fixture fx;
    const QString inlineCredentials = QStringLiteral("[destination.prod]\ncredentials = { host = \"h\" }\n");
    fx.write(ProjectConfig, QStringLiteral("[load]\nworkers = 1\n"));
    fx.write(ProjectSecrets, inlineCredentials);
    const QByteArray configBefore = readFile(fx.pathOf(ProjectConfig));
    try {
        DestinationConfigWriter(fx.projectDir())
            .write(QStringLiteral("prod"),
                   {option(QStringLiteral("load_method"), QStringLiteral("copy")),
                    credential(QStringLiteral("host"), QStringLiteral("h2")), credential(QStringLiteral("port"), 1)});
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Config);
    }
    QCOMPARE(readFile(fx.pathOf(ProjectConfig)), configBefore);
}

void TestDestinationConfigWriter::capabilityOverride()
{
    Fixture fx;
    fx.write(ProjectConfig, QStringLiteral("# tuned\n[destination.pg]\nload_method = \"copy\"\n"));
    DestinationConfigWriter writer(fx.projectDir());
    const QStringList key{QStringLiteral("destination"), QStringLiteral("pg"), QStringLiteral("max_rows_per_insert")};
    writer.setConfigValue(key, 100);
    QCOMPARE(readFile(fx.pathOf(ProjectConfig)),
             QByteArray("# tuned\n[destination.pg]\nload_method = \"copy\"\nmax_rows_per_insert = 100\n"));
    writer.setConfigValue(key, {});
    QCOMPARE(readFile(fx.pathOf(ProjectConfig)), QByteArray("# tuned\n[destination.pg]\nload_method = \"copy\"\n"));
    writer.setConfigValue(key, {}); // removing what is not there is fine
    writer.setConfigValue({QStringLiteral("load"), QStringLiteral("workers")}, 2);
    QVERIFY(readFile(fx.pathOf(ProjectConfig)).endsWith("\n[load]\nworkers = 2\n"));
}

QTEST_GUILESS_MAIN(TestDestinationConfigWriter)
#include "tst_DestinationConfigWriter.moc"
