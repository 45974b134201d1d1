#include "ConfigTestFixture.h"
#include "config/CsvFormatOptions.h"

class TestConfigResolver : public QObject {
    Q_OBJECT

private slots:
    void layerPrecedence_data();
    void layerPrecedence();
    void keyPaths_data();
    void keyPaths();
    void providerOrderBeforePathOrder();
    void optionsAndGenericSections();
    void embeddedCsvFormat();
    void pipelineName_data();
    void pipelineName();
    void describeLookup();
    void missingRequired_data();
    void missingRequired();
    void invalidToml_data();
    void invalidToml();
    void conversion_data();
    void conversion();
    void defaults();
    void describeSource_data();
    void describeSource();
    void destinationType();
    void defaultLocations();
};

// --- precedence -------------------------------------------------------------------------------

void TestConfigResolver::layerPrecedence_data()
{
    QTest::addColumn<int>("layers");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("fileLayer"); // which TOML file, 0 when not from a file

    const auto row = [](const char *name, int layers, const char *expected, Kind kind, int fileLayer = 0) {
        QTest::newRow(name) << layers << QString::fromLatin1(expected) << int(kind) << fileLayer;
    };
    row("explicit only", Explicit, "explicit", Kind::Explicit);
    row("env only", Env, "env", Kind::Environment);
    row("project secrets only", ProjectSecrets, "project-secrets", Kind::SecretsToml, ProjectSecrets);
    row("global secrets only", GlobalSecrets, "global-secrets", Kind::SecretsToml, GlobalSecrets);
    row("project config only", ProjectConfig, "project-config", Kind::ConfigToml, ProjectConfig);
    row("global config only", GlobalConfig, "global-config", Kind::ConfigToml, GlobalConfig);
    row("explicit > env", Explicit | Env, "explicit", Kind::Explicit);
    row("explicit > global config", Explicit | GlobalConfig, "explicit", Kind::Explicit);
    row("env > project secrets", Env | ProjectSecrets, "env", Kind::Environment);
    row("env > global secrets", Env | GlobalSecrets, "env", Kind::Environment);
    row("env > project config", Env | ProjectConfig, "env", Kind::Environment);
    row("project secrets > global secrets", ProjectSecrets | GlobalSecrets, "project-secrets", Kind::SecretsToml,
        ProjectSecrets);
    row("project secrets > project config", ProjectSecrets | ProjectConfig, "project-secrets", Kind::SecretsToml,
        ProjectSecrets);
    row("global secrets > project config", GlobalSecrets | ProjectConfig, "global-secrets", Kind::SecretsToml,
        GlobalSecrets);
    row("project config > global config", ProjectConfig | GlobalConfig, "project-config", Kind::ConfigToml,
        ProjectConfig);
    row("all layers", 0x3f, "explicit", Kind::Explicit);
    row("all but explicit", 0x3e, "env", Kind::Environment);
    row("files only", 0x3c, "project-secrets", Kind::SecretsToml, ProjectSecrets);
}

void TestConfigResolver::layerPrecedence()
{
    QFETCH(int, layers);
    QFETCH(QString, expected);
    QFETCH(int, kind);
    QFETCH(int, fileLayer);

    Fixture fx;
    const auto toml = [](const char *value) {
        return QStringLiteral("[destination.postgres.credentials]\nhost = \"%1\"\n").arg(QLatin1String(value));
    };
    if (layers & Env)
        fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS__HOST"), QStringLiteral("env"));
    if (layers & ProjectSecrets)
        fx.write(ProjectSecrets, toml("project-secrets"));
    if (layers & GlobalSecrets)
        fx.write(GlobalSecrets, toml("global-secrets"));
    if (layers & ProjectConfig)
        fx.write(ProjectConfig, toml("project-config"));
    if (layers & GlobalConfig)
        fx.write(GlobalConfig, toml("global-config"));

    ConfigResolver resolver(fx.locations());
    if (layers & Explicit)
        resolver.setExplicit(QStringLiteral("destination.postgres.credentials.host"), QStringLiteral("explicit"));

    const auto found = resolver.lookup(kPostgresCredentials, QStringLiteral("host"));
    QVERIFY(found);
    QCOMPARE(found->value.toString(), expected);
    QCOMPARE(int(found->source.kind), kind);
    QCOMPARE(found->source.file, fileLayer ? fx.pathOf(Layer(fileLayer)) : QString());

    // The same through the spec-driven resolution.
    ConfigSpec spec;
    spec.credentials = {field(QStringLiteral("host"), FieldType::String, {}, true)};
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), spec);
    QCOMPARE(config.credential(QStringLiteral("host")).toString(), expected);
    QCOMPARE(int(config.credentials.value(QStringLiteral("host")).source.kind), kind);
}

void TestConfigResolver::keyPaths_data()
{
    QTest::addColumn<QString>("toml");
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("expected"); // empty: not found

    QTest::newRow("full path") << "[destination.postgres.credentials]\npassword = \"a\"\n"
                               << ""
                               << "a";
    QTest::newRow("destination dropped name") << "[destination.credentials]\npassword = \"b\"\n"
                                              << ""
                                              << "b";
    QTest::newRow("credentials only") << "[credentials]\npassword = \"c\"\n"
                                      << ""
                                      << "c";
    QTest::newRow("credentials is never dropped") << "password = \"d\"\n"
                                                  << ""
                                                  << "";
    QTest::newRow("not without credentials") << "[destination.postgres]\npassword = \"e\"\n"
                                             << ""
                                             << "";
    QTest::newRow("most specific first")
        << "[credentials]\npassword = \"general\"\n[destination.postgres.credentials]\n"
           "password = \"specific\"\n"
        << ""
        << "specific";
    QTest::newRow("dotted keys at top level") << "destination.postgres.credentials.password = \"f\"\n"
                                              << ""
                                              << "f";
    QTest::newRow("env full") << ""
                              << "DESTINATION__POSTGRES__CREDENTIALS__PASSWORD"
                              << "env";
    QTest::newRow("env dropped") << ""
                                 << "DESTINATION__CREDENTIALS__PASSWORD"
                                 << "env";
    QTest::newRow("env credentials only") << ""
                                          << "CREDENTIALS__PASSWORD"
                                          << "env";
    QTest::newRow("env bare key not tried") << ""
                                            << "PASSWORD"
                                            << "";
    QTest::newRow("env is upper case only") << ""
                                            << "destination__postgres__credentials__password"
                                            << "";
}

void TestConfigResolver::keyPaths()
{
    QFETCH(QString, toml);
    QFETCH(QString, env);
    QFETCH(QString, expected);

    Fixture fx;
    fx.write(ProjectSecrets, toml);
    if (!env.isEmpty())
        fx.env.insert(env, QStringLiteral("env"));
    ConfigResolver resolver(fx.locations());
    const auto found = resolver.lookup(kPostgresCredentials, QStringLiteral("password"), true);
    QCOMPARE(found.has_value(), !expected.isEmpty());
    if (found) {
        QCOMPARE(found->value.toString(), expected);
        QVERIFY(found->secret);
    }
}

void TestConfigResolver::providerOrderBeforePathOrder()
{
    // Spec 10.2: each provider tries all paths before the next provider is asked, so a less
    // specific env var beats the most specific TOML key.
    Fixture fx;
    fx.env.insert(QStringLiteral("CREDENTIALS__HOST"), QStringLiteral("env-general"));
    fx.write(ProjectSecrets, QStringLiteral("[destination.postgres.credentials]\nhost = \"toml\"\n"));
    // Project and global files act as one provider: the more specific key in the global file
    // beats the less specific key in the project file.
    fx.write(ProjectConfig, QStringLiteral("[credentials]\nport = 1\n"));
    fx.write(GlobalConfig, QStringLiteral("[destination.postgres.credentials]\nport = 2\n"));

    ConfigResolver resolver(fx.locations());
    const auto host = resolver.lookup(kPostgresCredentials, QStringLiteral("host"));
    QVERIFY(host);
    QCOMPARE(host->value.toString(), QStringLiteral("env-general"));
    QCOMPARE(host->source.key, QStringLiteral("CREDENTIALS__HOST"));

    const auto port = resolver.lookup(kPostgresCredentials, QStringLiteral("port"));
    QVERIFY(port);
    QCOMPARE(port->value.toLongLong(), 2);
    QCOMPARE(port->source.file, fx.pathOf(GlobalConfig));
}

void TestConfigResolver::optionsAndGenericSections()
{
    Fixture fx;
    fx.write(ProjectConfig, QStringLiteral("[load]\nworkers = 4\nraise_on_failed_jobs = true\n"
                                           "[destination]\nreplace_strategy = "
                                           "\"insert-from-staging\"\n"
                                           "[destination.postgres]\ncreate_indexes = false\n"));
    fx.env.insert(QStringLiteral("LOAD__WORKERS"), QStringLiteral("8"));
    ConfigResolver resolver(fx.locations());

    const auto workers = resolver.lookup({QStringLiteral("load")}, QStringLiteral("workers"));
    QVERIFY(workers);
    QCOMPARE(workers->value.toString(), QStringLiteral("8"));
    QCOMPARE(workers->source.kind, Kind::Environment);

    const auto raise = resolver.lookup({QStringLiteral("load")}, QStringLiteral("raise_on_failed_jobs"));
    QVERIFY(raise);
    QCOMPARE(raise->value, QVariant(true));

    const auto strategy = resolver.lookup({QStringLiteral("destination"), QStringLiteral("postgres")},
                                          QStringLiteral("replace_strategy"));
    QVERIFY(strategy);
    QCOMPARE(strategy->value.toString(), QStringLiteral("insert-from-staging"));
    QCOMPARE(strategy->source.key, QStringLiteral("destination.replace_strategy"));

    QVERIFY(!resolver.lookup({QStringLiteral("load")}, QStringLiteral("nothing")));

    ConfigSpec spec = postgresSpec();
    spec.credentials.clear();
    spec.options << field(QStringLiteral("replace_strategy"), FieldType::String, QStringLiteral("truncate-and-insert"));
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), spec);
    QCOMPARE(config.option(QStringLiteral("create_indexes")), QVariant(false));
    QCOMPARE(config.option(QStringLiteral("replace_strategy")).toString(), QStringLiteral("insert-from-staging"));
    QCOMPARE(config.option(QStringLiteral("missing"), 7), QVariant(7));
}

// [destination.<name>.csv_format] is an embedded configuration: its own section stays in the
// key while destination sections are dropped, as dlt looks it up; bad values name the key.
void TestConfigResolver::embeddedCsvFormat()
{
    Fixture fx;
    fx.write(ProjectConfig, QStringLiteral("[destination.postgres.csv_format]\ndelimiter = \"|\"\n"
                                           "[destination.csv_format]\ninclude_header = false\n"));
    fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CSV_FORMAT__ENCODING"), QStringLiteral("latin1"));
    ConfigResolver resolver(fx.locations());
    ConfigSpec spec = postgresSpec();
    spec.credentials.clear();
    spec.options = csvFormatFields();
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), spec);
    const CsvFormat f = csvFormatFromConfig(config);
    QCOMPARE(f.delimiter, '|');
    QCOMPARE(f.includeHeader, false); // found one section up, at destination.csv_format
    QCOMPARE(f.encoding, QStringLiteral("latin1"));
    // Not found under destination.postgres.include_header: the csv_format part is never dropped.
    QVERIFY(!resolver.lookup({QStringLiteral("destination"), QStringLiteral("postgres")},
                             QStringLiteral("include_header")));

    const ResolvedConfig defaults = resolver.resolveDestination(QStringLiteral("sqlite"), spec);
    QCOMPARE(csvFormatFromConfig(defaults).delimiter, ','); // [destination.postgres.csv_format] is not sqlite's

    for (const char *bad : {"||", "\"", ""}) {
        Fixture other;
        other.env.insert(QStringLiteral("DESTINATION__POSTGRES__CSV_FORMAT__DELIMITER"), QString::fromUtf8(bad));
        const ResolvedConfig c = ConfigResolver(other.locations()).resolveDestination(QStringLiteral("postgres"), spec);
        const QString text = configErrorText([&] { csvFormatFromConfig(c); });
        QVERIFY2(text.contains(QStringLiteral("csv_format.delimiter")), qPrintable(text));
    }
    Fixture quoted;
    quoted.env.insert(QStringLiteral("DESTINATION__POSTGRES__CSV_FORMAT__ENCODING"), QStringLiteral("utf8'; DROP"));
    const ResolvedConfig c = ConfigResolver(quoted.locations()).resolveDestination(QStringLiteral("postgres"), spec);
    QVERIFY(configErrorText([&] { csvFormatFromConfig(c); }).contains(QStringLiteral("csv_format.encoding")));
}

void TestConfigResolver::pipelineName_data()
{
    QTest::addColumn<QString>("pipeline");
    QTest::addColumn<QString>("configToml");
    QTest::addColumn<QStringList>("env"); // NAME=value
    QTest::addColumn<QString>("expected");

    QTest::newRow("scoped env beats plain env")
        << "my_pipe"
        << ""
        << QStringList{"MY_PIPE__DESTINATION__POSTGRES__CREDENTIALS__HOST=scoped",
                       "DESTINATION__POSTGRES__CREDENTIALS__HOST=plain"}
        << "scoped";
    QTest::newRow("scoped config.toml beats plain env")
        << "my_pipe"
        << "[my_pipe.destination.postgres.credentials]\nhost = \"scoped-toml\"\n"
        << QStringList{"DESTINATION__POSTGRES__CREDENTIALS__HOST=plain"} << "scoped-toml";
    QTest::newRow("scoped, section dropped") << "my_pipe"
                                             << "[my_pipe.credentials]\nhost = \"s\"\n"
                                             << QStringList{} << "s";
    QTest::newRow("falls back to plain") << "my_pipe"
                                         << "" << QStringList{"CREDENTIALS__HOST=plain"} << "plain";
    QTest::newRow("other pipeline ignored") << "my_pipe"
                                            << "[other.destination.postgres.credentials]\nhost = \"other\"\n"
                                            << QStringList{} << "";
    QTest::newRow("no pipeline: scoped ignored")
        << ""
        << "[my_pipe.destination.postgres.credentials]\nhost = \"scoped\"\n"
        << QStringList{"MY_PIPE__DESTINATION__POSTGRES__CREDENTIALS__HOST=scoped"} << "";
}

void TestConfigResolver::pipelineName()
{
    QFETCH(QString, pipeline);
    QFETCH(QString, configToml);
    QFETCH(QStringList, env);
    QFETCH(QString, expected);

    Fixture fx;
    fx.pipelineName = pipeline;
    fx.write(ProjectConfig, configToml);
    for (const QString &entry : env)
        fx.env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    ConfigResolver resolver(fx.locations());
    const auto found = resolver.lookup(kPostgresCredentials, QStringLiteral("host"));
    QCOMPARE(found.has_value(), !expected.isEmpty());
    if (found)
        QCOMPARE(found->value.toString(), expected);
}

void TestConfigResolver::describeLookup()
{
    Fixture fx;
    fx.pipelineName = QStringLiteral("my_pipe");
    ConfigResolver resolver(fx.locations());
    const QStringList tried = resolver.describeLookup(kPostgresCredentials, QStringLiteral("password"));
    const QStringList expected{
        "my_pipe.destination.postgres.credentials.password (env "
        "MY_PIPE__DESTINATION__POSTGRES__CREDENTIALS__PASSWORD)",
        "my_pipe.destination.credentials.password (env "
        "MY_PIPE__DESTINATION__CREDENTIALS__PASSWORD)",
        "my_pipe.credentials.password (env MY_PIPE__CREDENTIALS__PASSWORD)",
        "destination.postgres.credentials.password (env "
        "DESTINATION__POSTGRES__CREDENTIALS__PASSWORD)",
        "destination.credentials.password (env DESTINATION__CREDENTIALS__PASSWORD)",
        "credentials.password (env CREDENTIALS__PASSWORD)",
    };
    QCOMPARE(tried, expected);
}

// --- native values ----------------------------------------------------------------------------

// --- secrets ----------------------------------------------------------------------------------

void TestConfigResolver::missingRequired_data()
{
    QTest::addColumn<QString>("pipeline");
    QTest::addColumn<QStringList>("mustMention");
    QTest::addColumn<QStringList>("mustNotMention");

    const QStringList common{
        "destination 'postgres'",
        "'password'",
        "'host'",
        "'username'",
        "'database'",
        "destination.postgres.credentials.password",
        "DESTINATION__POSTGRES__CREDENTIALS__PASSWORD",
        "destination.credentials.password",
        "DESTINATION__CREDENTIALS__PASSWORD",
        "credentials.password",
        "CREDENTIALS__PASSWORD",
        "destination.postgres.credentials.host",
        "DESTINATION__POSTGRES__CREDENTIALS__HOST",
        "DESTINATION__POSTGRES__CREDENTIALS__USERNAME",
        "DESTINATION__POSTGRES__CREDENTIALS__DATABASE",
        "env DESTINATION__POSTGRES__CREDENTIALS)",
        "environment variables",
        "secrets.toml",
        "config.toml",
    };
    QTest::newRow("no pipeline") << "" << common
                                 << QStringList{"'port'", "'connect_timeout'", "'client_encoding'", "MY_PIPE"};
    QTest::newRow("pipeline") << "my_pipe"
                              << common + QStringList{"MY_PIPE__DESTINATION__POSTGRES__CREDENTIALS__PASSWORD",
                                                      "my_pipe.credentials.password", "MY_PIPE__CREDENTIALS__HOST"}
                              << QStringList{"'port'"};
}

void TestConfigResolver::missingRequired()
{
    QFETCH(QString, pipeline);
    QFETCH(QStringList, mustMention);
    QFETCH(QStringList, mustNotMention);

    Fixture fx;
    fx.pipelineName = pipeline;
    ConfigResolver resolver(fx.locations());
    const QString text =
        configErrorText([&] { resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec()); });
    for (const QString &needle : mustMention)
        QVERIFY2(text.contains(needle), qPrintable(needle + QStringLiteral(" not in: ") + text));
    for (const QString &needle : mustNotMention)
        QVERIFY2(!text.contains(needle), qPrintable(needle + QStringLiteral(" in: ") + text));
    QVERIFY(text.contains(fx.pathOf(ProjectSecrets)));
    QVERIFY(text.contains(fx.pathOf(GlobalConfig)));
}

// --- TOML and types ---------------------------------------------------------------------------

void TestConfigResolver::invalidToml_data()
{
    QTest::addColumn<int>("layer");
    QTest::addColumn<QString>("toml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("unterminated table header") << int(ProjectSecrets) << "[destination.postgres\nhost = 1\n" << 1 << 22;
    QTest::newRow("missing value") << int(GlobalConfig) << "[load]\nworkers = 4\nretries = \n" << 3 << 11;
    QTest::newRow("unterminated string") << int(ProjectConfig) << "a = 1\n\n   b = \"open\n" << 3 << 13;
    QTest::newRow("duplicate key") << int(GlobalSecrets) << "x = 1\nx = 2\n" << 2 << 5;
}

void TestConfigResolver::invalidToml()
{
    QFETCH(int, layer);
    QFETCH(QString, toml);
    QFETCH(int, line);
    QFETCH(int, column);

    Fixture fx;
    fx.write(Layer(layer), toml);
    try {
        ConfigResolver resolver(fx.locations());
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Config);
        const QString path = fx.pathOf(Layer(layer));
        QVERIFY2(e.message().contains(path), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QStringLiteral("line %1").arg(line)), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QStringLiteral("column %1").arg(column)), qPrintable(e.message()));
        QCOMPARE(e.location().file, path);
        QCOMPARE(e.location().line, line);
        QCOMPARE(e.location().column, column);
    }
}

void TestConfigResolver::conversion_data()
{
    QTest::addColumn<bool>("fromEnv");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("raw");       // env string, or a TOML value literal
    QTest::addColumn<QVariant>("expected"); // invalid: a Config error naming the key

    const auto env = [](const char *name, FieldType type, const char *raw, QVariant expected) {
        QTest::newRow(name) << true << int(type) << QString::fromUtf8(raw) << expected;
    };
    const auto toml = [](const char *name, FieldType type, const char *raw, QVariant expected) {
        QTest::newRow(name) << false << int(type) << QString::fromUtf8(raw) << expected;
    };
    env("env int", FieldType::Int, "5433", qlonglong(5433));
    env("env int blanks", FieldType::Int, " 42 ", qlonglong(42));
    env("env int negative", FieldType::Int, "-1", qlonglong(-1));
    env("env int large", FieldType::Int, "8589934592", qlonglong(8589934592LL));
    env("env int word", FieldType::Int, "abc", QVariant());
    env("env int float", FieldType::Int, "5.5", QVariant());
    env("env int empty", FieldType::Int, "", QVariant());
    env("env int hex", FieldType::Int, "0x10", QVariant());
    env("env bool true", FieldType::Bool, "true", true);
    env("env bool TRUE", FieldType::Bool, "TRUE", true);
    env("env bool False", FieldType::Bool, "False", false);
    env("env bool yes", FieldType::Bool, "yes", QVariant());
    env("env bool 1", FieldType::Bool, "1", QVariant());
    env("env string", FieldType::String, " kept as is ", QStringLiteral(" kept as is "));
    env("env path", FieldType::Path, "/a b/c.db", QStringLiteral("/a b/c.db"));
    toml("toml int", FieldType::Int, "5433", qlonglong(5433));
    toml("toml int from string", FieldType::Int, "\"5433\"", qlonglong(5433));
    toml("toml int from float", FieldType::Int, "5.0", QVariant());
    toml("toml int from bool", FieldType::Int, "true", QVariant());
    toml("toml int from array", FieldType::Int, "[1, 2]", QVariant());
    toml("toml bool", FieldType::Bool, "false", false);
    toml("toml bool from string", FieldType::Bool, "\"True\"", true);
    toml("toml bool from int", FieldType::Bool, "1", QVariant());
    toml("toml string from int", FieldType::String, "123", QStringLiteral("123"));
    toml("toml string from bool", FieldType::String, "true", QStringLiteral("true"));
    toml("toml string from array", FieldType::String, "[\"a\"]", QVariant());
    toml("toml path", FieldType::Path, "'C:\\data\\x.db'", QStringLiteral("C:\\data\\x.db"));
    // Tables (HTTP headers): a TOML table or a JSON object, always as compact JSON text.
    env("env table json", FieldType::Table, R"({"X-Key": "k", "X-N": 5})",
        QStringLiteral(R"({"X-Key":"k","X-N":"5"})"));
    env("env table not an object", FieldType::Table, "[1, 2]", QVariant());
    env("env table not json", FieldType::Table, "X-Key: k", QVariant());
    toml("toml inline table", FieldType::Table, "{ X-Key = \"k\", X-On = true }",
         QStringLiteral(R"({"X-Key":"k","X-On":"true"})"));
    toml("toml table of tables", FieldType::Table, "{ a = { b = 1 } }", QVariant());
    toml("toml table from json text", FieldType::Table, R"('{"a": "b"}')", QStringLiteral(R"({"a":"b"})"));
    toml("toml table from int", FieldType::Table, "1", QVariant());
}

void TestConfigResolver::conversion()
{
    QFETCH(bool, fromEnv);
    QFETCH(int, type);
    QFETCH(QString, raw);
    QFETCH(QVariant, expected);

    Fixture fx;
    if (fromEnv)
        fx.env.insert(QStringLiteral("DESTINATION__X__VALUE"), raw);
    else
        fx.write(ProjectConfig, QStringLiteral("[destination.x]\nvalue = %1\n").arg(raw));
    ConfigSpec spec;
    spec.options = {field(QStringLiteral("value"), FieldType(type), {}, true)};
    ConfigResolver resolver(fx.locations());

    if (!expected.isValid()) {
        const QString text = configErrorText([&] { resolver.resolveDestination(QStringLiteral("x"), spec); });
        const QString where = fromEnv ? QStringLiteral("DESTINATION__X__VALUE")
                                      : fx.pathOf(ProjectConfig) + QStringLiteral(" [destination.x] value");
        QVERIFY2(text.contains(where), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("'value'")), qPrintable(text));
        return;
    }
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("x"), spec);
    const QVariant value = config.option(QStringLiteral("value"));
    QCOMPARE(value.typeId(), expected.typeId());
    QCOMPARE(value, expected);
}

void TestConfigResolver::defaults()
{
    // test_postgres_credentials_defaults: port 5432, connect_timeout 15, database case kept.
    Fixture fx;
    fx.write(ProjectSecrets, QStringLiteral("[destination.postgres.credentials]\n"
                                            "database = \"DLT_DATA\"\nusername = \"loader\"\n"
                                            "password = \"pw\"\nhost = \"localhost\"\n"));
    ConfigResolver resolver(fx.locations());
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec());
    QCOMPARE(config.destinationName, QStringLiteral("postgres"));
    QCOMPARE(config.destinationType, QStringLiteral("postgres"));
    QCOMPARE(config.credential(QStringLiteral("database")).toString(), QStringLiteral("DLT_DATA"));
    const ResolvedValue port = config.credentials.value(QStringLiteral("port"));
    QCOMPARE(port.value, QVariant(qlonglong(5432)));
    QCOMPARE(port.source.kind, Kind::Default);
    QCOMPARE(port.source.describe(), QStringLiteral("default"));
    QCOMPARE(config.credential(QStringLiteral("connect_timeout")).toInt(), 15);
    QCOMPARE(config.option(QStringLiteral("create_indexes")), QVariant(true));
    // Optional without default: absent.
    QVERIFY(!config.credentials.contains(QStringLiteral("client_encoding")));
    QCOMPARE(config.credentials.value(QStringLiteral("host")).source.describe(),
             fx.pathOf(ProjectSecrets) + QStringLiteral(" [destination.postgres.credentials] host"));
    QCOMPARE(config.toConnectionString().toDisplayString(),
             QStringLiteral("postgresql://loader:***@localhost:5432/DLT_DATA"));
    QCOMPARE(config.toConnectionString().toNativeString(),
             QStringLiteral("postgresql://loader:pw@localhost:5432/DLT_DATA?connect_timeout=15"));
}

void TestConfigResolver::describeSource_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("origin");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");

    QTest::newRow("explicit") << int(Kind::Explicit) << 0 << ""
                              << "destination.sqlite.credentials.database"
                              << "explicit destination.sqlite.credentials.database";
    QTest::newRow("env") << int(Kind::Environment) << 0 << ""
                         << "DESTINATION__SQLITE__CREDENTIALS"
                         << "env DESTINATION__SQLITE__CREDENTIALS";
    QTest::newRow("secrets") << int(Kind::SecretsToml) << 0 << "/p/.dlt/secrets.toml"
                             << "destination.sqlite.credentials.database"
                             << "/p/.dlt/secrets.toml [destination.sqlite.credentials] database";
    QTest::newRow("config top level") << int(Kind::ConfigToml) << 0 << "/p/.dlt/config.toml"
                                      << "workers"
                                      << "/p/.dlt/config.toml workers";
    QTest::newRow("connection string env") << int(Kind::ConnectionString) << int(Kind::Environment) << ""
                                           << "DESTINATION__POSTGRES__CREDENTIALS"
                                           << "connection string from env DESTINATION__POSTGRES__CREDENTIALS";
    QTest::newRow("connection string toml")
        << int(Kind::ConnectionString) << int(Kind::SecretsToml) << "/h/.dlt/secrets.toml"
        << "destination.postgres.credentials"
        << "connection string from /h/.dlt/secrets.toml [destination.postgres] credentials";
    QTest::newRow("default") << int(Kind::Default) << 0 << ""
                             << ""
                             << "default";
}

void TestConfigResolver::describeSource()
{
    QFETCH(int, kind);
    QFETCH(int, origin);
    QFETCH(QString, file);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    ValueSource source;
    source.kind = Kind(kind);
    source.origin = Kind(origin);
    source.file = file;
    source.key = key;
    QCOMPARE(source.describe(), expected);
}

void TestConfigResolver::destinationType()
{
    Fixture fx;
    fx.write(ProjectConfig, QStringLiteral("[destination.warehouse]\ndestination_type = \"postgres\"\n"
                                           "[destination]\ndestination_type = \"wrong\"\n"));
    fx.write(ProjectSecrets, QStringLiteral("[destination.warehouse.credentials]\n"
                                            "database = \"w\"\nusername = \"u\"\n"
                                            "password = \"p\"\nhost = \"h\"\n"));
    fx.env.insert(QStringLiteral("DESTINATION__LOCAL__DESTINATION_TYPE"), QStringLiteral("sqlite"));
    ConfigResolver resolver(fx.locations());
    QCOMPARE(resolver.destinationType(QStringLiteral("warehouse")), QStringLiteral("postgres"));
    QCOMPARE(resolver.destinationType(QStringLiteral("local")), QStringLiteral("sqlite"));
    QCOMPARE(resolver.destinationType(QStringLiteral("postgres")), QStringLiteral("postgres"));

    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("warehouse"), postgresSpec());
    QCOMPARE(config.destinationName, QStringLiteral("warehouse"));
    QCOMPARE(config.destinationType, QStringLiteral("postgres"));
    QCOMPARE(config.credential(QStringLiteral("database")).toString(), QStringLiteral("w"));
}

void TestConfigResolver::defaultLocations()
{
    const ConfigLocations locations = ConfigLocations::defaults();
    QCOMPARE(locations.projectDir, QDir::currentPath());
    QCOMPARE(locations.globalDir, QDir::homePath() + QStringLiteral("/.dlt"));
    QVERIFY(locations.pipelineName.isEmpty());

    // Missing folders and files are simply empty providers.
    ConfigLocations nowhere;
    nowhere.projectDir = QStringLiteral("/nonexistent/wharf-test");
    nowhere.globalDir = QStringLiteral("/nonexistent/wharf-test/home/.dlt");
    nowhere.environment = QProcessEnvironment();
    ConfigResolver resolver(nowhere);
    QVERIFY(!resolver.lookup({QStringLiteral("load")}, QStringLiteral("workers")));
}

QTEST_GUILESS_MAIN(TestConfigResolver)
#include "tst_ConfigResolver.moc"
