// The OS keychain as a configuration provider (core/config/SecretStore.h): consulted after
// environment variables and before secrets.toml, scoped by project folder, masked like any
// secret. An in-memory store stands in for the keychain.
#include "ConfigTestFixture.h"
#include "config/SecretStore.h"

#include <memory>

namespace {

const QString kPasswordKey = QStringLiteral("destination.postgres.credentials.password");

} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT

private slots:
    void resolutionOrder_data();
    void resolutionOrder();
    void describeSource();
    void scopedByProject();
    void pipelineScopedKey();
    void connectionStringStillWins();
    void maskedInMessages();
    void defaultStore();
    void memoryStoreKeys();
};

void TestSecretStore::resolutionOrder_data()
{
    QTest::addColumn<int>("layers");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("kind");
    const auto row = [](const char *name, int layers, const char *expected, Kind kind) {
        QTest::newRow(name) << layers << QString::fromLatin1(expected) << int(kind);
    };
    // 0x100 = the keychain holds "keychain".
    row("keychain only", 0x100, "keychain", Kind::Keychain);
    row("env > keychain", 0x100 | Env, "env", Kind::Environment);
    row("explicit > keychain", 0x100 | Explicit, "explicit", Kind::Explicit);
    row("keychain > project secrets", 0x100 | ProjectSecrets, "keychain", Kind::Keychain);
    row("keychain > global secrets", 0x100 | GlobalSecrets, "keychain", Kind::Keychain);
    row("no keychain entry: project secrets", ProjectSecrets | GlobalSecrets, "project-secrets", Kind::SecretsToml);
}

void TestSecretStore::resolutionOrder()
{
    QFETCH(int, layers);
    QFETCH(QString, expected);
    QFETCH(int, kind);
    Fixture fx;
    auto store = std::make_shared<MemorySecretStore>();
    if (layers & 0x100)
        store->set(fx.projectDir(), kPasswordKey, QStringLiteral("keychain"));
    if (layers & Env)
        fx.env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS__PASSWORD"), QStringLiteral("env"));
    if (layers & ProjectSecrets)
        fx.write(ProjectSecrets,
                 QStringLiteral("[destination.postgres.credentials]\npassword = \"project-secrets\"\n"));
    if (layers & GlobalSecrets)
        fx.write(GlobalSecrets, QStringLiteral("[destination.postgres.credentials]\npassword = \"global-secrets\"\n"));
    ConfigLocations locations = fx.locations();
    locations.secretStore = store;
    ConfigResolver resolver(locations);
    if (layers & Explicit)
        resolver.setExplicit(kPasswordKey, QStringLiteral("explicit"));
    const auto value = resolver.lookup(kPostgresCredentials, QStringLiteral("password"), true);
    QVERIFY(value);
    QCOMPARE(value->value.toString(), expected);
    QCOMPARE(int(value->source.kind), kind);
    QVERIFY(value->secret);
}

void TestSecretStore::describeSource()
{
    Fixture fx;
    auto store = std::make_shared<MemorySecretStore>();
    store->set(fx.projectDir(), kPasswordKey, QStringLiteral("pw"));
    fx.write(ProjectSecrets, kPostgresFieldsButPassword);
    ConfigLocations locations = fx.locations();
    locations.secretStore = store;
    const ConfigResolver resolver(locations);
    const ResolvedConfig config = resolver.resolveDestination(QStringLiteral("postgres"), postgresSpec());
    QCOMPARE(config.credential(QStringLiteral("password")).toString(), QStringLiteral("pw"));
    QCOMPARE(config.credentials.value(QStringLiteral("password")).source.describe(),
             QStringLiteral("OS keychain destination.postgres.credentials.password"));
}

void TestSecretStore::scopedByProject()
{
    Fixture fx;
    auto store = std::make_shared<MemorySecretStore>();
    store->set(QDir::tempPath() + QStringLiteral("/another-project"), kPasswordKey, QStringLiteral("other"));
    fx.write(ProjectSecrets, QStringLiteral("[destination.postgres.credentials]\npassword = \"file\"\n"));
    ConfigLocations locations = fx.locations();
    locations.secretStore = store;
    const auto value = ConfigResolver(locations).lookup(kPostgresCredentials, QStringLiteral("password"), true);
    QVERIFY(value);
    QCOMPARE(value->value.toString(), QStringLiteral("file"));
    // The same folder written differently (trailing "/.", relative parts) is the same project.
    store->set(fx.projectDir() + QStringLiteral("/./"), kPasswordKey, QStringLiteral("mine"));
    const auto mine = ConfigResolver(locations).lookup(kPostgresCredentials, QStringLiteral("password"), true);
    QCOMPARE(mine->value.toString(), QStringLiteral("mine"));
}

void TestSecretStore::pipelineScopedKey()
{
    Fixture fx;
    fx.pipelineName = QStringLiteral("pipe");
    auto store = std::make_shared<MemorySecretStore>();
    store->set(fx.projectDir(), kPasswordKey, QStringLiteral("plain"));
    store->set(fx.projectDir(), QStringLiteral("pipe.") + kPasswordKey, QStringLiteral("scoped"));
    ConfigLocations locations = fx.locations();
    locations.secretStore = store;
    const auto value = ConfigResolver(locations).lookup(kPostgresCredentials, QStringLiteral("password"), true);
    QCOMPARE(value->value.toString(), QStringLiteral("scoped"));
}

void TestSecretStore::connectionStringStillWins()
{
    // dlt's rule: fields of a connection string win over field-by-field values, the
    // keychain's included; the editor replaces a project connection string when it saves.
    Fixture fx;
    auto store = std::make_shared<MemorySecretStore>();
    store->set(fx.projectDir(), kPasswordKey, QStringLiteral("keychain"));
    fx.write(ProjectSecrets, QStringLiteral("[destination.postgres]\ncredentials = \"postgresql://u:url@h/db\"\n"));
    ConfigLocations locations = fx.locations();
    locations.secretStore = store;
    const ResolvedConfig config =
        ConfigResolver(locations).resolveDestination(QStringLiteral("postgres"), postgresSpec());
    QCOMPARE(config.credential(QStringLiteral("password")).toString(), QStringLiteral("url"));
}

void TestSecretStore::maskedInMessages()
{
    Fixture fx;
    auto store = std::make_shared<MemorySecretStore>();
    store->set(fx.projectDir(), kPasswordKey, QStringLiteral("k3ych@in"));
    fx.write(ProjectSecrets, kPostgresFieldsButPassword);
    ConfigLocations locations = fx.locations();
    locations.secretStore = store;
    const ResolvedConfig config =
        ConfigResolver(locations).resolveDestination(QStringLiteral("postgres"), postgresSpec());
    QCOMPARE(config.maskSecrets(QStringLiteral("failed for k3ych@in and k3ych%40in")),
             QStringLiteral("failed for *** and ***"));
    QVERIFY(!config.toConnectionString().toDisplayString().contains(QLatin1String("k3ych")));
}

void TestSecretStore::defaultStore()
{
    QVERIFY(!ConfigLocations::defaults().secretStore);
    auto store = std::make_shared<MemorySecretStore>();
    SecretStore::setDefaultStore(store);
    QCOMPARE(ConfigLocations::defaults().secretStore.get(), store.get());
    SecretStore::setDefaultStore(nullptr);
    QVERIFY(!ConfigLocations::defaults().secretStore);
}

void TestSecretStore::memoryStoreKeys()
{
    MemorySecretStore store;
    store.set(QStringLiteral("/p"), QStringLiteral("b"), QStringLiteral("1"));
    store.set(QStringLiteral("/p"), QStringLiteral("a"), QStringLiteral("2"));
    store.set(QStringLiteral("/q"), QStringLiteral("c"), QStringLiteral("3"));
    QCOMPARE(store.keys(QStringLiteral("/p")), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(store.contains(QStringLiteral("/q"), QStringLiteral("c")));
    store.remove(QStringLiteral("/q"), QStringLiteral("c"));
    QVERIFY(!store.contains(QStringLiteral("/q"), QStringLiteral("c")));
    QVERIFY(store.keys(QStringLiteral("/q")).isEmpty());
    QCOMPARE(store.displayName(), QStringLiteral("OS keychain"));
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_SecretStore.moc"
