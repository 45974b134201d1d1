// The cases of tests/dlt/dlt_cases.py, which the real dlt 1.26 extracted, normalized and loaded
// itself (tests/data/dlt): Wharf loads the same packages, step after step, and must leave what
// dlt left - on PostgreSQL row for row (counts, checksums, columns, as compare_pg.py checks), on
// SQLite the same counts.
#include "LoadTarget.h"
#include "PgTestSupport.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf::test;

namespace {

QJsonObject packageInfo(const QString &package)
{
    return pg::readJson(dataPath(QStringLiteral("dlt/packages/%1/package_info.json").arg(package)));
}

} // namespace

class tst_DltCases : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

private slots:
    void matchesDlt_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("lastPackage");
        // One row per case and destination, named after the case's last package.
        for (const char *type : {"sqlite", "postgres"})
            for (const char *last : {"merge_hard_delete_step2"})
                QTest::addRow("%s %s", type, last) << QString::fromLatin1(type) << QString::fromLatin1(last);
    }
    void matchesDlt()
    {
        QFETCH(QString, type);
        QFETCH(QString, lastPackage);
        if (type == QLatin1String("postgres") && pg::testPg().isEmpty()) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("WHARF_TEST_PG is not set under CI");
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        }
        const QJsonObject last = packageInfo(lastPackage);
        LoadTarget t;
        t.type = type;
        t.dataset = last.value("dataset_name").toString();
        t.work = freshDir(m_tmp.path(), type + lastPackage);
        t.drop();
        for (const QJsonValue &step : last.value("packages_in_order").toArray()) {
            const QString package = step.toString();
            const QString root = QDir(t.work).filePath(package);
            QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/") + package), root));
            QMap<QString, QString> env = t.env();
            const QJsonObject loadEnv = packageInfo(package).value("load_env").toObject();
            for (auto it = loadEnv.begin(); it != loadEnv.end(); ++it)
                env.insert(it.key(), it.value().toString());
            const CliResult r = runWharf(t.args("load", root), t.work, env);
            QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED and contains no failed jobs"), qPrintable(r.all()));
            // Every table of the final dataset as dlt counted it after this step.
            const QJsonObject counts =
                pg::readJson(dataPath(QStringLiteral("dlt/expected/%1/counts.json").arg(package)));
            QVERIFY(!counts.isEmpty());
            for (auto it = counts.begin(); it != counts.end(); ++it) {
                const QString dataset = it.key().section('.', 0, 0);
                if (dataset != t.dataset)
                    continue; // staging: Wharf's is its own
                const qint64 have = t.count(it.key().section('.', 1));
                QVERIFY2(have == it.value().toInteger(), qPrintable(QStringLiteral("%1 after %2: %3 rows, dlt had %4")
                                                                        .arg(it.key(), package)
                                                                        .arg(have)
                                                                        .arg(it.value().toInteger())));
            }
            if (type == QLatin1String("postgres")) {
                const QJsonObject schema = pg::readJson(pg::loadIdDir(root) + QStringLiteral("/schema.json"));
                // compareDataWithDlt reads tests/data/expected/<case>; these cases live in
                // tests/data/dlt/expected.
                const pg::Comparison c = pg::compareDataWithDlt("../dlt/expected/" + package, t.dataset, schema);
                if (!c.ok)
                    qWarning().noquote() << "\n" + c.report;
                QVERIFY2(c.ok, qPrintable(package + QStringLiteral(" differs from dlt's result: ") +
                                          c.report.section(QLatin1Char('\n'), -1)));
            }
        }
        t.drop();
    }
};

QTEST_GUILESS_MAIN(tst_DltCases)
#include "tst_DltCases.moc"
