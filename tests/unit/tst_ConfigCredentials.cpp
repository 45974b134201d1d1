// Credentials as dlt resolves them: whole connection strings (native values), secrets that may
// not live in config.toml, passwords, masking, SQLite paths.
#include "ConfigTestFixture.h"

class TestConfigCredentials : public QObject {
    Q_OBJECT

private slots:
    void nativeFromEnvNeedsPassword();
    void allowMissingForForms();
    void nativeFromToml_data();
    void nativeFromToml();
    void nativeExplicit();
    void passwordInUrlWins();
    void explicitFieldBeatsUrl();
    void invalidNativeValue_data();
    void invalidNativeValue();
    void secretInConfigRejected_data();
    void secretInConfigRejected();
    void secretInSecretsShadowsConfig();
    void passwordTrimmed();
    void masking();
    void secretTableValuesAreMasked();
    void sqlite_data();
    void sqlite();
    void queryTable();
};

void TestConfigCredentials::allowMissingForForms()
{
    // The destination settings form shows what is set so far: missing fields are just absent,
    // while what is set keeps its value and source.
    Fixture fx;
    fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS__HOST"), QStringLiteral("db.example.org"));
    ConfigResolver resolver(fx.locations());
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec(), true);
    QVERIFY(!config.credentials.contains(QStringLiteral("password")));
    QVERIFY(!config.credentials.contains(QStringLiteral("database")));
    QCOMPARE(config.credentials.value(QStringLiteral("host")).value.toString(), QStringLiteral("db.example.org"));
    QCOMPARE(config.credentials.value(QStringLiteral("host")).source.kind, Kind::Environment);
    QCOMPARE(config.credentials.value(QStringLiteral("port")).source.kind, Kind::Default);
    // Without it, the same configuration is an error naming what is missing.
    const QString text =
        configErrorText([&] { resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec()); });
    QVERIFY2(text.contains(QStringLiteral("'database'")), qPrintable(text));
}

void TestConfigCredentials::nativeFromEnvNeedsPassword()
{
    // tests/load/postgres/test_postgres_client.py::test_postgres_credentials_native_value
    Fixture fx;
    fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"),
                  QStringLiteral("postgres://loader@localhost:5432/DLT_DATA?connect_timeout=600"
                                 "&options=-ctimezone%3DEurope%2FParis"));
    {
        ConfigResolver resolver(fx.locations());
        const QString text =
            configErrorText([&] { resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec()); });
        QVERIFY2(text.contains(QStringLiteral("'password'")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("'host'")), qPrintable(text));
    }

    fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS__PASSWORD"), QStringLiteral("  pass \n"));
    ConfigResolver resolver(fx.locations());
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec());

    const ResolvedValue password = config.credentials.value(QStringLiteral("password"));
    QCOMPARE(password.value.toString(), QStringLiteral("pass"));
    QCOMPARE(password.source.kind, Kind::Environment);
    QCOMPARE(password.source.key, QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS__PASSWORD"));
    QVERIFY(password.secret);

    for (const char *name : {"username", "host", "port", "database", "connect_timeout"}) {
        const ResolvedValue value = config.credentials.value(QLatin1String(name));
        QCOMPARE(value.source.kind, Kind::ConnectionString);
        QCOMPARE(value.source.origin, Kind::Environment);
        QCOMPARE(value.source.key, QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"));
    }
    QCOMPARE(config.credential(QStringLiteral("username")).toString(), QStringLiteral("loader"));
    QCOMPARE(config.credential(QStringLiteral("database")).toString(), QStringLiteral("DLT_DATA"));
    QCOMPARE(config.credential(QStringLiteral("port")).toInt(), 5432);
    QCOMPARE(config.credential(QStringLiteral("connect_timeout")).toInt(), 600);
    QVERIFY(!config.credentials.contains(QStringLiteral("client_encoding")));
    QCOMPARE(config.extraQuery.value(QStringLiteral("options")), QStringLiteral("-ctimezone=Europe/Paris"));
    QCOMPARE(config.scheme, QStringLiteral("postgres"));

    QCOMPARE(config.toConnectionString().toDisplayString(),
             QStringLiteral("postgres://loader:***@localhost:5432/DLT_DATA"));
    QCOMPARE(config.toConnectionString().toNativeString(),
             QStringLiteral("postgres://loader:pass@localhost:5432/DLT_DATA?connect_timeout=600&"
                            "options=-ctimezone%3DEurope%2FParis"));
}

void TestConfigCredentials::nativeFromToml_data()
{
    QTest::addColumn<int>("layer");
    QTest::addColumn<QString>("toml");
    QTest::addColumn<QString>("key");

    QTest::newRow("secrets, dotted top-level key")
        << int(ProjectSecrets)
        << "destination.postgres.credentials = \"postgresql://loader@db.example:5433/dlt\"\n"
           "[load]\nworkers = 2\n"
        << "destination.postgres.credentials";
    QTest::newRow("secrets, in [destination.postgres]")
        << int(GlobalSecrets) << "[destination.postgres]\ncredentials = \"postgresql://loader@db.example:5433/dlt\"\n"
        << "destination.postgres.credentials";
    QTest::newRow("config without password")
        << int(ProjectConfig) << "[destination.postgres]\ncredentials = \"postgresql://loader@db.example:5433/dlt\"\n"
        << "destination.postgres.credentials";
    QTest::newRow("config, dropped section")
        << int(GlobalConfig) << "[destination]\ncredentials = \"postgresql://loader@db.example:5433/dlt\"\n"
        << "destination.credentials";
}

void TestConfigCredentials::nativeFromToml()
{
    QFETCH(int, layer);
    QFETCH(QString, toml);
    QFETCH(QString, key);

    Fixture fx;
    fx.write(Layer(layer), toml);
    fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS__PASSWORD"), QStringLiteral("from-env"));
    ConfigResolver resolver(fx.locations());
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec());

    QCOMPARE(config.credential(QStringLiteral("password")).toString(), QStringLiteral("from-env"));
    const ResolvedValue host = config.credentials.value(QStringLiteral("host"));
    QCOMPARE(host.value.toString(), QStringLiteral("db.example"));
    QCOMPARE(host.source.kind, Kind::ConnectionString);
    QCOMPARE(host.source.origin,
             layer == ProjectSecrets || layer == GlobalSecrets ? Kind::SecretsToml : Kind::ConfigToml);
    QCOMPARE(host.source.file, fx.pathOf(Layer(layer)));
    QCOMPARE(host.source.key, key);
    QCOMPARE(config.credential(QStringLiteral("port")).toInt(), 5433);
    // Not in the string: the default.
    QCOMPARE(config.credentials.value(QStringLiteral("connect_timeout")).source.kind, Kind::Default);
    QCOMPARE(config.credential(QStringLiteral("connect_timeout")).toInt(), 15);
}

void TestConfigCredentials::nativeExplicit()
{
    Fixture fx;
    ConfigResolver resolver(fx.locations());
    resolver.setExplicit(QStringLiteral("destination.postgres.credentials"), QStringLiteral("postgresql://u:p@h/db"));
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec());
    const ResolvedValue password = config.credentials.value(QStringLiteral("password"));
    QCOMPARE(password.value.toString(), QStringLiteral("p"));
    QCOMPARE(password.source.kind, Kind::ConnectionString);
    QCOMPARE(password.source.origin, Kind::Explicit);
    QCOMPARE(password.source.describe(),
             QStringLiteral("connection string from explicit destination.postgres.credentials"));
}

void TestConfigCredentials::passwordInUrlWins()
{
    Fixture fx;
    fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"),
                  QStringLiteral("postgresql://loader:url-pass@localhost/dlt_data"));
    fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS__PASSWORD"), QStringLiteral("env-pass"));
    fx.env.insert(QStringLiteral("CREDENTIALS__PASSWORD"), QStringLiteral("env-pass-2"));
    fx.write(ProjectSecrets, kPostgresFieldsButPassword + QStringLiteral("password = \"toml-pass\"\n"));
    ConfigResolver resolver(fx.locations());
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec());
    const ResolvedValue password = config.credentials.value(QStringLiteral("password"));
    QCOMPARE(password.value.toString(), QStringLiteral("url-pass"));
    QCOMPARE(password.source.kind, Kind::ConnectionString);
    // The URL's parts also win over the TOML fields.
    QCOMPARE(config.credentials.value(QStringLiteral("host")).source.kind, Kind::ConnectionString);
}

void TestConfigCredentials::explicitFieldBeatsUrl()
{
    Fixture fx;
    fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"),
                  QStringLiteral("postgresql://loader:url-pass@localhost/dlt_data"));
    ConfigResolver resolver(fx.locations());
    resolver.setExplicit(QStringLiteral("destination.postgres.credentials.password"), QStringLiteral("typed-in-ui"));
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec());
    QCOMPARE(config.credential(QStringLiteral("password")).toString(), QStringLiteral("typed-in-ui"));
    QCOMPARE(config.credentials.value(QStringLiteral("password")).source.kind, Kind::Explicit);
}

void TestConfigCredentials::invalidNativeValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not a url") << "host=localhost password=S3cretPw"
                               << "DESTINATION__POSTGRES__CREDENTIALS";
    QTest::newRow("bad port") << "postgresql://u:S3cretPw@localhost:bad/db"
                              << "DESTINATION__POSTGRES__CREDENTIALS";
    QTest::newRow("bad query value") << "postgresql://u:S3cretPw@localhost/db?connect_timeout=x"
                                     << "connect_timeout";
}

void TestConfigCredentials::invalidNativeValue()
{
    QFETCH(QString, value);
    QFETCH(QString, mentions);
    Fixture fx;
    fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"), value);
    ConfigResolver resolver(fx.locations());
    const QString text =
        configErrorText([&] { resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec()); });
    QVERIFY2(text.contains(mentions), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("S3cretPw")), qPrintable(text));
}

void TestConfigCredentials::secretInConfigRejected_data()
{
    QTest::addColumn<int>("layer");
    QTest::addColumn<QString>("toml");
    QTest::addColumn<QString>("key");

    QTest::newRow("project config field")
        << int(ProjectConfig) << "[destination.postgres.credentials]\npassword = \"x\"\n"
        << "destination.postgres.credentials";
    QTest::newRow("global config dropped section") << int(GlobalConfig) << "[credentials]\npassword = \"x\"\n"
                                                   << "credentials";
    QTest::newRow("connection string with password")
        << int(ProjectConfig) << "[destination.postgres]\ncredentials = \"postgresql://u:x@h/db\"\n"
        << "destination.postgres";
}

void TestConfigCredentials::secretInConfigRejected()
{
    QFETCH(int, layer);
    QFETCH(QString, toml);
    QFETCH(QString, key);

    Fixture fx;
    // A table of fields in secrets.toml would be found before a connection string in
    // config.toml (and the fields then resolved one by one), so only add it for field rows.
    const bool nativeRow = toml.contains(QStringLiteral("://"));
    if (!nativeRow)
        fx.write(ProjectSecrets, kPostgresFieldsButPassword);
    fx.write(Layer(layer), toml);
    ConfigResolver resolver(fx.locations());
    const QString text =
        configErrorText([&] { resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec()); });
    QVERIFY2(text.contains(QStringLiteral("not a secret")), qPrintable(text));
    QVERIFY2(text.contains(fx.pathOf(Layer(layer))), qPrintable(text));
    QVERIFY2(text.contains(key), qPrintable(text));

    // The plain lookup rejects it too when asked for a secret, and not otherwise.
    if (!nativeRow) {
        QVERIFY(resolver.lookup(kPostgresCredentials, QStringLiteral("password"), false));
        QVERIFY(configErrorText([&] {
                    resolver.lookup(kPostgresCredentials, QStringLiteral("password"), true);
                }).contains(QStringLiteral("not a secret")));
    }
}

void TestConfigCredentials::secretInSecretsShadowsConfig()
{
    // A password in config.toml is only an error when it is the one that would be used.
    Fixture fx;
    fx.write(ProjectSecrets, kPostgresFieldsButPassword + QStringLiteral("password = \"ok\"\n"));
    fx.write(ProjectConfig, QStringLiteral("[destination.postgres.credentials]\npassword = \"x\"\n"
                                           "port = 6543\n"));
    ConfigResolver resolver(fx.locations());
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec());
    QCOMPARE(config.credential(QStringLiteral("password")).toString(), QStringLiteral("ok"));
    // Non-secret fields may come from config.toml.
    QCOMPARE(config.credential(QStringLiteral("port")).toInt(), 6543);
    QCOMPARE(config.credentials.value(QStringLiteral("port")).source.kind, Kind::ConfigToml);
}

void TestConfigCredentials::passwordTrimmed()
{
    Fixture fx;
    fx.write(ProjectSecrets, kPostgresFieldsButPassword + QStringLiteral("password = \"\\t secret \\n\"\n"));
    ConfigResolver resolver(fx.locations());
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec());
    QCOMPARE(config.credential(QStringLiteral("password")).toString(), QStringLiteral("secret"));
    const auto looked = resolver.lookup(kPostgresCredentials, QStringLiteral("password"), true);
    QVERIFY(looked);
    QCOMPARE(looked->value.toString(), QStringLiteral("secret"));
}

void TestConfigCredentials::masking()
{
    Fixture fx;
    const QString secret = QStringLiteral("p@ss w/rd");
    fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS__PASSWORD"), secret);
    fx.write(ProjectSecrets, kPostgresFieldsButPassword);
    ConfigResolver resolver(fx.locations());
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec());

    QCOMPARE(config.secretValues(), QStringList{secret});
    const QString native = config.toConnectionString().toNativeString();
    QVERIFY(native.contains(QStringLiteral("p%40ss%20w%2Frd")));
    const QString message = QStringLiteral("cannot connect with %1 (password '%2')").arg(native, secret);
    const QString masked = config.maskSecrets(message);
    QVERIFY2(!masked.contains(secret), qPrintable(masked));
    QVERIFY2(!masked.contains(QStringLiteral("p%40ss")), qPrintable(masked));
    QCOMPARE(masked, QStringLiteral("cannot connect with postgresql://loader:***@localhost:5432/"
                                    "dlt_data?connect_timeout=15 (password '***')"));
    // Non-secret values are left alone.
    QCOMPARE(config.maskSecrets(QStringLiteral("loader@localhost")), QStringLiteral("loader@localhost"));

    ResolvedConfig empty;
    QVERIFY(empty.secretValues().isEmpty());
    QCOMPARE(empty.maskSecrets(QStringLiteral("x")), QStringLiteral("x"));
}

void TestConfigCredentials::secretTableValuesAreMasked()
{
    // A secret table (the sink's HTTP headers): each value is a secret, and config.toml may
    // not hold it.
    ConfigSpec spec;
    spec.destinationType = QStringLiteral("sink");
    spec.credentials = {configField("headers", FieldType::Table, {}, false, true, "headers")};
    Fixture fx;
    fx.write(ProjectSecrets, QStringLiteral("[destination.sink.credentials.headers]\nX-Api-Key = \"k3y-one\"\n"
                                            "X-Other = \"other-k3y\"\n"));
    const ResolvedConfig config = ConfigResolver(fx.locations()).resolveDestination(QStringLiteral("sink"), spec);
    QCOMPARE(config.credential(QStringLiteral("headers")).toString(),
             QStringLiteral(R"({"X-Api-Key":"k3y-one","X-Other":"other-k3y"})"));
    QCOMPARE(config.maskSecrets(QStringLiteral("refused k3y-one, other-k3y")), QStringLiteral("refused ***, ***"));

    Fixture inConfig;
    inConfig.write(ProjectConfig, QStringLiteral("[destination.sink.credentials]\nheaders = { X-Api-Key = \"k\" }\n"));
    const QString text =
        configErrorText([&] { ConfigResolver(inConfig.locations()).resolveDestination(QStringLiteral("sink"), spec); });
    QVERIFY2(text.contains(QStringLiteral("value is not a secret")), qPrintable(text));
}

void TestConfigCredentials::sqlite_data()
{
    QTest::addColumn<QString>("envName");
    QTest::addColumn<QString>("envValue");
    QTest::addColumn<QString>("configToml");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("native");

    QTest::newRow("field from env") << "DESTINATION__SQLITE__CREDENTIALS__DATABASE"
                                    << "/data/x.db"
                                    << ""
                                    << "/data/x.db"
                                    << "sqlite:////data/x.db";
    QTest::newRow("absolute url from env") << "DESTINATION__SQLITE__CREDENTIALS"
                                           << "sqlite:////abs/x.db"
                                           << ""
                                           << "/abs/x.db"
                                           << "sqlite:////abs/x.db";
    QTest::newRow("memory") << "DESTINATION__SQLITE__CREDENTIALS"
                            << "sqlite:///:memory:"
                            << ""
                            << ":memory:"
                            << "sqlite:///:memory:";
    QTest::newRow("relative url in config.toml") << ""
                                                 << ""
                                                 << "[destination.sqlite]\ncredentials = \"sqlite:///chess_data.db\"\n"
                                                 << "chess_data.db"
                                                 << "sqlite:///chess_data.db";
    QTest::newRow("table in config.toml") << ""
                                          << ""
                                          << "[destination.sqlite.credentials]\ndatabase = \"rel dir/x.db\"\n"
                                          << "rel dir/x.db"
                                          << "sqlite:///rel%20dir/x.db";
}

void TestConfigCredentials::sqlite()
{
    QFETCH(QString, envName);
    QFETCH(QString, envValue);
    QFETCH(QString, configToml);
    QFETCH(QString, database);
    QFETCH(QString, native);

    Fixture fx;
    if (!envName.isEmpty())
        fx.env.insert(envName, envValue);
    fx.write(ProjectConfig, configToml);
    ConfigResolver resolver(fx.locations());
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("sqlite"), sqliteSpec());
    QCOMPARE(config.credential(QStringLiteral("database")).toString(), database);
    QCOMPARE(config.toConnectionString().toNativeString(), native);
    QVERIFY(config.secretValues().isEmpty());
}

void TestConfigCredentials::queryTable()
{
    Fixture fx;
    fx.write(ProjectSecrets, kPostgresFieldsButPassword + QStringLiteral("password = \"pw\"\nconnect_timeout = 30\n"
                                                                         "query.options = \"-ctimezone=Europe/Paris\"\n"
                                                                         "query.sslmode = \"require\"\n"));
    ConfigResolver resolver(fx.locations());
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec());
    QCOMPARE(config.extraQuery.value(QStringLiteral("sslmode")), QStringLiteral("require"));
    QCOMPARE(config.toConnectionString().toNativeString(),
             QStringLiteral("postgresql://loader:pw@localhost:5432/dlt_data?connect_timeout=30&"
                            "options=-ctimezone%3DEurope%2FParis&sslmode=require"));
}

QTEST_GUILESS_MAIN(TestConfigCredentials)
#include "tst_ConfigCredentials.moc"
