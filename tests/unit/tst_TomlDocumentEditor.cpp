#include "Error.h"
#include "config/TomlDocumentEditor.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/stat.h>

using namespace wharf;

namespace {

/// A secrets.toml as people write them: comments everywhere, odd spacing, other sections.
const QByteArray kDocument = "# Wharf test file: every byte outside the edit must survive.\n"
                             "[runtime]\n"
                             "log_level = \"WARNING\"   # keep this comment\n"
                             "\n"
                             "# PostgreSQL\n"
                             "[destination.postgres.credentials]\n"
                             "database = \"dlt_data\"\n"
                             "  host =   'localhost'  # spaces kept\n"
                             "password = \"\"\"\n"
                             "multi\n"
                             "line\"\"\"\n"
                             "\n"
                             "# trailing comment of the block\n"
                             "[sources.github]\n"
                             "access_token = \"ghp_x\" # token\n";

int mode(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Runs `body`, which must throw a Config error; returns its message.
template <typename F> QString configError(F &&body)
{
    try {
        body();
    } catch (const Error &e) {
        return e.kind() == ErrorKind::Config ? e.message() : QStringLiteral("<wrong kind>");
    }
    return QStringLiteral("<no error>");
}

const QStringList kPgCredentials{QStringLiteral("destination"), QStringLiteral("postgres"),
                                 QStringLiteral("credentials")};

} // namespace

class TestTomlDocumentEditor : public QObject {
    Q_OBJECT

private slots:
    void replacesValueInPlace();
    void replacesMultiLineValue();
    void addsKeyToExistingBlock();
    void addsKeyWithIndentationOfBlock();
    void newTableBeforeItsSubTable();
    void newTableNextToRelatives();
    void newTableAtEnd_data();
    void newTableAtEnd();
    void dottedKeys();
    void rootDottedKeys();
    void inlineTables();
    void refusesValueAsTable();
    void refusesTableAsValue();
    void quoting_data();
    void quoting();
    void quotedKeys();
    void otherValueTypes();
    void crlfKept();
    void removeKey();
    void removeKeyRefusesTable();
    void removeTableWithSubTables();
    void removeTableDottedAndInline();
    void removeMissing();
    void renameTable();
    void renameTableDottedKeys();
    void renameRefusesExistingTarget();
    void renameRefusesInsideInline();
    void invalidInput();
    void loadMissingFile();
    void savePermissions();
    void saveKeepsModeOfConfigFile();
};

void TestTomlDocumentEditor::replacesValueInPlace()
{
    TomlDocumentEditor editor(kDocument, QStringLiteral("secrets.toml"));
    QVERIFY(!editor.isModified());
    editor.setValue(kPgCredentials, QStringLiteral("host"), QStringLiteral("db.example.com"));
    QByteArray expected = kDocument;
    expected.replace("'localhost'", "\"db.example.com\"");
    QCOMPARE(editor.text(), expected);
    QVERIFY(editor.isModified());
    QCOMPARE(editor.value(kPgCredentials + QStringList{QStringLiteral("host")}).toString(),
             QStringLiteral("db.example.com"));
}

void TestTomlDocumentEditor::replacesMultiLineValue()
{
    TomlDocumentEditor editor(kDocument);
    editor.setValue(kPgCredentials, QStringLiteral("password"), QStringLiteral("s3cret"));
    QByteArray expected = kDocument;
    expected.replace("\"\"\"\nmulti\nline\"\"\"", "\"s3cret\"");
    QCOMPARE(editor.text(), expected);
}

void TestTomlDocumentEditor::addsKeyToExistingBlock()
{
    TomlDocumentEditor editor(kDocument);
    editor.setValue(kPgCredentials, QStringLiteral("port"), 5433);
    QByteArray expected = kDocument;
    // After the block's last value, before its trailing blank line and comment.
    expected.replace("line\"\"\"\n", "line\"\"\"\nport = 5433\n");
    QCOMPARE(editor.text(), expected);
    QCOMPARE(editor.value(kPgCredentials + QStringList{QStringLiteral("port")}), QVariant(qlonglong(5433)));
}

void TestTomlDocumentEditor::addsKeyWithIndentationOfBlock()
{
    TomlDocumentEditor editor("[a]\n    x = 1\n    y = 2\n\n[b]\nz = 3\n");
    editor.setValue({QStringLiteral("a")}, QStringLiteral("w"), true);
    QCOMPARE(editor.text(), QByteArray("[a]\n    x = 1\n    y = 2\n    w = true\n\n[b]\nz = 3\n"));
    // An empty block: right after its header.
    TomlDocumentEditor empty("[a]\n# nothing yet\n\n[b]\n");
    empty.setValue({QStringLiteral("a")}, QStringLiteral("k"), QStringLiteral("v"));
    QCOMPARE(empty.text(), QByteArray("[a]\nk = \"v\"\n# nothing yet\n\n[b]\n"));
}

void TestTomlDocumentEditor::newTableBeforeItsSubTable()
{
    TomlDocumentEditor editor(kDocument);
    editor.setValue({QStringLiteral("destination"), QStringLiteral("postgres")}, QStringLiteral("load_method"),
                    QStringLiteral("insert"));
    QByteArray expected = kDocument;
    expected.replace("# PostgreSQL\n", "[destination.postgres]\nload_method = \"insert\"\n\n# PostgreSQL\n");
    QCOMPARE(editor.text(), expected);
}

void TestTomlDocumentEditor::newTableNextToRelatives()
{
    TomlDocumentEditor editor(kDocument);
    editor.setValue({QStringLiteral("destination"), QStringLiteral("prod"), QStringLiteral("credentials")},
                    QStringLiteral("database"), QStringLiteral("warehouse"));
    QByteArray expected = kDocument;
    expected.replace("line\"\"\"\n", "line\"\"\"\n\n[destination.prod.credentials]\ndatabase = \"warehouse\"\n");
    QCOMPARE(editor.text(), expected);
}

void TestTomlDocumentEditor::newTableAtEnd_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::newRow("empty") << QByteArray() << QByteArray("[load]\nworkers = 4\n");
    QTest::newRow("final newline") << QByteArray("a = 1\n") << QByteArray("a = 1\n\n[load]\nworkers = 4\n");
    QTest::newRow("no final newline") << QByteArray("a = 1") << QByteArray("a = 1\n\n[load]\nworkers = 4\n");
    QTest::newRow("blank at end") << QByteArray("[x]\na = 1\n\n") << QByteArray("[x]\na = 1\n\n[load]\nworkers = 4\n");
    QTest::newRow("comment only") << QByteArray("# hi\n") << QByteArray("# hi\n\n[load]\nworkers = 4\n");
}

void TestTomlDocumentEditor::newTableAtEnd()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    TomlDocumentEditor editor(before);
    editor.setValue({QStringLiteral("load")}, QStringLiteral("workers"), 4);
    QCOMPARE(editor.text(), after);
}

void TestTomlDocumentEditor::dottedKeys()
{
    const QByteArray doc = "[destination]\npg.host = \"h\" # c\npg.credentials.user = \"u\"\n\n[other]\nx = 1\n";
    TomlDocumentEditor editor(doc);
    editor.setValue({QStringLiteral("destination"), QStringLiteral("pg")}, QStringLiteral("port"), 1);
    QCOMPARE(editor.text(),
             QByteArray("[destination]\npg.host = \"h\" # c\npg.credentials.user = \"u\"\npg.port = 1\n\n"
                        "[other]\nx = 1\n"));
    editor.setValue({QStringLiteral("destination"), QStringLiteral("pg"), QStringLiteral("credentials")},
                    QStringLiteral("user"), QStringLiteral("v"));
    QVERIFY(editor.text().contains("pg.credentials.user = \"v\"\n"));
}

void TestTomlDocumentEditor::rootDottedKeys()
{
    TomlDocumentEditor editor("destination.pg.credentials.host = \"h\"\n\n[x]\ny = 1\n");
    editor.setValue(QStringList{QStringLiteral("destination"), QStringLiteral("pg"), QStringLiteral("credentials")},
                    QStringLiteral("port"), 5432);
    QCOMPARE(editor.text(), QByteArray("destination.pg.credentials.host = \"h\"\n"
                                       "destination.pg.credentials.port = 5432\n\n[x]\ny = 1\n"));
}

void TestTomlDocumentEditor::inlineTables()
{
    const QByteArray doc = "[destination.pg]\ncredentials = { host = \"h\", port = 5432 } # inline\n";
    TomlDocumentEditor editor(doc);
    // A value inside an inline table can be replaced where it stands...
    editor.setValue(QStringList{QStringLiteral("destination"), QStringLiteral("pg"), QStringLiteral("credentials")},
                    QStringLiteral("port"), 6543);
    QCOMPARE(editor.text(), QByteArray("[destination.pg]\ncredentials = { host = \"h\", port = 6543 } # inline\n"));
    // ...but keys cannot be added, removed or renamed inside it: refused, text unchanged.
    const QByteArray before = editor.text();
    const QString error = configError([&] {
        editor.setValue(QStringList{QStringLiteral("destination"), QStringLiteral("pg"), QStringLiteral("credentials")},
                        QStringLiteral("database"), QStringLiteral("d"));
    });
    QVERIFY2(error.contains(QLatin1String("inline table")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("destination.pg.credentials")), qPrintable(error));
    QVERIFY(configError([&] {
                editor.removeKey(
                    QStringList{QStringLiteral("destination"), QStringLiteral("pg"), QStringLiteral("credentials")},
                    QStringLiteral("host"));
            }).contains(QLatin1String("inline table")));
    QCOMPARE(editor.text(), before);
    // The inline table as a whole is one value: it can go.
    QVERIFY(editor.removeTable(
        QStringList{QStringLiteral("destination"), QStringLiteral("pg"), QStringLiteral("credentials")}));
    QCOMPARE(editor.text(), QByteArray("[destination.pg]\n"));
}

void TestTomlDocumentEditor::refusesValueAsTable()
{
    const QByteArray doc = "[destination.pg]\ncredentials = \"postgresql://u@h/db\"\n";
    TomlDocumentEditor editor(doc);
    const QString error = configError([&] {
        editor.setValue(kPgCredentials.mid(0, 1) + QStringList{QStringLiteral("pg"), QStringLiteral("credentials")},
                        QStringLiteral("host"), QStringLiteral("x"));
    });
    QVERIFY2(error.contains(QLatin1String("holds a value, not a table")), qPrintable(error));
    QCOMPARE(editor.text(), doc);
    QVERIFY(!editor.isModified());
}

void TestTomlDocumentEditor::refusesTableAsValue()
{
    TomlDocumentEditor editor(kDocument);
    const QString error = configError([&] {
        editor.setValue({QStringLiteral("destination"), QStringLiteral("postgres")}, QStringLiteral("credentials"),
                        QStringLiteral("postgresql://x"));
    });
    QVERIFY2(error.contains(QLatin1String("it is a table")), qPrintable(error));
    QCOMPARE(editor.text(), kDocument);
}

void TestTomlDocumentEditor::quoting_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("plain") << QStringLiteral("abc") << QByteArray("\"abc\"");
    QTest::newRow("quote") << QStringLiteral("a\"b") << QByteArray("\"a\\\"b\"");
    QTest::newRow("backslash") << QStringLiteral("C:\\dir\\x") << QByteArray("\"C:\\\\dir\\\\x\"");
    QTest::newRow("newline and tab") << QStringLiteral("a\nb\tc\r") << QByteArray("\"a\\nb\\tc\\r\"");
    QTest::newRow("control") << QString(QChar(0x01)) + QChar(0x7f) << QByteArray("\"\\u0001\\u007F\"");
    QTest::newRow("unicode") << QStringLiteral("pässwörd €") << QStringLiteral("\"pässwörd €\"").toUtf8();
    QTest::newRow("astral") << QString::fromUtf8("\xF0\x9F\x94\x91 key") << QByteArray("\"\xF0\x9F\x94\x91 key\"");
    QTest::newRow("comment sign") << QStringLiteral("a # b") << QByteArray("\"a # b\"");
    QTest::newRow("triple quotes") << QStringLiteral("\"\"\"") << QByteArray("\"\\\"\\\"\\\"\"");
    QTest::newRow("empty") << QString() << QByteArray("\"\"");
}

void TestTomlDocumentEditor::quoting()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, written);
    TomlDocumentEditor editor("[s]\nold = 1\n");
    editor.setValue({QStringLiteral("s")}, QStringLiteral("v"), value);
    QCOMPARE(editor.text(), "[s]\nold = 1\nv = " + written + "\n");
    QCOMPARE(editor.value({QStringLiteral("s"), QStringLiteral("v")}).toString(), value);
    // And replacing it again in place reads back too.
    editor.setValue({QStringLiteral("s")}, QStringLiteral("v"), value + QStringLiteral("\\\""));
    QCOMPARE(editor.value({QStringLiteral("s"), QStringLiteral("v")}).toString(), value + QStringLiteral("\\\""));
}

void TestTomlDocumentEditor::quotedKeys()
{
    TomlDocumentEditor editor("[\"my dest.x\"]\n\"a b\" = 1\n");
    editor.setValue({QStringLiteral("my dest.x")}, QStringLiteral("c.d"), 2);
    QCOMPARE(editor.text(), QByteArray("[\"my dest.x\"]\n\"a b\" = 1\n\"c.d\" = 2\n"));
    editor.setValue({QStringLiteral("new table"), QStringLiteral("ü")}, QStringLiteral("k"), 3);
    QVERIFY2(editor.text().endsWith(QStringLiteral("\n[\"new table\".\"ü\"]\nk = 3\n").toUtf8()),
             editor.text().constData());
    QCOMPARE(editor.value({QStringLiteral("new table"), QStringLiteral("ü"), QStringLiteral("k")}),
             QVariant(qlonglong(3)));
}

void TestTomlDocumentEditor::otherValueTypes()
{
    TomlDocumentEditor editor("[t]\n");
    editor.setValue({QStringLiteral("t")}, QStringLiteral("f"), 1.0);
    editor.setValue({QStringLiteral("t")}, QStringLiteral("b"), false);
    editor.setValue({QStringLiteral("t")}, QStringLiteral("l"), QStringList{QStringLiteral("x"), QStringLiteral("y")});
    editor.setValue({QStringLiteral("t")}, QStringLiteral("n"), qlonglong(-9007199254740993LL));
    QCOMPARE(editor.text(), QByteArray("[t]\nf = 1.0\nb = false\nl = [\"x\", \"y\"]\nn = -9007199254740993\n"));
    QCOMPARE(editor.value({QStringLiteral("t"), QStringLiteral("f")}).typeId(), int(QMetaType::Double));
    QVERIFY(configError([&] {
                editor.setValue({QStringLiteral("t")}, QStringLiteral("d"), QDate(2024, 1, 1));
            }).contains(QLatin1String("cannot write")));
}

void TestTomlDocumentEditor::crlfKept()
{
    TomlDocumentEditor editor("[a]\r\nx = 1\r\n");
    editor.setValue({QStringLiteral("a")}, QStringLiteral("y"), 2);
    editor.setValue({QStringLiteral("b")}, QStringLiteral("z"), 3);
    QCOMPARE(editor.text(), QByteArray("[a]\r\nx = 1\r\ny = 2\r\n\r\n[b]\r\nz = 3\r\n"));
}

void TestTomlDocumentEditor::removeKey()
{
    TomlDocumentEditor editor(kDocument);
    QVERIFY(editor.removeKey(kPgCredentials, QStringLiteral("password")));
    QByteArray expected = kDocument;
    expected.replace("password = \"\"\"\nmulti\nline\"\"\"\n", "");
    QCOMPARE(editor.text(), expected);
    QVERIFY(editor.removeKey({QStringLiteral("runtime")}, QStringLiteral("log_level")));
    expected.replace("log_level = \"WARNING\"   # keep this comment\n", "");
    QCOMPARE(editor.text(), expected);
    QVERIFY(!editor.removeKey({QStringLiteral("runtime")}, QStringLiteral("log_level")));
}

void TestTomlDocumentEditor::removeKeyRefusesTable()
{
    TomlDocumentEditor editor(kDocument);
    QVERIFY(configError([&] {
                editor.removeKey({QStringLiteral("destination"), QStringLiteral("postgres")},
                                 QStringLiteral("credentials"));
            }).contains(QLatin1String("is a table")));
    QCOMPARE(editor.text(), kDocument);
}

void TestTomlDocumentEditor::removeTableWithSubTables()
{
    const QByteArray doc = "# head\n[destination.pg]\nload_method = \"copy\"\n\n"
                           "[destination.pg.credentials]\nhost = \"h\"\n\n"
                           "[destination.pgx]\nkeep = 1\n\n"
                           "[destination.pg.credentials.query]\noptions = \"-c x\"\n\n"
                           "[load]\nworkers = 2\n";
    TomlDocumentEditor editor(doc);
    QVERIFY(editor.removeTable({QStringLiteral("destination"), QStringLiteral("pg")}));
    // Never two blank lines where tables were taken out.
    QCOMPARE(editor.text(), QByteArray("# head\n\n[destination.pgx]\nkeep = 1\n\n[load]\nworkers = 2\n"));
    QVERIFY(!editor.contains({QStringLiteral("destination"), QStringLiteral("pg")}));
    // The last table of a file: no blank line left behind.
    QVERIFY(editor.removeTable({QStringLiteral("load")}));
    QCOMPARE(editor.text(), QByteArray("# head\n\n[destination.pgx]\nkeep = 1\n"));
}

void TestTomlDocumentEditor::removeTableDottedAndInline()
{
    const QByteArray doc = "[destination]\npg.host = \"h\"\nother.x = 2\npg.port = 1\n"
                           "[destination.pg.credentials]\nuser = \"u\"\n[z]\npg = { a = 1 }\n";
    TomlDocumentEditor editor(doc);
    QVERIFY(editor.removeTable({QStringLiteral("destination"), QStringLiteral("pg")}));
    QCOMPARE(editor.text(), QByteArray("[destination]\nother.x = 2\n[z]\npg = { a = 1 }\n"));
    QVERIFY(editor.removeTable({QStringLiteral("z"), QStringLiteral("pg")}));
    QCOMPARE(editor.text(), QByteArray("[destination]\nother.x = 2\n[z]\n"));
    TomlDocumentEditor root("destination.pg.port = 1\ndestination.x.y = 2\n");
    QVERIFY(root.removeTable({QStringLiteral("destination"), QStringLiteral("pg")}));
    QCOMPARE(root.text(), QByteArray("destination.x.y = 2\n"));
}

void TestTomlDocumentEditor::removeMissing()
{
    TomlDocumentEditor editor(kDocument);
    QVERIFY(!editor.removeTable({QStringLiteral("destination"), QStringLiteral("nope")}));
    QVERIFY(!editor.removeTable({}));
    QVERIFY(!editor.isModified());
    QCOMPARE(editor.text(), kDocument);
}

void TestTomlDocumentEditor::renameTable()
{
    const QByteArray doc = "[destination.old] # the old one\nload_method = \"copy\"\n\n"
                           "  [ destination . old . credentials ]\nhost = \"h\"\n\n"
                           "[destination.older]\nx = 1\n";
    TomlDocumentEditor editor(doc);
    QVERIFY(editor.renameTable({QStringLiteral("destination"), QStringLiteral("old")}, QStringLiteral("new one")));
    QCOMPARE(editor.text(), QByteArray("[destination.\"new one\"] # the old one\nload_method = \"copy\"\n\n"
                                       "  [ destination . \"new one\" . credentials ]\nhost = \"h\"\n\n"
                                       "[destination.older]\nx = 1\n"));
    QCOMPARE(editor
                 .value({QStringLiteral("destination"), QStringLiteral("new one"), QStringLiteral("credentials"),
                         QStringLiteral("host")})
                 .toString(),
             QStringLiteral("h"));
    QVERIFY(!editor.contains({QStringLiteral("destination"), QStringLiteral("old")}));
    QVERIFY(!editor.renameTable({QStringLiteral("destination"), QStringLiteral("old")}, QStringLiteral("x")));
}

void TestTomlDocumentEditor::renameTableDottedKeys()
{
    const QByteArray doc = "[destination]\npg.host = \"h\" # c\n\"pg\".db = \"d\"\n"
                           "[destination.pg.credentials]\nuser = \"u\"\n";
    TomlDocumentEditor editor(doc);
    QVERIFY(editor.renameTable({QStringLiteral("destination"), QStringLiteral("pg")}, QStringLiteral("prod")));
    QCOMPARE(editor.text(), QByteArray("[destination]\nprod.host = \"h\" # c\nprod.db = \"d\"\n"
                                       "[destination.prod.credentials]\nuser = \"u\"\n"));
    TomlDocumentEditor root("destination.pg.port = 1 # p\n  destination . pg . host = \"h\"\n");
    QVERIFY(root.renameTable({QStringLiteral("destination"), QStringLiteral("pg")}, QStringLiteral("prod")));
    QCOMPARE(root.text(), QByteArray("destination.prod.port = 1 # p\n  destination . prod . host = \"h\"\n"));
}

void TestTomlDocumentEditor::renameRefusesExistingTarget()
{
    TomlDocumentEditor editor(kDocument);
    const QString error = configError([&] {
        editor.renameTable({QStringLiteral("destination"), QStringLiteral("postgres")}, QStringLiteral("postgres"));
    });
    QCOMPARE(error, QStringLiteral("<no error>")); // renaming to itself is a no-op
    editor.setValue({QStringLiteral("destination"), QStringLiteral("b")}, QStringLiteral("x"), 1);
    const QByteArray before = editor.text();
    QVERIFY(configError([&] {
                editor.renameTable({QStringLiteral("destination"), QStringLiteral("postgres")}, QStringLiteral("b"));
            }).contains(QLatin1String("exists already")));
    QCOMPARE(editor.text(), before);
}

void TestTomlDocumentEditor::renameRefusesInsideInline()
{
    TomlDocumentEditor editor("destination = { pg = { host = \"h\" } }\n");
    QVERIFY(configError([&] {
                editor.renameTable({QStringLiteral("destination"), QStringLiteral("pg")}, QStringLiteral("x"));
            }).contains(QLatin1String("inline table")));
    QVERIFY(configError([&] {
                editor.removeTable({QStringLiteral("destination"), QStringLiteral("pg")});
            }).contains(QLatin1String("inline table")));
}

void TestTomlDocumentEditor::invalidInput()
{
    const QString error = configError([] { TomlDocumentEditor("[a\nx = ", QStringLiteral("/p/.dlt/config.toml")); });
    QVERIFY2(error.contains(QLatin1String("/p/.dlt/config.toml")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("line 1")), qPrintable(error));
}

void TestTomlDocumentEditor::loadMissingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral(".dlt/config.toml"));
    TomlDocumentEditor editor = TomlDocumentEditor::load(path);
    QCOMPARE(editor.name(), path);
    QVERIFY(editor.text().isEmpty());
    editor.setValue({QStringLiteral("load")}, QStringLiteral("workers"), 3);
    editor.save(path);
    QCOMPARE(readAll(path), QByteArray("[load]\nworkers = 3\n"));
    QCOMPARE(TomlDocumentEditor::load(path).value({QStringLiteral("load"), QStringLiteral("workers")}),
             QVariant(qlonglong(3)));
}

void TestTomlDocumentEditor::savePermissions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/.dlt/secrets.toml"));
    TomlDocumentEditor editor;
    editor.setValue(kPgCredentials, QStringLiteral("password"), QStringLiteral("pw"));
    editor.save(path, TomlDocumentEditor::FileMode::OwnerOnly);
    QCOMPARE(mode(path), 0600);
    // A secrets file someone made world-readable becomes private again on the next save.
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther |
                                            QFileDevice::ReadGroup));
    QCOMPARE(mode(path), 0644);
    TomlDocumentEditor again = TomlDocumentEditor::load(path);
    again.setValue(kPgCredentials, QStringLiteral("password"), QStringLiteral("pw2"));
    again.save(path, TomlDocumentEditor::FileMode::OwnerOnly);
    QCOMPARE(mode(path), 0600);
    QVERIFY(readAll(path).contains("\"pw2\""));
    // No temporary file left next to it.
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files), QStringList{QStringLiteral("secrets.toml")});
}

void TestTomlDocumentEditor::saveKeepsModeOfConfigFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.toml"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[load]\nworkers = 1\n");
    }
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
    TomlDocumentEditor editor = TomlDocumentEditor::load(path);
    editor.setValue({QStringLiteral("load")}, QStringLiteral("workers"), 2);
    editor.save(path);
    QCOMPARE(mode(path), 0640);
    QCOMPARE(readAll(path), QByteArray("[load]\nworkers = 2\n"));
}

QTEST_GUILESS_MAIN(TestTomlDocumentEditor)
#include "tst_TomlDocumentEditor.moc"
