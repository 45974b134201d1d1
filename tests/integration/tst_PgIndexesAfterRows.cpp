// Issue 13: the tables a package creates on PostgreSQL get their UNIQUE constraints after their
// rows. The dataset must end exactly as with the constraints created with the table (pg_dump
// equal), a kill before they are added must not lose them, and rows that break a constraint must
// end as they end when the constraint is live: never LOADED, the rows that repeat named.
#include "LoadTarget.h"
#include "PgTestSupport.h"
#include "TestSupport.h"
#include "load/CrashPoint.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf;
using namespace wharf::test;

namespace {

const QString kPackage = QStringLiteral("1795476037.8625736"); // gh_issues_insert_values
const QString kIssuesJob = QStringLiteral("issues.8194f4afe9.0.insert_values.gz");
const QString kOffEnv = QStringLiteral("DESTINATION__POSTGRES__INDEXES_AFTER_ROWS");

QString constraintsOf(const QString &dataset)
{
    return pg::psqlValue(QStringLiteral("SELECT string_agg(conrelid::regclass::text || ' ' || conname || ' ' || "
                                        "pg_get_constraintdef(oid), '; ' ORDER BY conname) FROM pg_constraint "
                                        "WHERE connamespace = '%1'::regnamespace")
                             .arg(dataset))
        .replace(dataset + QLatin1Char('.'), QString());
}

QStringList ddlOf(const QString &dataset)
{
    const pg::ToolResult dump = pg::runTool(QStringLiteral("pg_dump"),
                                            {QStringLiteral("--dbname=") + pg::testPg(),
                                             QStringLiteral("--schema-only"), QStringLiteral("--schema=") + dataset});
    return pg::normalisedDdl(QString(dump.out).replace(dataset, QStringLiteral("DATASET")));
}

qint64 owedConstraints(const LoadTarget &t)
{
    return pg::psqlValue(
               QStringLiteral("SELECT count(*) FROM _wharf.job_ledger WHERE dataset_name = '%1' AND row_count = -1")
                   .arg(t.dataset))
        .toLongLong();
}

} // namespace

class tst_PgIndexesAfterRows : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_serial = 0;

    bool target(LoadTarget &t)
    {
        if (pg::testPg().isEmpty())
            return false;
        t.type = QStringLiteral("postgres");
        t.dataset = QStringLiteral("wharf_idx_%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_serial);
        t.work = freshDir(m_tmp.path(), t.dataset);
        t.drop();
        return true;
    }

    /// gh_issues_insert_values with a second job of the issues table that repeats every row
    /// (so every _dlt_id) of the first.
    QString packageWithRepeatedIssues(const LoadTarget &t)
    {
        const QString root = copyPackage(t.work, QStringLiteral("gh_issues_insert_values"));
        const QString jobs = QDir(root).filePath(kPackage + QStringLiteral("/new_jobs/"));
        QFile::copy(jobs + kIssuesJob, jobs + QStringLiteral("issues.aaaaaaaaaa.0.insert_values.gz"));
        return root;
    }

private slots:
    void initTestCase()
    {
        if (pg::testPg().isEmpty() && qEnvironmentVariableIsSet("CI"))
            QFAIL("WHARF_TEST_PG is not set under CI: the PostgreSQL tests cannot run");
        QVERIFY(m_tmp.isValid());
        QVERIFY2(crashPointsCompiled(), "the crash tests need a build with WHARF_CRASH_HOOKS (not Release)");
    }

    // The same package loaded with the constraints after the rows and with them in CREATE TABLE:
    // the same DDL to the byte (pg_dump), the same constraint names, nothing left owed.
    void sameSchemaAsConstraintsUpFront()
    {
        LoadTarget after, upFront;
        if (!target(after) || !target(upFront))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        CliResult r =
            runWharf(after.args("load", copyPackage(after.work, "gh_issues_insert_values")), after.work, after.env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QMap<QString, QString> env = upFront.env();
        env.insert(kOffEnv, QStringLiteral("false"));
        r = runWharf(upFront.args("load", copyPackage(upFront.work, "gh_issues_insert_values")), upFront.work, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));

        const QString constraints = constraintsOf(after.dataset);
        QVERIFY2(constraints.contains(QStringLiteral("issues issues__dlt_id_key UNIQUE (_dlt_id)")) &&
                     constraints.contains(QStringLiteral("issues__labels issues__labels__dlt_id_key UNIQUE (_dlt_id)")),
                 qPrintable(constraints));
        QCOMPARE(constraints, constraintsOf(upFront.dataset));
        const QStringList ddl = ddlOf(after.dataset);
        QVERIFY(ddl.size() > 20);
        QCOMPARE(ddl, ddlOf(upFront.dataset));
        QCOMPARE(after.ledgerRows(), qint64(0));
        QCOMPARE(after.count("issues"), qint64(100));
        after.drop();
        upFront.drop();
    }

    // What Run will do says so: the new tables without their constraints, then the constraints.
    void previewShowsTheConstraintsAfterTheRows()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const CliResult r = runWharf({"info", "--sql", "--compare", dataPath("packages/gh_issues_insert_values"),
                                      "--destination", "postgres", "--dataset", t.dataset},
                                     t.work, t.env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const qsizetype after = r.out.indexOf("once the new tables' rows are in");
        QVERIFY2(after > 0, qPrintable(r.out));
        const QString created = r.out.left(after);
        QVERIFY2(created.contains(QStringLiteral("CREATE TABLE \"%1\".\"issues\"").arg(t.dataset)) &&
                     !created.contains("UNIQUE"),
                 qPrintable(r.out));
        QVERIFY2(r.out.mid(after).contains(
                     QStringLiteral("ALTER TABLE \"%1\".\"issues\" ADD UNIQUE (\"_dlt_id\");").arg(t.dataset)),
                 qPrintable(r.out));
        QVERIFY(!pg::schemaExists(t.dataset)); // a preview changes nothing
    }

    // Killed with every table created and loaded but before any constraint was added: the debt
    // is in the ledger, and the next run pays it before the package can be LOADED.
    void killedBeforeTheConstraints()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, "gh_issues_insert_values");
        QMap<QString, QString> env = t.env();
        env.insert("WHARF_CRASH_AT", "before-indexes");
        CliResult r = runWharf(t.args("load", root) << "--workers"
                                                    << "1",
                               t.work, env);
        QVERIFY2(r.exitCode == -2, qPrintable("expected a crash: " + r.all()));
        QVERIFY2(owedConstraints(t) >= 1, "the tables' constraints are not recorded as owed");
        QCOMPARE(pg::psqlValue(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'u' AND "
                                              "connamespace = '%1'::regnamespace")
                                   .arg(t.dataset)),
                 QStringLiteral("0"));

        r = runWharf(t.args("load", root), t.work, t.env());
        QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED and contains no failed jobs"), qPrintable(r.all()));
        QCOMPARE(owedConstraints(t), qint64(0));
        const QString constraints = constraintsOf(t.dataset);
        for (const char *table : {"issues", "issues__assignees", "issues__labels", "_dlt_pipeline_state"})
            QVERIFY2(constraints.contains(QStringLiteral("%1 %1__dlt_id_key UNIQUE (_dlt_id)").arg(table)),
                     qPrintable(table + (": " + constraints)));
        QCOMPARE(t.count("issues"), qint64(100));
        QCOMPARE(t.count("issues__labels"), qint64(34));
        QCOMPARE(t.ledgerRows(), qint64(0));
        t.drop();
    }

    // Two jobs of a new table carry the same _dlt_ids. With the constraint live, the second job
    // to load fails on it; after the rows, the constraint cannot be added. Either way the package
    // is not LOADED; here the message names the repeated values, the table is emptied and given
    // its constraint, and `wharf retry` then ends where a live constraint ends: one job's rows
    // in, the other job failed.
    void repeatedKeysFailTheTable()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = packageWithRepeatedIssues(t);
        CliResult r = runWharf(t.args("load", root), t.work, t.env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("is ABORTED") && !r.out.contains(" is LOADED"), qPrintable(r.all()));
        QVERIFY2(r.all().contains("100 value(s) of _dlt_id appear more than once, e.g. '") &&
                     r.all().contains("(2 rows)"),
                 qPrintable(r.all()));
        const QString failed = QDir(root).filePath(kPackage + QStringLiteral("/failed_jobs/"));
        QVERIFY(QFile::exists(failed + kIssuesJob));
        QVERIFY(QFile::exists(failed + QStringLiteral("issues.aaaaaaaaaa.0.insert_values.gz")));
        QCOMPARE(t.count("issues"), qint64(0));
        QCOMPARE(t.count("issues__labels"), qint64(34)); // the other tables' jobs are loaded
        QCOMPARE(t.count("_dlt_loads"), qint64(0));
        QVERIFY2(constraintsOf(t.dataset).contains(QStringLiteral("issues issues__dlt_id_key UNIQUE (_dlt_id)")),
                 qPrintable(constraintsOf(t.dataset)));
        QCOMPARE(owedConstraints(t), qint64(0));

        r = runWharf(t.args("retry", root), t.work, t.env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.all().contains("23505") || r.all().contains("duplicate key"), qPrintable(r.all()));
        QCOMPARE(t.count("issues"), qint64(100));
        QCOMPARE(t.countDistinct("issues", "_dlt_id"), qint64(100));
        QCOMPARE(t.count("_dlt_loads"), qint64(0));
        t.drop();
    }

    // Three new tables of one chain whose rows repeat their keys: each is told, emptied and
    // given its constraint, not only the first that failed (the chain's constraints are built in
    // one call, and the package's end tries once more).
    void repeatedKeysInSeveralTablesFailEachOne()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, QStringLiteral("gh_issues_insert_values"));
        const QString jobs = QDir(root).filePath(kPackage + QStringLiteral("/new_jobs/"));
        const QStringList repeated = {kIssuesJob, QStringLiteral("issues__labels.c26f8c1531.0.insert_values.gz"),
                                      QStringLiteral("issues__assignees.abe08a017c.0.insert_values.gz")};
        for (const QString &job : repeated)
            QVERIFY(QFile::copy(jobs + job, jobs + job.section(QLatin1Char('.'), 0, 0) +
                                                QStringLiteral(".aaaaaaaaaa.0.insert_values.gz")));
        const CliResult r = runWharf(t.args("load", root), t.work, t.env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("is ABORTED"), qPrintable(r.all()));
        const QString constraints = constraintsOf(t.dataset);
        const QString failed = QDir(root).filePath(kPackage + QStringLiteral("/failed_jobs/"));
        for (const QString &job : repeated) {
            const QString table = job.section(QLatin1Char('.'), 0, 0);
            QCOMPARE(t.count(table), qint64(0));
            QVERIFY2(constraints.contains(QStringLiteral("%1 %1__dlt_id_key UNIQUE (_dlt_id)").arg(table)),
                     qPrintable(table + (": " + constraints)));
            QVERIFY2(QFile::exists(failed + job), qPrintable(job));
            QVERIFY2(r.all().contains(QStringLiteral("table %1 could not get its UNIQUE constraint").arg(table)),
                     qPrintable(table + ": " + r.all()));
        }
        QCOMPARE(owedConstraints(t), qint64(0));
        QCOMPARE(t.count("_dlt_loads"), qint64(0));
        t.drop();
    }

    // Killed after the table's jobs were failed and before its rows were removed: the next run
    // removes them, adds the constraint and ends ABORTED.
    void killedWhileFailingTheTable()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = packageWithRepeatedIssues(t);
        QMap<QString, QString> env = t.env();
        env.insert("WHARF_CRASH_AT", "after-index-fail");
        // One worker: the chain completes with its last job, one of a nested table, so that the
        // next run has no job of `issues` left and must still find the debt.
        CliResult r = runWharf(t.args("load", root) << "--workers"
                                                    << "1",
                               t.work, env);
        QVERIFY2(r.exitCode == -2, qPrintable("expected a crash: " + r.all()));
        QCOMPARE(t.count("issues"), qint64(200));
        QVERIFY(owedConstraints(t) >= 1);

        r = runWharf(t.args("load", root), t.work, t.env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("is ABORTED"), qPrintable(r.all()));
        QCOMPARE(t.count("issues"), qint64(0));
        QCOMPARE(owedConstraints(t), qint64(0));
        QVERIFY(constraintsOf(t.dataset).contains(QStringLiteral("issues issues__dlt_id_key UNIQUE (_dlt_id)")));
        t.drop();
    }
};

QTEST_GUILESS_MAIN(tst_PgIndexesAfterRows)
#include "tst_PgIndexesAfterRows.moc"
