// Destination plugins (core/destination/DestinationPlugin.h, PluginLoader.h): a plugin in
// WHARF_PLUGIN_PATH or ~/.local/share/wharf/plugins adds its destination types; one built for
// another SDK version, a library that is no plugin and a second plugin for a type already taken
// are reported and skipped, never loaded into a crash. The plugins are built by tests/plugins.
#include "SqliteProbe.h"
#include "TestSupport.h"
#include "destination/DestinationPlugin.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf::test;

namespace {

QString pluginDir()
{
    return qEnvironmentVariable("WHARF_TEST_PLUGINS");
}

// `wharf destinations --json`, by type (skipped plugins under "skipped:<file name>").
QMap<QString, QJsonObject> listed(const QString &work, const QMap<QString, QString> &env, CliResult *raw = nullptr)
{
    const CliResult r = runWharf({"destinations", "--json"}, work, env);
    if (raw)
        *raw = r;
    QMap<QString, QJsonObject> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        const QString key = o.value("type").isNull() ? "skipped:" + QFileInfo(o.value("origin").toString()).fileName()
                                                     : o.value("type").toString();
        out.insert(key, o);
    }
    return out;
}

} // namespace

class tst_Plugins : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

private slots:
    void initTestCase() { QVERIFY2(QDir(pluginDir()).exists("libwharf_test_plugin.so"), qPrintable(pluginDir())); }

    void pluginsAreListedAndBrokenOnesSkipped()
    {
        const QString work = freshDir(m_tmp.path(), "list");
        CliResult r;
        const auto all = listed(work, {{"WHARF_PLUGIN_PATH", pluginDir()}}, &r);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(all.contains("plugged_sqlite"), qPrintable(r.out));
        const QJsonObject plugged = all.value("plugged_sqlite");
        QCOMPARE(plugged.value("origin").toString(), QDir(pluginDir()).absoluteFilePath("libwharf_test_plugin.so"));
        QCOMPARE(plugged.value("sdk_version").toInt(), WHARF_SDK_VERSION);
        QVERIFY(plugged.value("formats").toArray().contains("typed-jsonl"));
        QCOMPARE(all.value("sqlite").value("origin").toString(), QStringLiteral("built-in"));
        // Reported, never loaded (its create() aborts) and never registered.
        QVERIFY(!all.contains("old_sdk"));
        QVERIFY2(
            all.value("skipped:libwharf_test_plugin_old_sdk.so")
                .value("problem")
                .toString()
                .contains("built for Wharf SDK version 0, this Wharf has version " QT_STRINGIFY(WHARF_SDK_VERSION)),
            qPrintable(r.out));
        QCOMPARE(all.value("skipped:libwharf_not_a_plugin.so").value("problem").toString(),
                 QStringLiteral("not a Qt plugin"));
        // The text form says the same to people.
        const CliResult text = runWharf({"destinations"}, work, {{"WHARF_PLUGIN_PATH", pluginDir()}});
        QVERIFY(text.out.contains("plugged_sqlite") && text.out.contains("skipped plugin") &&
                text.out.contains("not a Qt plugin"));
    }

    void aTypeTakenTwiceKeepsTheFirst()
    {
        // The same plugin in ~/.local/share/wharf/plugins too: WHARF_PLUGIN_PATH comes first.
        const QString work = freshDir(m_tmp.path(), "twice");
        const QString userPlugins = QDir(work).filePath(".home/.local/share/wharf/plugins");
        QVERIFY(QDir().mkpath(userPlugins));
        QVERIFY(QFile::copy(QDir(pluginDir()).filePath("libwharf_test_plugin.so"),
                            QDir(userPlugins).filePath("libwharf_test_plugin.so")));
        const auto all = listed(work, {{"WHARF_PLUGIN_PATH", pluginDir()}});
        QCOMPARE(all.value("plugged_sqlite").value("origin").toString(),
                 QDir(pluginDir()).absoluteFilePath("libwharf_test_plugin.so"));
        const QString problem = all.value("skipped:libwharf_test_plugin.so").value("problem").toString();
        QVERIFY2(problem.contains("already provided by"), qPrintable(problem));
        // Alone in the user folder, it is found there.
        const auto user = listed(work, {});
        QCOMPARE(user.value("plugged_sqlite").value("origin").toString(),
                 QDir(userPlugins).absoluteFilePath("libwharf_test_plugin.so"));
    }

    void aPluginDestinationLoadsPackages()
    {
        const QString work = freshDir(m_tmp.path(), "load");
        const QString root = QDir(work).filePath("pkg");
        QVERIFY(copyTree(dataPath("packages/gh_issues_insert_values"), root));
        const QString db = QDir(work).filePath("plugged.db");
        const QMap<QString, QString> env{{"WHARF_PLUGIN_PATH", pluginDir()},
                                         {"DESTINATION__PLUGGED_SQLITE__CREDENTIALS", "sqlite:///" + db}};
        const CliResult r = runWharf({"load", root, "--destination", "plugged_sqlite"}, work, env);
        QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED"), qPrintable(r.all()));
        QVERIFY2(r.out.contains("The plugged_sqlite destination used"), qPrintable(r.out));
        const SqliteProbe probe(QDir(work).filePath("plugged__gh_issues_insert_values.db"));
        QCOMPARE(probe.scalar("SELECT count(*) FROM issues").toInt(), 100);
        // Without the plugin the type is unknown, and says so.
        const CliResult none = runWharf({"load", root, "--destination", "plugged_sqlite"}, work,
                                        {{"DESTINATION__PLUGGED_SQLITE__CREDENTIALS", "sqlite:///" + db}});
        QVERIFY2(none.exitCode != 0 && none.all().contains("unknown destination type 'plugged_sqlite'"),
                 qPrintable(none.all()));
    }
};

QTEST_GUILESS_MAIN(tst_Plugins)
#include "tst_Plugins.moc"
