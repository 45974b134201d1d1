// Secrets in the OS keychain (through a stand-in keychain that answers later, as qtkeychain
// does): read back at start from the index of accounts, resolved by the ConfigResolver, saved,
// moved with a renamed destination, removed; no keychain means files only. And the Destination
// settings tab saving a password into the keychain, or into secrets.toml when it refuses.
#include "BuiltinDestinations.h"
#include "FakeKeychain.h"
#include "GuiTestMain.h"
#include "KeychainSecrets.h"
#include "config/ConfigResolver.h"
#include "destination/DestinationEditor.h"
#include "destination/DestinationForm.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf;
using namespace wharf::ui;

namespace {

const QString kPasswordKey = QStringLiteral("destination.postgres.credentials.password");

QString secretsFile()
{
    QFile f(QDir::current().filePath(QStringLiteral(".dlt/secrets.toml")));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestKeychainSecrets : public QObject {
    Q_OBJECT

    QString project() const { return QDir::currentPath(); }

    /// KeychainSecrets over the stand-in `keychain`, started (its entries read) and installed
    /// as the resolver's secret store.
    std::unique_ptr<KeychainSecrets> startedKeychain(QMap<QString, QString> *keychain, bool available = true,
                                                     bool refuseWrites = false)
    {
        auto secrets =
            std::make_unique<KeychainSecrets>(std::make_unique<test::FakeKeychain>(keychain, available, refuseWrites));
        SecretStore::setDefaultStore(secrets->store());
        QSignalSpy ready(secrets.get(), &KeychainSecrets::ready);
        secrets->start();
        if (!ready.wait(5000))
            qWarning("the stand-in keychain did not get ready");
        return secrets;
    }

private slots:
    void cleanup()
    {
        QSettings().remove(QStringLiteral("keychain"));
        QFile::remove(QDir::current().filePath(QStringLiteral(".dlt/secrets.toml")));
        QFile::remove(QDir::current().filePath(QStringLiteral(".dlt/config.toml")));
        SecretStore::setDefaultStore(nullptr);
    }

    void savedEntriesAreReadBackAtStart()
    {
        QMap<QString, QString> keychain;
        {
            KeychainSecrets secrets(std::make_unique<test::FakeKeychain>(&keychain));
            QSignalSpy ready(&secrets, &KeychainSecrets::ready);
            secrets.start();
            QTRY_COMPARE(ready.count(), 1);
            QVERIFY(secrets.isAvailable());
            QString error = QStringLiteral("pending");
            secrets.save(project(), kPasswordKey, QStringLiteral("s3cret"), [&](const QString &e) { error = e; });
            QTRY_COMPARE(error, QString());
            QCOMPARE(keychain.value(KeychainSecrets::account(project(), kPasswordKey)), QStringLiteral("s3cret"));
            QCOMPARE(secrets.store()->read(project(), kPasswordKey), std::optional<QString>(QStringLiteral("s3cret")));
        }
        // The index holds account names only, never values.
        const QStringList index = QSettings().value(QStringLiteral("keychain/accounts")).toStringList();
        QCOMPARE(index, QStringList{KeychainSecrets::account(project(), kPasswordKey)});
        QVERIFY(!index.join(QString()).contains(QStringLiteral("s3cret")));

        // A new start (the next run of the app, or the command line) reads it back; the
        // resolver finds it.
        QVERIFY(KeychainSecrets::hasEntries());
        KeychainSecrets again(std::make_unique<test::FakeKeychain>(&keychain));
        again.start();
        QVERIFY(again.waitUntilReady(5000));
        SecretStore::setDefaultStore(again.store());
        const ConfigResolver resolver(ConfigLocations::defaults());
        const auto value =
            resolver.lookup({QStringLiteral("destination"), QStringLiteral("postgres"), QStringLiteral("credentials")},
                            QStringLiteral("password"), true);
        QVERIFY(value);
        QCOMPARE(value->value.toString(), QStringLiteral("s3cret"));
        QCOMPARE(value->source.kind, ValueSource::Kind::Keychain);

        // Renamed destination: the entry moves; removed destination: it is gone.
        QString error = QStringLiteral("pending");
        again.renameDestination(project(), QStringLiteral("postgres"), QStringLiteral("pg2"), false,
                                [&](const QString &e) { error = e; });
        QTRY_COMPARE(error, QString());
        const QString moved = QStringLiteral("destination.pg2.credentials.password");
        QCOMPARE(keychain.keys(), QStringList{KeychainSecrets::account(project(), moved)});
        QVERIFY(!again.store()->read(project(), kPasswordKey));
        error = QStringLiteral("pending");
        again.removeDestination(project(), QStringLiteral("pg2"), [&](const QString &e) { error = e; });
        QTRY_COMPARE(error, QString());
        QVERIFY(keychain.isEmpty());
        QVERIFY(QSettings().value(QStringLiteral("keychain/accounts")).toStringList().isEmpty());
    }

    void noKeychainMeansFilesOnly()
    {
        QMap<QString, QString> keychain;
        KeychainSecrets secrets(std::make_unique<test::FakeKeychain>(&keychain, false));
        QSignalSpy ready(&secrets, &KeychainSecrets::ready);
        secrets.start();
        QTRY_COMPARE(ready.count(), 1);
        QVERIFY(!secrets.isAvailable());

        DestinationEditor editor;
        editor.setKeychain(&secrets);
        editor.setDestination(QStringLiteral("postgres"));
        auto *box = editor.findChild<QCheckBox *>(QStringLiteral("useKeychain"));
        QVERIFY(box);
        QVERIFY(!box->isEnabled());
        editor.form()->pasteUrl(QStringLiteral("postgresql://loader:filepass@db:5432/dw"));
        QCOMPARE(editor.save(), QString());
        QVERIFY(secretsFile().contains(QStringLiteral("password = \"filepass\"")));
        QVERIFY(keychain.isEmpty());
    }

    void editorSavesPasswordsInTheKeychain()
    {
        QMap<QString, QString> keychain;
        const auto owner = startedKeychain(&keychain);
        KeychainSecrets &secrets = *owner;

        DestinationEditor editor;
        editor.setKeychain(&secrets);
        editor.setDestination(QStringLiteral("postgres"));
        QVERIFY(editor.findChild<QCheckBox *>(QStringLiteral("useKeychain"))->isChecked());
        editor.form()->pasteUrl(QStringLiteral("postgresql://loader:kcpass@db:5432/dw"));
        QSignalSpy saved(&editor, &DestinationEditor::saved);
        QCOMPARE(editor.save(), QString());
        QTRY_COMPARE(saved.count(), 1);
        QCOMPARE(keychain.value(KeychainSecrets::account(project(), kPasswordKey)), QStringLiteral("kcpass"));
        const QString file = secretsFile();
        QVERIFY2(!file.contains(QStringLiteral("kcpass")), qPrintable(file));
        QVERIFY(file.contains(QStringLiteral("username = \"loader\"")));
        QVERIFY(editor.resultText().contains(QStringLiteral("OS keychain")));
        // Reloaded from configuration: the password is there, and says where from.
        QCOMPARE(editor.form()->fieldValue(QStringLiteral("password")).toString(), QStringLiteral("kcpass"));
        QCOMPARE(editor.form()->sourceText(QStringLiteral("password")), QStringLiteral("OS keychain"));
    }

    void renamedDestinationTakesItsPasswordAlong()
    {
        QMap<QString, QString> keychain;
        const auto owner = startedKeychain(&keychain);
        KeychainSecrets &secrets = *owner;
        DestinationEditor editor;
        editor.setKeychain(&secrets);
        QCOMPARE(editor.addDestination(QStringLiteral("wh"), QStringLiteral("postgres")), QString());
        editor.setDestination(QStringLiteral("wh"));
        editor.form()->pasteUrl(QStringLiteral("postgresql://loader:whpass@db:5432/dw"));
        QSignalSpy saved(&editor, &DestinationEditor::saved);
        editor.save();
        QTRY_COMPARE(saved.count(), 1);
        const QString oldKey = QStringLiteral("destination.wh.credentials.password");
        const QString newKey = QStringLiteral("destination.wh2.credentials.password");
        QVERIFY(keychain.contains(KeychainSecrets::account(project(), oldKey)));

        QCOMPARE(editor.renameDestination(QStringLiteral("wh2")), QString());
        QTRY_VERIFY(keychain.contains(KeychainSecrets::account(project(), newKey)));
        QTRY_VERIFY(!keychain.contains(KeychainSecrets::account(project(), oldKey)));
        QVERIFY(!secrets.store()->read(project(), oldKey));
        editor.setDestination(QStringLiteral("wh2"));
        QCOMPARE(editor.form()->fieldValue(QStringLiteral("password")).toString(), QStringLiteral("whpass"));
    }

    void refusedWriteLeavesNoOlderKeychainValueWinning()
    {
        // A password in the keychain from an earlier run; now the keychain refuses writes.
        QMap<QString, QString> keychain{{KeychainSecrets::account(project(), kPasswordKey), QStringLiteral("old")}};
        QSettings().setValue(QStringLiteral("keychain/accounts"),
                             QStringList{KeychainSecrets::account(project(), kPasswordKey)});
        const auto owner = startedKeychain(&keychain, true, true);
        KeychainSecrets &secrets = *owner;
        QCOMPARE(secrets.store()->read(project(), kPasswordKey), std::optional<QString>(QStringLiteral("old")));

        DestinationEditor editor;
        editor.setKeychain(&secrets);
        editor.setDestination(QStringLiteral("postgres"));
        editor.form()->setFieldValue(QStringLiteral("password"), QStringLiteral("new"));
        QSignalSpy saved(&editor, &DestinationEditor::saved);
        editor.save();
        QTRY_COMPARE(saved.count(), 1);
        QVERIFY(secretsFile().contains(QStringLiteral("password = \"new\"")));
        // The file's value is what resolves now, and the next start does not read "old" back.
        QCOMPARE(editor.form()->fieldValue(QStringLiteral("password")).toString(), QStringLiteral("new"));
        QVERIFY(!QSettings()
                     .value(QStringLiteral("keychain/accounts"))
                     .toStringList()
                     .contains(KeychainSecrets::account(project(), kPasswordKey)));
    }

    void refusedKeychainFallsBackToTheFile()
    {
        QMap<QString, QString> keychain;
        const auto owner = startedKeychain(&keychain, true, true);
        KeychainSecrets &secrets = *owner;
        DestinationEditor editor;
        editor.setKeychain(&secrets);
        editor.setDestination(QStringLiteral("postgres"));
        editor.form()->pasteUrl(QStringLiteral("postgresql://loader:fallback@db:5432/dw"));
        QSignalSpy saved(&editor, &DestinationEditor::saved);
        editor.save();
        QTRY_COMPARE(saved.count(), 1);
        QVERIFY(keychain.isEmpty());
        QVERIFY(secretsFile().contains(QStringLiteral("password = \"fallback\"")));
        QVERIFY2(editor.resultText().contains(QStringLiteral("refused")), qPrintable(editor.resultText()));
    }
};

int main(int argc, char **argv)
{
    return wharf::test::runGuiTest<TestKeychainSecrets>(argc, argv);
}

#include "tst_KeychainSecrets.moc"
