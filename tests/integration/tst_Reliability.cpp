// Issue 9 on whole packages, on SQLite and PostgreSQL: the `wharf` binary killed at named points
// of a job's life (core/load/CrashPoint.h), failed jobs across interrupted runs, two loaders on
// one package, hostile package contents. Every case checks the rows, not only the exit code.
#include "LoadTarget.h"
#include "PgTestSupport.h"
#include "SqliteProbe.h"
#include "TestSupport.h"
#include "load/CrashPoint.h"
#include "package/PackageLock.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace wharf;
using namespace wharf::test;

namespace {

const QString kPackage = QStringLiteral("1795476037.8625736"); // gh_issues_insert_values

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// Two label rows that the schema of gh_issues_insert_values accepts.
QByteArray labelRows(bool broken)
{
    return QByteArrayLiteral("{\"id\":900001,\"name\":\"fixed-a\",\"_dlt_parent_id\":\"p1\",\"_dlt_list_idx\":0,"
                             "\"_dlt_id\":\"reliability_fix_1\"}\n") +
           (broken ? QByteArrayLiteral("[1,2]\n")
                   : QByteArrayLiteral("{\"id\":900002,\"name\":\"fixed-b\",\"_dlt_parent_id\":\"p1\","
                                       "\"_dlt_list_idx\":1,\"_dlt_id\":\"reliability_fix_2\"}\n"));
}

// `count` extra jsonl jobs of `rows` label rows each, with unique _dlt_ids: a package that
// takes a few seconds to load.
bool addLabelJobs(const QString &pkg, int count, int rows)
{
    for (int k = 0; k < count; ++k) {
        QByteArray data;
        for (int r = 0; r < rows; ++r)
            data += QStringLiteral("{\"id\":%1,\"name\":\"gen-%2\",\"_dlt_parent_id\":\"p\",\"_dlt_list_idx\":%3,"
                                   "\"_dlt_id\":\"gen_%2_%3\"}\n")
                        .arg(k * rows + r)
                        .arg(k)
                        .arg(r)
                        .toUtf8();
        if (!writeFile(QDir(pkg).filePath(
                           QStringLiteral("new_jobs/issues__labels.gen%1.0.jsonl").arg(k, 5, 10, QLatin1Char('0'))),
                       data))
            return false;
    }
    return true;
}

} // namespace

class tst_Reliability : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_serial = 0;

    void addTargets()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }
    /// A fresh work folder and dataset; fails (or, outside CI, skips) PostgreSQL rows when no
    /// server is configured.
    bool target(const QString &type, LoadTarget &t)
    {
        if (type == QLatin1String("postgres") && pg::testPg().isEmpty()) {
            if (qEnvironmentVariableIsSet("CI"))
                qFatal("WHARF_TEST_PG is not set under CI: the PostgreSQL tests cannot run");
            return false;
        }
        t.type = type;
        t.dataset = QStringLiteral("wharf_rel_%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_serial);
        t.work = freshDir(m_tmp.path(), t.dataset);
        t.drop();
        return true;
    }
    void expectCompleteRows(const LoadTarget &t, qint64 labels = 34)
    {
        QCOMPARE(t.count(QStringLiteral("issues")), qint64(100));
        QCOMPARE(t.count(QStringLiteral("issues__assignees")), qint64(31));
        QCOMPARE(t.count(QStringLiteral("issues__labels")), labels);
        QCOMPARE(t.count(QStringLiteral("_dlt_pipeline_state")), qint64(1));
        QCOMPARE(t.count(QStringLiteral("_dlt_loads")), qint64(1));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(crashPointsCompiled(), "the crash tests need a build with WHARF_CRASH_HOOKS (not Release)");
    }

    // A job fails terminally, then the run is killed; the next run must not call the package
    // LOADED. After the file is fixed, `wharf retry` loads it to the end, every row once.
    void failedJobThenKillIsNeverLoaded_data() { addTargets(); }
    void failedJobThenKillIsNeverLoaded()
    {
        QFETCH(QString, type);
        LoadTarget t;
        if (!target(type, t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, "gh_issues_insert_values");
        const QString pkg = QDir(root).filePath(kPackage);
        const QString bad = QStringLiteral("issues__labels.badjson001.0.jsonl");
        QVERIFY(writeFile(QDir(pkg).filePath("new_jobs/" + bad), labelRows(true)));

        QMap<QString, QString> env = t.env();
        env.insert("WHARF_CRASH_AT", "after-fail");
        CliResult r = runWharf(t.args("load", root) << "--workers"
                                                    << "1",
                               t.work, env);
        QVERIFY2(r.exitCode == -2, qPrintable("expected a crash: " + r.all()));
        QVERIFY(QFile::exists(QDir(pkg).filePath("failed_jobs/" + bad)));
        QVERIFY(!QFile::exists(QDir(pkg).filePath("package_completed.json")));

        r = runWharf(t.args("load", root), t.work, t.env());
        QVERIFY2(r.exitCode == 1, qPrintable(r.all()));
        QVERIFY2(r.out.contains("is ABORTED") && r.out.contains(bad), qPrintable(r.all()));
        QVERIFY2(!r.out.contains(" is LOADED"), qPrintable(r.all()));
        QCOMPARE(t.count("_dlt_loads"), qint64(0));
        QCOMPARE(t.count("issues"), qint64(100));
        QCOMPARE(t.count("issues__labels"), qint64(34));

        // Loading again is refused with a hint; retry after the fix finishes the package.
        r = runWharf(t.args("load", root), t.work, t.env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.all().contains("wharf retry"), qPrintable(r.all()));
        QVERIFY(writeFile(QDir(pkg).filePath("failed_jobs/" + bad), labelRows(false)));
        r = runWharf(t.args("retry", root), t.work, t.env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains("is LOADED and contains no failed jobs"), qPrintable(r.all()));
        expectCompleteRows(t, 36);
        QCOMPARE(t.ledgerRows(), qint64(0)); // pruned once the package is loaded
        t.drop();
    }

    // Killed at each named point of a job's life, then run again: every row exactly once.
    void killedAtEachPointResumesExactlyOnce_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("point");
        for (const char *type : {"sqlite", "postgres"})
            for (const char *point : {"after-commit:2", "after-pending-transition:2", "after-move:3",
                                      "after-complete-load", "after-ledger-cleared"})
                QTest::addRow("%s %s", type, point) << QString::fromLatin1(type) << QString::fromLatin1(point);
    }
    void killedAtEachPointResumesExactlyOnce()
    {
        QFETCH(QString, type);
        QFETCH(QString, point);
        LoadTarget t;
        if (!target(type, t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, "gh_issues_insert_values");
        QMap<QString, QString> env = t.env();
        env.insert("WHARF_CRASH_AT", point);
        CliResult r = runWharf(t.args("load", root) << "--workers"
                                                    << "1",
                               t.work, env);
        QVERIFY2(r.exitCode == -2, qPrintable("expected a crash: " + r.all()));
        r = runWharf(t.args("load", root), t.work, t.env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains("is LOADED and contains no failed jobs"), qPrintable(r.all()));
        if (point.startsWith("after-commit"))
            QVERIFY2(r.err.contains("already loaded (the job ledger has it)"), qPrintable(r.all()));
        expectCompleteRows(t);
        QCOMPARE(t.ledgerRows(), qint64(0));
        t.drop();
    }

    // A merge package killed right after its merge SQL committed: the merge is not applied twice.
    void killedAfterMergeFollowUp_data() { addTargets(); }
    void killedAfterMergeFollowUp()
    {
        QFETCH(QString, type);
        LoadTarget t;
        if (!target(type, t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        for (const char *step : {"gh_issues_merge_step1", "gh_issues_merge_step2"}) {
            const QString root = copyPackage(t.work, step);
            QMap<QString, QString> env = t.env();
            env.insert("WHARF_CRASH_AT", "after-followup");
            CliResult r = runWharf(t.args("load", root), t.work, env);
            QVERIFY2(r.exitCode == -2, qPrintable("expected a crash: " + r.all()));
            r = runWharf(t.args("load", root), t.work, t.env());
            QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
            QFile f(dataPath(QStringLiteral("expected/%1/counts.json").arg(step)));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QJsonObject all = QJsonDocument::fromJson(f.readAll()).object();
            for (auto it = all.begin(); it != all.end(); ++it) {
                QString dataset = it.key().section('.', 0, 0);
                dataset.replace(QStringLiteral("gh_issues_merge"), t.dataset);
                const qint64 have = t.count(it.key().section('.', 1), dataset);
                QVERIFY2(have == it.value().toInt(), qPrintable(QStringLiteral("%1 after %2: %3 rows, dlt had %4")
                                                                    .arg(it.key(), step)
                                                                    .arg(have)
                                                                    .arg(it.value().toInt())));
            }
        }
        t.drop();
    }

    // A merge whose nested job fails: the chain's merge runs without it and the package ends
    // ABORTED. The file is put right and `wharf retry` loads the job: the merge runs again (its
    // ledger key names the jobs it merged), so the retried rows reach the final table too.
    void retriedJobOfAMergeIsMerged_data() { addTargets(); }
    void retriedJobOfAMergeIsMerged()
    {
        QFETCH(QString, type);
        LoadTarget t;
        if (!target(type, t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString step = QStringLiteral("gh_issues_merge_step1");
        const QString root = copyPackage(t.work, step);
        const QString loadDir = pg::loadIdDir(root);
        const QString labels = QStringLiteral("issues__labels.3825ce69bc.0.insert_values.gz");
        const QString good = QDir(t.work).filePath(QStringLiteral("labels.good"));
        QVERIFY(QFile::copy(loadDir + QStringLiteral("/new_jobs/") + labels, good));
        QVERIFY(QFile::remove(loadDir + QStringLiteral("/new_jobs/") + labels));
        QVERIFY(writeFile(loadDir + QStringLiteral("/new_jobs/") + labels, QByteArray("not gzip at all")));
        CliResult r = runWharf(t.args("load", root), t.work, t.env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("is ABORTED"), qPrintable(r.all()));
        QCOMPARE(t.count("issues__labels"), qint64(0));

        const QString failed = loadDir + QStringLiteral("/failed_jobs/") + labels;
        QVERIFY(QFile::remove(failed));
        QVERIFY(QFile::copy(good, failed));
        r = runWharf(t.args("retry", root), t.work, t.env());
        QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED"), qPrintable(r.all()));
        QFile f(dataPath(QStringLiteral("expected/%1/counts.json").arg(step)));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject all = QJsonDocument::fromJson(f.readAll()).object();
        for (const char *table : {"issues", "issues__assignees", "issues__labels"})
            QCOMPARE(t.count(QLatin1String(table)),
                     qint64(all.value(QStringLiteral("gh_issues_merge.") + table).toInt()));
        t.drop();
    }

    // A staging-optimized replace swaps its staging tables in, so they are gone afterwards. A
    // job of the chain that failed must keep the swap from happening: `wharf retry` then loads
    // it into the staging tables beside the rows the others left there, and the swap brings
    // every row in. (Swapped without it, the retry would replace the table with its rows only.)
    void retriedJobOfAStagingOptimizedReplaceKeepsTheOthers()
    {
        LoadTarget t;
        if (!target(QStringLiteral("postgres"), t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString first = QStringLiteral("replace_staging_optimized_step1");
        const QString second = QStringLiteral("replace_staging_optimized_step2");
        QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/") + first), QDir(t.work).filePath(first)));
        CliResult r = runWharf(t.args("load", QDir(t.work).filePath(first)), t.work, t.envFor(first));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const qint64 productsBefore = t.count(QStringLiteral("products"));
        const qint64 tagsBefore = t.count(QStringLiteral("products__tags"));
        QVERIFY(productsBefore > 0 && tagsBefore > 0);

        const QString root = QDir(t.work).filePath(second);
        QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/") + second), root));
        const QString loadDir = pg::loadIdDir(root);
        const QString tags = QStringLiteral("products__tags.090cca6b3d.0.insert_values.gz");
        const QString good = QDir(t.work).filePath(QStringLiteral("tags.good"));
        QVERIFY(QFile::rename(loadDir + QStringLiteral("/new_jobs/") + tags, good));
        QVERIFY(writeFile(loadDir + QStringLiteral("/new_jobs/") + tags, QByteArray("not gzip at all")));
        r = runWharf(t.args("load", root), t.work, t.envFor(second));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("is ABORTED"), qPrintable(r.all()));
        // Not loaded: the tables still hold the first package's rows, not half of the second's.
        QCOMPARE(t.count(QStringLiteral("products")), productsBefore);
        QCOMPARE(t.count(QStringLiteral("products__tags")), tagsBefore);

        const QString failed = loadDir + QStringLiteral("/failed_jobs/") + tags;
        QVERIFY(QFile::remove(failed));
        QVERIFY(QFile::copy(good, failed));
        r = runWharf(t.args("retry", root), t.work, t.envFor(second));
        QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED"), qPrintable(r.all()));
        const QJsonObject counts = pg::readJson(dataPath(QStringLiteral("dlt/expected/%1/counts.json").arg(second)));
        for (const char *table : {"products", "products__tags", "products__notes"})
            QCOMPARE(t.count(QLatin1String(table)),
                     qint64(counts.value(QStringLiteral("replace_staging_optimized.") + table).toInteger()));
        t.drop();
    }

    // Every strategy's follow-up is recorded in the ledger with its own transaction: killed right
    // after it committed, the rerun does not apply it again. scd2 would retire and re-insert,
    // staging-optimized would swap an empty staging table in, upsert is harmless: the counts
    // after every step must equal what the real dlt left (tests/data/dlt).
    void killedAfterEachStrategysFollowUp_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("lastPackage");
        for (const char *type : {"sqlite", "postgres"})
            for (const char *last :
                 {"scd2_default_step3", "replace_insert_from_staging_step2", "merge_deduplicated_step2"})
                QTest::addRow("%s %s", type, last) << QString::fromLatin1(type) << QString::fromLatin1(last);
        for (const char *last : {"replace_staging_optimized_step2", "merge_upsert_step2"})
            QTest::addRow("postgres %s", last) << QStringLiteral("postgres") << QString::fromLatin1(last);
    }
    void killedAfterEachStrategysFollowUp()
    {
        QFETCH(QString, type);
        QFETCH(QString, lastPackage);
        LoadTarget t;
        if (!target(type, t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString dltDataset = dltPackageInfo(lastPackage).value("dataset_name").toString();
        for (const QJsonValue &step : dltPackageInfo(lastPackage).value("packages_in_order").toArray()) {
            const QString package = step.toString();
            const QString root = QDir(t.work).filePath(package);
            QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/") + package), root));
            const QMap<QString, QString> env = t.envFor(package);
            QMap<QString, QString> crash = env;
            crash.insert("WHARF_CRASH_AT", "after-followup");
            CliResult r = runWharf(t.args("load", root), t.work, crash);
            QVERIFY2(r.exitCode == -2, qPrintable("expected a crash: " + r.all()));
            r = runWharf(t.args("load", root), t.work, env);
            QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
            const QJsonObject counts =
                pg::readJson(dataPath(QStringLiteral("dlt/expected/%1/counts.json").arg(package)));
            QVERIFY(!counts.isEmpty());
            for (auto it = counts.begin(); it != counts.end(); ++it) {
                QString dataset = it.key().section('.', 0, 0);
                dataset = dataset == dltDataset ? t.dataset : t.dataset + QStringLiteral("_staging");
                const qint64 have = t.count(it.key().section('.', 1), dataset);
                QVERIFY2(have == it.value().toInteger(), qPrintable(QStringLiteral("%1 after %2: %3 rows, dlt had %4")
                                                                        .arg(it.key(), package)
                                                                        .arg(have)
                                                                        .arg(it.value().toInteger())));
            }
        }
        t.drop();
    }

    // A package held by another loader is refused at once, naming the holder; nothing loads.
    void heldPackageIsRefused_data() { addTargets(); }
    void heldPackageIsRefused()
    {
        QFETCH(QString, type);
        LoadTarget t;
        if (!target(type, t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, "gh_issues_insert_values");
        const QString pkg = QDir(root).filePath(kPackage);
        {
            PackageLock held = PackageLock::acquire(pkg);
            const CliResult r = runWharf(t.args("load", root), t.work, t.env());
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(
                r.all().contains(QStringLiteral("is being loaded by pid %1").arg(QCoreApplication::applicationPid())),
                qPrintable(r.all()));
            QCOMPARE(t.count("issues"), qint64(-1)); // nothing created
            const CliResult a = runWharf({"abort", pkg}, t.work);
            QCOMPARE(a.exitCode, 1);
            QVERIFY(!QFile::exists(QDir(pkg).filePath("package_completed.json")));
        }
        const CliResult r = runWharf(t.args("load", root), t.work, t.env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY(!QFile::exists(QDir(pkg).filePath(PackageLock::fileName())));
        expectCompleteRows(t);
        t.drop();
    }

    // Two loaders started together: one loads, the other refuses or finds it loaded.
    void twoLoadersAtOnce_data() { addTargets(); }
    void twoLoadersAtOnce()
    {
        QFETCH(QString, type);
        LoadTarget t;
        if (!target(type, t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        for (int k = 0; k < 3; ++k) {
            const QString pkg = copyPackage(t.work, "gh_issues_insert_values", QStringLiteral("round%1").arg(k));
            LoadTarget round = t;
            round.dataset = t.dataset + QStringLiteral("_r%1").arg(k);
            const QStringList args = round.args("load", pkg);
            const auto a = round.start(args);
            const auto b = round.start(args);
            QVERIFY(a->waitForFinished(60000) && b->waitForFinished(60000));
            const QString outA = QString::fromUtf8(a->readAll());
            const QString outB = QString::fromUtf8(b->readAll());
            QVERIFY2(a->exitCode() == 0 || b->exitCode() == 0, qPrintable(outA + outB));
            for (const QString &out : {outA, outB})
                QVERIFY2(out.contains("is LOADED") || out.contains("is being loaded by") ||
                             out.contains("is already"), // "already completed" (CLI) or "already loaded" (loader)
                         qPrintable(out));
            expectCompleteRows(round);
            round.drop();
        }
        t.drop();
    }

    // The server ends Wharf's sessions while it loads (pg_terminate_backend, again and again,
    // or an idle_session_timeout far shorter than the load): the same run ends LOADED, rows exact.
    void connectionsHeal_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("terminated backends") << "terminate";
        QTest::newRow("idle_session_timeout 300 ms") << "idle";
    }
    void connectionsHeal()
    {
        QFETCH(QString, fault);
        LoadTarget t;
        if (!target(QStringLiteral("postgres"), t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, "gh_issues_insert_values");
        const QString pkg = QDir(root).filePath(kPackage);
        const int jobs = 40;
        // The idle timeout must fall inside the load: with one worker the coordinator's session
        // idles while the jobs run, so they must take well over 300 ms (12000 rows a job took
        // 0.35-0.5 s here, and a quick run then saw no session ended).
        const int rows = fault == "idle" ? 30000 : 4000;
        QVERIFY(addLabelJobs(pkg, jobs, rows));
        // Our own application_name, so that only this load's sessions are ended.
        t.appName = QStringLiteral("wharf_heal_%1").arg(t.dataset);
        const QString app = t.appName;
        QStringList args = t.args("load", root);
        QMap<QString, QString> extra;
        if (fault == "idle") {
            args << "--workers"
                 << "1";
            extra.insert("DESTINATION__POSTGRES__CREDENTIALS",
                         t.env().value("DESTINATION__POSTGRES__CREDENTIALS") +
                             QStringLiteral("&options=-c%20idle_session_timeout%3D300"));
        }
        const auto process = t.start(args, extra);
        QProcess &wharf = *process;
        QVERIFY(wharf.waitForStarted());
        int terminated = 0;
        QElapsedTimer clock;
        clock.start();
        while (!wharf.waitForFinished(150) && clock.elapsed() < 120000) {
            if (fault == "terminate" && terminated < 6)
                terminated += pg::psqlValue(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM "
                                                           "pg_stat_activity WHERE application_name = '%1'")
                                                .arg(app))
                                  .toInt();
        }
        const QString out = QString::fromUtf8(wharf.readAll());
        const QString &err = out;
        QVERIFY2(wharf.exitStatus() == QProcess::NormalExit && wharf.exitCode() == 0, qPrintable(out + err));
        QVERIFY2(out.contains("is LOADED and contains no failed jobs"), qPrintable(out + err));
        if (fault == "terminate")
            QVERIFY2(terminated > 0, "no session was ended: the load was too quick to test anything");
        QVERIFY2(err.contains("reconnecting") || err.contains("trying again") || err.contains("lost the"),
                 qPrintable(err));
        expectCompleteRows(t, 34 + jobs * rows);
        QCOMPARE(pg::psqlValue(
                     QStringLiteral("SELECT count(*) - count(DISTINCT _dlt_id) FROM %1.issues__labels").arg(t.dataset)),
                 QStringLiteral("0"));
        t.drop();
    }

    // More workers asked for than the server has connections (max_connections is 100 on the
    // test server): the load runs as many jobs at once as the server takes, and ends LOADED.
    void workersAreCappedByTheServer()
    {
        LoadTarget t;
        if (!target(QStringLiteral("postgres"), t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const int max = pg::psqlValue(QStringLiteral("SHOW max_connections")).toInt();
        QVERIFY(max > 5);
        const QString root = copyPackage(t.work, "gh_issues_insert_values");
        QVERIFY(addLabelJobs(QDir(root).filePath(kPackage), max + 20, 10));
        const CliResult r =
            runWharf(t.args("load", root) << "--workers" << QString::number(max + 100), t.work, t.env());
        QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED and contains no failed jobs"), qPrintable(r.all()));
        const QRegularExpression said(
            QStringLiteral("the server accepts (\\d+) more connection\\(s\\): (\\d+) job\\(s\\) at once"));
        const QRegularExpressionMatch m = said.match(r.all());
        QVERIFY2(m.hasMatch(), qPrintable(r.all()));
        QVERIFY(m.captured(2).toInt() < m.captured(1).toInt());
        QVERIFY(m.captured(1).toInt() < max);
        QVERIFY2(!r.all().contains("too many clients"), qPrintable(r.all()));
        expectCompleteRows(t, 34 + (max + 20) * 10);
        t.drop();
    }

    // Ctrl+C while the server has stopped answering (its sessions frozen with SIGSTOP): Wharf
    // returns within about 2 s, says the package is not loaded, and a later run loads it exactly.
    void cancelWithAFrozenServer()
    {
        LoadTarget t;
        if (!target(QStringLiteral("postgres"), t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, "gh_issues_insert_values");
        // Jobs long enough that a poll of pg_stat_activity finds one running (CI once saw none).
        QVERIFY(addLabelJobs(QDir(root).filePath(kPackage), 40, 20000));
        t.appName = QStringLiteral("wharf_frozen_%1").arg(t.dataset);
        const QString app = t.appName;
        // One worker: every session of the load exists once its first job runs, so freezing the
        // sessions seen then freezes the whole load (with 20 workers, later sessions escaped the
        // freeze and finished the load under a busy CI).
        const auto process = t.start(t.args("load", root) + QStringList{"--workers", "1"});
        QProcess &wharf = *process;
        QVERIFY(wharf.waitForStarted());
        // Freeze the sessions once a job is running in one of them.
        QStringList pids;
        QElapsedTimer clock;
        clock.start();
        // waitForFinished(0) lets QProcess notice an exit (without an event loop it would not).
        while (pids.isEmpty() && clock.elapsed() < 20000 && !wharf.waitForFinished(0))
            pids = pg::psqlLines(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE application_name = '%1' AND "
                                                "state = 'active' AND query LIKE 'COPY%'")
                                     .arg(app));
        QVERIFY2(!pids.isEmpty(), qPrintable(QStringLiteral("no job was seen running in %1 ms (wharf %2): ")
                                                 .arg(clock.elapsed())
                                                 .arg(wharf.state() == QProcess::Running ? "still running" : "ended") +
                                             QString::fromUtf8(wharf.readAll())));
        const QStringList all =
            pg::psqlLines(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE application_name = '%1'").arg(app));
        QList<pid_t> sessions;
        for (const QString &pid : all) {
            bool ok = false;
            const int n = pid.toInt(&ok);
            QVERIFY2(ok && n > 1, qPrintable("not a backend pid: " + pid)); // never kill(0) or kill(1)
            sessions.append(pid_t(n));
        }
        for (const pid_t pid : sessions)
            QVERIFY2(::kill(pid, SIGSTOP) == 0, "cannot freeze a PostgreSQL session (run the tests as root)");
        QTest::qWait(300);
        clock.restart();
        const qint64 wharfPid = wharf.processId();
        QVERIFY2(wharfPid > 1, "wharf ended before it could be interrupted");
        ::kill(pid_t(wharfPid), SIGINT);
        const bool ended = wharf.waitForFinished(10000);
        const qint64 took = clock.elapsed();
        for (const pid_t pid : sessions)
            ::kill(pid, SIGCONT);
        pg::psql(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '%1'")
                     .arg(app));
        const QString out = QString::fromUtf8(wharf.readAll());
        QVERIFY2(ended && took < 3000, qPrintable(QStringLiteral("Ctrl+C took %1 ms\n").arg(took) + out));
        QCOMPARE(wharf.exitCode(), 1);
        QVERIFY2(out.contains("NOT YET LOADED") || out.contains("cancelled"), qPrintable(out));
        QVERIFY2(out.contains("does not answer the cancel"), qPrintable(out)); // the frozen job was given up on
        const CliResult r = runWharf(t.args("load", root), t.work, t.env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        expectCompleteRows(t, 34 + 40 * 20000);
        t.drop();
    }

    // Text a UTF-8 database cannot keep (a NUL byte, invalid UTF-8) fails its job on SQLite as it
    // does on PostgreSQL, naming the file; nothing of that job is committed.
    void unstorableTextFailsTheJob_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        for (const char *type : {"sqlite", "postgres"}) {
            QTest::addRow("%s NUL in jsonl", type)
                << QString::fromLatin1(type) << "issues__labels.nulbyte001.0.jsonl"
                << QByteArray("{\"id\":1,\"name\":\"a\\u0000b\",\"_dlt_parent_id\":\"p\",\"_dlt_list_idx\":0,"
                              "\"_dlt_id\":\"nul_1\"}\n");
            QTest::addRow("%s latin-1 in csv", type)
                << QString::fromLatin1(type) << "issues__labels.latin1csv1.0.csv"
                << QByteArray("id,name,_dlt_parent_id,_dlt_list_idx,_dlt_id\n1,caf\xe9,p,0,latin_1\n");
        }
    }
    void unstorableTextFailsTheJob()
    {
        QFETCH(QString, type);
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        LoadTarget t;
        if (!target(type, t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, "gh_issues_insert_values");
        QVERIFY(writeFile(QDir(root).filePath(kPackage + "/new_jobs/" + fileName), content));
        const CliResult r = runWharf(t.args("load", root), t.work, t.env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("is ABORTED") && r.out.contains(fileName), qPrintable(r.all()));
        QCOMPARE(t.count("issues__labels"), qint64(34)); // the good job only
        t.drop();
    }

    // Ctrl+C while the coordinator itself waits on the server (here: for a lock on _dlt_loads
    // that another session holds): its own statement is cancelled too, and Wharf returns.
    void cancelWhileTheCoordinatorWaits()
    {
        LoadTarget t;
        if (!target(QStringLiteral("postgres"), t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        QCOMPARE(runWharf(t.args("load", copyPackage(t.work, "gh_issues_insert_values")), t.work, t.env()).exitCode, 0);
        const QString second = copyPackage(t.work, "gh_issues_csv");
        QProcess holder;
        holder.start(QStringLiteral("psql"),
                     {pg::testPg(), QStringLiteral("-qAtX"), QStringLiteral("-c"),
                      QStringLiteral("BEGIN; LOCK TABLE %1._dlt_loads IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60);")
                          .arg(t.dataset)});
        QVERIFY(holder.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            pg::psqlValue(QStringLiteral("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = "
                                         "l.relation WHERE c.relname = '_dlt_loads' AND l.granted "
                                         "AND l.mode = 'AccessExclusiveLock'")) != "0",
            10000);
        t.appName = QStringLiteral("wharf_wait_%1").arg(t.dataset);
        const QString app = t.appName;
        const auto process = t.start(t.args("load", second));
        QProcess &wharf = *process;
        QVERIFY(wharf.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(pg::psqlValue(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                                              "application_name = '%1' AND wait_event_type = 'Lock'")
                                                   .arg(app)) == "1",
                                 20000);
        const qint64 wharfPid = wharf.processId();
        QVERIFY(wharfPid > 1);
        QElapsedTimer clock;
        clock.start();
        ::kill(pid_t(wharfPid), SIGINT);
        const bool ended = wharf.waitForFinished(10000);
        const qint64 took = clock.elapsed();
        holder.kill();
        holder.waitForFinished();
        pg::psql(
            QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%%pg_sleep(60)%%' "
                           "AND pid <> pg_backend_pid()"));
        const QString out = QString::fromUtf8(wharf.readAll());
        QVERIFY2(ended && took < 3000, qPrintable(QStringLiteral("Ctrl+C took %1 ms\n").arg(took) + out));
        QCOMPARE(wharf.exitCode(), 1);
        QVERIFY2(out.contains("NOT YET LOADED"), qPrintable(out));
        QCOMPARE(t.count("_dlt_loads"), qint64(1)); // the first package only
        const CliResult r = runWharf(t.args("load", second), t.work, t.env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(t.count("_dlt_loads"), qint64(2));
        QCOMPARE(t.count("issues"), qint64(200));
        t.drop();
    }

    // load_method = "insert" never runs file text: a file with a second statement after its
    // rows fails as a bad file, and the statement it carried never reaches the server.
    void insertPathRunsOnlyParsedRows()
    {
        LoadTarget t;
        if (!target(QStringLiteral("postgres"), t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, "gh_issues_insert_values");
        const QString bad = QStringLiteral("issues__labels.sqltext001.0.insert_values");
        QVERIFY(writeFile(
            QDir(root).filePath(kPackage + "/new_jobs/" + bad),
            QStringLiteral("INSERT INTO {}(\"id\",\"name\",\"_dlt_parent_id\",\"_dlt_list_idx\",\"_dlt_id\")\n"
                           "VALUES\n(1,'a','p',0,'sql_1');\nDROP TABLE %1.issues;\n")
                .arg(t.dataset)
                .toUtf8()));
        QMap<QString, QString> env = t.env();
        env.insert("DESTINATION__POSTGRES__LOAD_METHOD", "insert");
        const CliResult r = runWharf(t.args("load", root) << "--workers"
                                                          << "1",
                                     t.work, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(bad) && r.out.contains("after the final ';'"), qPrintable(r.all()));
        QCOMPARE(t.count("issues"), qint64(100)); // still there, with its rows
        QCOMPARE(t.count("issues__labels"), qint64(34));
        t.drop();
    }

    // Hostile package contents: a clear error naming the culprit, no crash, nothing committed.
    void hostilePackagesAreRefused_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("needle");
        for (const char *type : {"sqlite", "postgres"}) {
            QTest::addRow("%s parent loop", type) << QString::fromLatin1(type) << "loop"
                                                  << "form a loop";
            QTest::addRow("%s folder in new_jobs", type) << QString::fromLatin1(type) << "dir"
                                                         << "holds a folder";
            QTest::addRow("%s dangling link in new_jobs", type) << QString::fromLatin1(type) << "link"
                                                                << "symbolic link";
        }
    }
    void hostilePackagesAreRefused()
    {
        QFETCH(QString, type);
        QFETCH(QString, kind);
        QFETCH(QString, needle);
        LoadTarget t;
        if (!target(type, t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, "gh_issues_insert_values");
        const QString pkg = QDir(root).filePath(kPackage);
        QString culprit;
        if (kind == "loop") {
            culprit = QDir(pkg).filePath("schema.json");
            QFile f(culprit);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QJsonObject schema = QJsonDocument::fromJson(f.readAll()).object();
            f.close();
            QJsonObject tables = schema["tables"].toObject();
            QJsonObject issues = tables["issues"].toObject();
            issues["parent"] = "issues__labels";
            tables["issues"] = issues;
            schema["tables"] = tables;
            QVERIFY(writeFile(culprit, QJsonDocument(schema).toJson()));
        } else if (kind == "dir") {
            culprit = QDir(pkg).filePath("new_jobs/issues.folder0001.0.insert_values");
            QVERIFY(QDir().mkpath(culprit));
        } else {
            culprit = QDir(pkg).filePath("new_jobs/issues.dangling01.0.insert_values");
            QVERIFY(QFile::link(QDir(pkg).filePath("no-such-file"), culprit));
        }
        const CliResult r = runWharf(t.args("load", root), t.work, t.env());
        QVERIFY2(r.exitCode == 1, qPrintable(r.all()));
        QVERIFY2(r.all().contains(needle) && r.all().contains(culprit), qPrintable(r.all()));
        QVERIFY2(!r.out.contains(" is LOADED"), qPrintable(r.all()));
        QCOMPARE(t.count("issues"), qint64(-1));
        QCOMPARE(t.count("_dlt_loads"), qint64(-1));
        t.drop();
    }
};

QTEST_GUILESS_MAIN(tst_Reliability)
#include "tst_Reliability.moc"
