// The Destination settings tab: a form generated from the config spec, connection URLs pasted
// into it, where each value comes from, Save into .dlt/ without losing other sections, Test
// connection off the GUI thread against the real test PostgreSQL (right and wrong password,
// unreachable port), and add / duplicate / rename / remove through the main window.
#include "BuiltinDestinations.h"
#include "GuiTestMain.h"
#include "Screenshot.h"
#include "destination/CapabilitiesModel.h"
#include "destination/CapabilitiesPanel.h"
#include "destination/DestinationEditor.h"
#include "destination/DestinationForm.h"
#include "destination/DestinationPicker.h"
#include "destination/PluginLoader.h"
#include "shell/GuiMain.h"
#include "shell/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf;
using namespace wharf::ui;

namespace {

constexpr int kTestTimeoutMs = 30000;

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

QString projectFile(const QString &name)
{
    return QDir::current().filePath(QStringLiteral(".dlt/") + name);
}

/// WHARF_TEST_PG ("host=… port=… dbname=… user=… password=…") as a map.
QMap<QString, QString> testServer()
{
    QMap<QString, QString> out;
    for (const QString &pair : qEnvironmentVariable("WHARF_TEST_PG").split(QLatin1Char(' '), Qt::SkipEmptyParts))
        out.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    return out;
}

} // namespace

class TestDestinationEditor : public QObject {
    Q_OBJECT

    /// Fills the postgres form with the test server's values, `password` instead of its own.
    void fillTestServer(DestinationForm *form, const QString &password)
    {
        const auto server = testServer();
        form->setFieldValue(QStringLiteral("host"), server.value(QStringLiteral("host")));
        form->setFieldValue(QStringLiteral("port"), server.value(QStringLiteral("port")).toLongLong());
        form->setFieldValue(QStringLiteral("database"), server.value(QStringLiteral("dbname")));
        form->setFieldValue(QStringLiteral("username"), server.value(QStringLiteral("user")));
        form->setFieldValue(QStringLiteral("password"), password);
        form->setFieldValue(QStringLiteral("connect_timeout"), 5);
    }

    bool haveServer()
    {
        if (!qEnvironmentVariableIsEmpty("WHARF_TEST_PG"))
            return true;
        if (qEnvironmentVariable("CI") == QLatin1String("true"))
            qFatal("WHARF_TEST_PG is not set under CI: scripts/test.sh starts a throw-away PostgreSQL");
        return false;
    }

private slots:
    void cleanup()
    {
        QFile::remove(projectFile(QStringLiteral("secrets.toml")));
        QFile::remove(projectFile(QStringLiteral("config.toml")));
        qunsetenv("DESTINATION__POSTGRES__CREDENTIALS__HOST");
    }

    void formFollowsTheSpec()
    {
        DestinationEditor editor;
        editor.setDestination(QStringLiteral("postgres"));
        DestinationForm *form = editor.form();
        auto *password = qobject_cast<QLineEdit *>(form->editorFor(QStringLiteral("password")));
        QVERIFY(password);
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        auto *show = password->findChild<QAction *>(QStringLiteral("showSecret"));
        QVERIFY(show);
        // The button says what a click does, and looks the part (open or crossed-out eye).
        QCOMPARE(show->toolTip(), QStringLiteral("Show the password"));
        const QImage hidden = show->icon().pixmap(16, 16).toImage();
        show->trigger();
        QCOMPARE(password->echoMode(), QLineEdit::Normal);
        QVERIFY(show->isChecked());
        QCOMPARE(show->toolTip(), QStringLiteral("Hide the password"));
        QVERIFY(show->icon().pixmap(16, 16).toImage() != hidden);
        show->trigger();
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QCOMPARE(show->toolTip(), QStringLiteral("Show the password"));
        QVERIFY(qobject_cast<QSpinBox *>(form->editorFor(QStringLiteral("port"))));
        auto *sslmode = qobject_cast<QComboBox *>(form->editorFor(QStringLiteral("sslmode")));
        QVERIFY(sslmode);
        QVERIFY(sslmode->findText(QStringLiteral("verify-full")) > 0);
        QVERIFY(form->editorFor(QStringLiteral("sslrootcert")));
        QVERIFY(form->editorFor(QStringLiteral("sslrootcert"))->findChild<QLineEdit *>());
        // Nothing configured: the required fields say so, nothing is edited, Save is off.
        QVERIFY(form->sourceText(QStringLiteral("password")).contains(QStringLiteral("not set")));
        QVERIFY(!form->isEdited());
        QVERIFY(!editor.saveButton()->isEnabled());
    }

    void sinkFormTakesTokenAndHeaders()
    {
        // The sink plugin as the app loads it: its headers are a secret table, typed as JSON.
        const QString plugins = QDir::cleanPath(QFileInfo(qEnvironmentVariable("WHARF_BIN")).absolutePath() +
                                                QStringLiteral("/../lib/wharf/plugins"));
        plugins::loadAll(DestinationRegistry::instance(), {plugins});
        QVERIFY2(!DestinationRegistry::instance().origin(QStringLiteral("sink")).isEmpty(), qPrintable(plugins));
        DestinationEditor editor;
        editor.setDestination(QStringLiteral("sink"));
        DestinationForm *form = editor.form();
        auto *headers = qobject_cast<QLineEdit *>(form->editorFor(QStringLiteral("headers")));
        QVERIFY(headers);
        QCOMPARE(headers->echoMode(), QLineEdit::Password);
        QVERIFY2(headers->placeholderText().contains(QStringLiteral("X-Api-Key")),
                 qPrintable(headers->placeholderText()));
        const auto *url = editor.findChild<QLineEdit *>(QStringLiteral("connectionUrl"));
        QVERIFY(url);
        QVERIFY(!url->isEnabled()); // token and headers are no connection URL
        // Field captions write acronyms as such ("url" is "URL", "ssl_ca" would be "SSL CA").
        QStringList captions;
        for (const QLabel *label : form->findChildren<QLabel *>())
            captions << label->text();
        QVERIFY2(captions.contains(QStringLiteral("URL:")) &&
                     captions.contains(QStringLiteral("Skip dlt columns and tables:")),
                 qPrintable(captions.join(QLatin1Char('|'))));
        const auto buttons = editor.findChildren<QPushButton *>();
        for (const QPushButton *b : buttons)
            if (b->text() == QStringLiteral("&Fill fields"))
                QVERIFY(!b->isEnabled());

        form->setFieldValue(QStringLiteral("url"), QStringLiteral("https://example.org/in"));
        form->setFieldValue(QStringLiteral("token"), QStringLiteral("t0k3n"));
        form->setFieldValue(QStringLiteral("headers"), QStringLiteral(R"({"X-Api-Key": "k3y"})"));
        QCOMPARE(editor.save(), QString());
        const QString secrets = readFile(projectFile(QStringLiteral("secrets.toml")));
        QVERIFY2(secrets.contains(QStringLiteral("[destination.sink.credentials]")) &&
                     secrets.contains(QStringLiteral("k3y")) && secrets.contains(QStringLiteral("t0k3n")),
                 qPrintable(secrets));
        QVERIFY(!readFile(projectFile(QStringLiteral("config.toml"))).contains(QStringLiteral("k3y")));
        editor.reload();
        QCOMPARE(form->fieldValue(QStringLiteral("headers")).toString(), QStringLiteral(R"({"X-Api-Key":"k3y"})"));
        QCOMPARE(form->fieldValue(QStringLiteral("url")).toString(), QStringLiteral("https://example.org/in"));
        if (!qEnvironmentVariableIsEmpty("WHARF_SCREENSHOT")) {
            editor.resize(1024, 700);
            editor.show();
            QTest::qWait(100);
            editor.grab().save(
                qEnvironmentVariable("WHARF_SCREENSHOT").replace(QStringLiteral(".png"), QStringLiteral("-sink.png")),
                "PNG");
        }
    }

    void capabilitiesSaveWithTheForm()
    {
        // One Save and one Revert for both tabs: a capability changed waits for them.
        DestinationEditor editor;
        editor.setDestination(QStringLiteral("sqlite"));
        CapabilitiesModel *caps = editor.findChild<CapabilitiesPanel *>()->model();
        const QModelIndex rows =
            caps->index(caps->rowOf(QStringLiteral("max_rows_per_insert")), CapabilitiesModel::ValueColumn);
        QVERIFY(!editor.saveButton()->isEnabled());
        QVERIFY(caps->setData(rows, 250));
        QVERIFY(editor.saveButton()->isEnabled());
        QVERIFY(!readFile(projectFile(QStringLiteral("config.toml"))).contains(QStringLiteral("max_rows_per_insert")));
        QCOMPARE(editor.save(), QString());
        QVERIFY(
            readFile(projectFile(QStringLiteral("config.toml"))).contains(QStringLiteral("max_rows_per_insert = 250")));
        QVERIFY(!editor.saveButton()->isEnabled());
        QVERIFY(caps->setData(rows, 300));
        QVERIFY(caps->isEdited());
        editor.setDestination(QStringLiteral("sqlite")); // another look: what was typed is dropped
        QVERIFY(!caps->isEdited());
        QVERIFY(
            readFile(projectFile(QStringLiteral("config.toml"))).contains(QStringLiteral("max_rows_per_insert = 250")));
    }

    void pastedUrlFillsFields()
    {
        DestinationEditor editor;
        editor.setDestination(QStringLiteral("postgres"));
        DestinationForm *form = editor.form();
        QCOMPARE(form->pasteUrl(QStringLiteral(
                     "postgresql://loader:p%40ss@db.example.org:6543/warehouse?sslmode=require&connect_timeout=7")),
                 QString());
        QCOMPARE(form->fieldValue(QStringLiteral("username")).toString(), QStringLiteral("loader"));
        QCOMPARE(form->fieldValue(QStringLiteral("password")).toString(), QStringLiteral("p@ss"));
        QCOMPARE(form->fieldValue(QStringLiteral("host")).toString(), QStringLiteral("db.example.org"));
        QCOMPARE(form->fieldValue(QStringLiteral("port")).toLongLong(), 6543);
        QCOMPARE(form->fieldValue(QStringLiteral("database")).toString(), QStringLiteral("warehouse"));
        QCOMPARE(form->fieldValue(QStringLiteral("sslmode")).toString(), QStringLiteral("require"));
        QCOMPARE(form->fieldValue(QStringLiteral("connect_timeout")).toLongLong(), 7);
        QVERIFY(form->sourceText(QStringLiteral("host")).contains(QStringLiteral("typed here")));
        QVERIFY(editor.saveButton()->isEnabled());
        QVERIFY(!form->pasteUrl(QStringLiteral("not a url")).isEmpty());
    }

    void saveKeepsOtherSectionsAndShowsWhereValuesComeFrom()
    {
        writeFile(projectFile(QStringLiteral("secrets.toml")),
                  "# my sources\n[sources.github]\naccess_token = \"ghp_keep\" # keep me\n");
        DestinationEditor editor;
        editor.setDestination(QStringLiteral("postgres"));
        DestinationForm *form = editor.form();
        form->pasteUrl(QStringLiteral("postgresql://loader:s3cret@db.example.org:5433/warehouse"));
        QSignalSpy saved(&editor, &DestinationEditor::saved);
        QCOMPARE(editor.save(), QString());
        QCOMPARE(saved.count(), 1);

        const QString secrets = readFile(projectFile(QStringLiteral("secrets.toml")));
        QVERIFY2(secrets.contains(QStringLiteral("access_token = \"ghp_keep\" # keep me")), qPrintable(secrets));
        QVERIFY(secrets.contains(QStringLiteral("# my sources")));
        QVERIFY(secrets.contains(QStringLiteral("[destination.postgres.credentials]")));
        QVERIFY(secrets.contains(QStringLiteral("password = \"s3cret\"")));
        QVERIFY(secrets.contains(QStringLiteral("host = \"db.example.org\"")));
        QCOMPARE(QFile::permissions(projectFile(QStringLiteral("secrets.toml"))),
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser); // 0600

        // Reloaded: the values and where they come from; nothing edited any more.
        QVERIFY(!form->isEdited());
        QCOMPARE(form->fieldValue(QStringLiteral("port")).toLongLong(), 5433);
        QVERIFY2(form->sourceText(QStringLiteral("host")).contains(QStringLiteral("secrets.toml")),
                 qPrintable(form->sourceText(QStringLiteral("host"))));
        QVERIFY(
            form->sourceText(QStringLiteral("host")).contains(QStringLiteral("[destination.postgres.credentials]")));
        QVERIFY(form->sourceText(QStringLiteral("connect_timeout")).contains(QStringLiteral("default")));

        // An environment variable wins, and the form says so.
        qputenv("DESTINATION__POSTGRES__CREDENTIALS__HOST", "env.example.org");
        editor.reload();
        QCOMPARE(form->fieldValue(QStringLiteral("host")).toString(), QStringLiteral("env.example.org"));
        QCOMPARE(form->sourceText(QStringLiteral("host")),
                 QStringLiteral("env DESTINATION__POSTGRES__CREDENTIALS__HOST"));

        // Emptying a field removes its key.
        form->setFieldValue(QStringLiteral("database"), QVariant());
        QCOMPARE(editor.save(), QString());
        QVERIFY(!readFile(projectFile(QStringLiteral("secrets.toml"))).contains(QStringLiteral("warehouse")));
    }

    void testConnectionAgainstTheServer()
    {
        if (!haveServer())
            QSKIP("WHARF_TEST_PG is not set (scripts/test.sh sets it)");
        DestinationEditor editor;
        editor.setDestination(QStringLiteral("postgres"));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QSignalSpy finished(&editor, &DestinationEditor::testFinished);

        fillTestServer(editor.form(), testServer().value(QStringLiteral("password")));
        QTest::mouseClick(editor.testButton(), Qt::LeftButton);
        QVERIFY(editor.isTesting());
        QVERIFY(!editor.testButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTestTimeoutMs);
        QVERIFY2(editor.lastTest().ok, qPrintable(editor.lastTest().text));
        QVERIFY(editor.lastTest().text.startsWith(QStringLiteral("PostgreSQL ")));
        QVERIFY(editor.lastTest().text.contains(QStringLiteral(":***@")));
        QVERIFY(editor.resultText().startsWith(QStringLiteral("Connected")));

        // The throw-away server trusts local connections (no password check; the integration
        // tests use a password-rejecting stand-in for 28P01): a role that does not exist.
        const QString wrong = QStringLiteral("definitely-wrong-9f3a");
        fillTestServer(editor.form(), wrong);
        editor.form()->setFieldValue(QStringLiteral("username"), QStringLiteral("no_such_role_9f3a"));
        editor.startTest();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kTestTimeoutMs);
        QVERIFY(!editor.lastTest().ok);
        QCOMPARE(editor.lastTest().sqlState, QStringLiteral("28000"));
        QVERIFY(editor.lastTest().text.contains(QStringLiteral("no_such_role_9f3a")));
        QVERIFY2(!editor.lastTest().text.contains(wrong), qPrintable(editor.lastTest().text));
        QVERIFY(!editor.resultText().contains(wrong));
        // Said in words with what to do; the kind and SQLSTATE are behind Details, once.
        QVERIFY2(editor.resultText().startsWith(QStringLiteral("Not connected: ")) &&
                     editor.resultText().contains(QStringLiteral("Check the values above")) &&
                     !editor.resultText().contains(QStringLiteral("SQLSTATE")),
                 qPrintable(editor.resultText()));
        auto *details = editor.findChild<QPushButton *>(QStringLiteral("resultDetails"));
        QVERIFY(details && details->isVisible());
        details->click();
        auto *box = editor.findChild<QMessageBox *>(QStringLiteral("resultDetailsBox"));
        QVERIFY(box);
        QCOMPARE(box->detailedText().count(QStringLiteral("SQLSTATE")), 1);
        QVERIFY(box->detailedText().contains(QStringLiteral("28000")));
        box->close();

        // Nothing listens on port 1: a transient error, unreachable.
        fillTestServer(editor.form(), wrong);
        editor.form()->setFieldValue(QStringLiteral("port"), 1);
        editor.startTest();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, kTestTimeoutMs);
        QVERIFY(!editor.lastTest().ok);
        QCOMPARE(editor.lastTest().kind, errorKindName(ErrorKind::Transient));
        QCOMPARE(editor.lastTest().sqlState, QStringLiteral("08001"));
        QVERIFY2(editor.resultText().contains(QStringLiteral("check the host and port")),
                 qPrintable(editor.resultText()));
        // Nothing was written by testing.
        QVERIFY(!QFile::exists(projectFile(QStringLiteral("secrets.toml"))));
    }

    void cancelledTestIsDropped()
    {
        DestinationEditor editor;
        editor.setDestination(QStringLiteral("sqlite"));
        QSignalSpy finished(&editor, &DestinationEditor::testFinished);
        editor.startTest();
        editor.cancelTest();
        QVERIFY(!editor.isTesting());
        QVERIFY(editor.testButton()->isEnabled());
        QTest::qWait(300);
        QCOMPARE(finished.count(), 0);
        editor.startTest();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY2(editor.lastTest().ok, qPrintable(editor.lastTest().text));
        QVERIFY(editor.lastTest().text.startsWith(QStringLiteral("SQLite ")));
    }

    void addDuplicateRenameRemoveInTheWindow()
    {
        const auto window = createMainWindow();
        window->show();
        DestinationEditor *editor = window->destinationEditor();
        DestinationPicker *picker = window->destinationPicker();
        window->tabs()->setCurrentIndex(MainWindow::DestinationTab);

        QVERIFY(!editor->addDestination(QStringLiteral("1bad"), QStringLiteral("postgres")).isEmpty());
        QCOMPARE(editor->addDestination(QStringLiteral("warehouse"), QStringLiteral("postgres")), QString());
        QVERIFY(picker->names().contains(QStringLiteral("warehouse")));
        QCOMPARE(picker->currentType(), QStringLiteral("warehouse"));
        QCOMPARE(editor->destinationName(), QStringLiteral("warehouse"));
        QVERIFY(readFile(projectFile(QStringLiteral("config.toml")))
                    .contains(QStringLiteral("destination_type = \"postgres\"")));
        // Its form is the postgres form.
        QVERIFY(editor->form()->editorFor(QStringLiteral("sslmode")));
        editor->form()->setFieldValue(QStringLiteral("host"), QStringLiteral("wh.example.org"));
        QCOMPARE(editor->save(), QString());
        QVERIFY(readFile(projectFile(QStringLiteral("secrets.toml")))
                    .contains(QStringLiteral("[destination.warehouse.credentials]")));

        QCOMPARE(editor->duplicateDestination(QStringLiteral("warehouse_copy")), QString());
        QCOMPARE(picker->currentType(), QStringLiteral("warehouse_copy"));
        QCOMPARE(editor->form()->fieldValue(QStringLiteral("host")).toString(), QStringLiteral("wh.example.org"));

        QCOMPARE(editor->renameDestination(QStringLiteral("staging_wh")), QString());
        QVERIFY(!picker->names().contains(QStringLiteral("warehouse_copy")));
        QCOMPARE(picker->currentType(), QStringLiteral("staging_wh"));
        QVERIFY(readFile(projectFile(QStringLiteral("secrets.toml")))
                    .contains(QStringLiteral("[destination.staging_wh.credentials]")));

        QCOMPARE(editor->removeDestination(), QString());
        QVERIFY(!picker->names().contains(QStringLiteral("staging_wh")));
        QVERIFY(picker->names().contains(QStringLiteral("warehouse")));
        QCOMPARE(picker->currentType(), QStringLiteral("sqlite"));
        QVERIFY(!readFile(projectFile(QStringLiteral("secrets.toml"))).contains(QStringLiteral("staging_wh")));
        // The URL field's example is the destination's own.
        const auto *url = window->findChild<QLineEdit *>(QStringLiteral("connectionUrl"));
        QVERIFY(url);
        QVERIFY2(url->placeholderText().contains(QStringLiteral("sqlite:////")), qPrintable(url->placeholderText()));

        // A configured destination, as the README's screenshot shows it: URL pasted, saved.
        picker->setCurrentType(QStringLiteral("warehouse"));
        QVERIFY2(url->placeholderText().contains(QStringLiteral("postgresql://loader:password@localhost:5432/")),
                 qPrintable(url->placeholderText()));
        QCOMPARE(editor->form()->pasteUrl(
                     QStringLiteral("postgresql://loader:hunter2@db.example.org:5432/dlt_data?sslmode=require")),
                 QString());
        QCOMPARE(editor->save(), QString());
        QCOMPARE(picker->location(), QStringLiteral("postgresql://loader:***@db.example.org:5432/dlt_data"));
        QTest::qWait(100); // new form rows are shown by a queued call
        QVERIFY(!window->grab().isNull());
        if (!qEnvironmentVariableIsEmpty("WHARF_SCREENSHOT"))
            window->grab().save(qEnvironmentVariable("WHARF_SCREENSHOT"), "PNG");

        // The options below the credentials: scrolled to, each labelled, as a user finds them.
        QScrollArea *scroll = nullptr;
        for (QScrollArea *area : editor->findChildren<QScrollArea *>())
            if (area->isVisible() && area->widget() && area->widget()->findChild<QLabel *>())
                scroll = area;
        QVERIFY(scroll);
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
        QTest::qWait(50);
        for (const QString &label : {QStringLiteral("Indexes after rows"), QStringLiteral("Copy format")}) {
            QLabel *found = nullptr;
            for (QLabel *l : scroll->widget()->findChildren<QLabel *>())
                if (l->text().startsWith(label))
                    found = l;
            QVERIFY2(found, qPrintable(label));
            QVERIFY2(found->isVisible(), qPrintable(label));
        }
        wharf::test::saveScreenshot(window.get(), QStringLiteral("-options"));
    }
};

int main(int argc, char **argv)
{
    return wharf::test::runGuiTest<TestDestinationEditor>(argc, argv);
}

#include "tst_DestinationEditor.moc"
