// Issue 13, item 4: a large job loads over two PostgreSQL connections when the loader has one to
// spare. The two parts commit one after the other; these tests check that the rows end exactly
// once whatever happens between them, and that a bad row in either part loads nothing.
// (tst_DltCases compares the split_jobs case, loaded split, with dlt's own result.)
#include "LoadTarget.h"
#include "PgTestSupport.h"
#include "TestSupport.h"
#include "load/CrashPoint.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <zlib.h>

using namespace wharf;
using namespace wharf::test;

namespace {

// tests/dlt/dlt_cases.py, case split_jobs: 2000 products with 2 tags each, one job per table.
const QString kStep1 = QStringLiteral("../dlt/packages/split_jobs_step1");
const QString kProductsFile = QStringLiteral("products.f05130310e.0.insert_values.gz");
const QString kProductsJob = QStringLiteral("products.f05130310e.insert_values.gz"); // its ledger key

bool gzipWrite(const QString &path, const QByteArray &data)
{
    gzFile f = gzopen(path.toUtf8().constData(), "wb");
    if (!f)
        return false;
    const bool ok = gzwrite(f, data.constData(), unsigned(data.size())) == data.size();
    return gzclose(f) == Z_OK && ok;
}

/// Ledger rows of second parts (of job `key`, or of any job).
qint64 partRows(const LoadTarget &t, const QString &key = QStringLiteral("%"))
{
    return pg::psqlValue(QStringLiteral("SELECT count(*) FROM _wharf.job_ledger WHERE dataset_name IN ('%1', "
                                        "'%1_staging') AND job_key LIKE '%2#part2of2'")
                             .arg(t.dataset, key))
        .toLongLong();
}

} // namespace

class tst_PgSplitJobs : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_serial = 0;

    bool target(LoadTarget &t)
    {
        if (pg::testPg().isEmpty())
            return false;
        t.type = QStringLiteral("postgres");
        t.dataset = QStringLiteral("wharf_split_%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_serial);
        t.work = freshDir(m_tmp.path(), t.dataset);
        t.drop();
        return true;
    }

    /// The jobs of products and products__tags split (their files are 41 and 96 kB; the
    /// pipeline state's is 0.5 kB), and the split is written to the output.
    static QMap<QString, QString> splitting(const LoadTarget &t)
    {
        QMap<QString, QString> env = t.env();
        env.insert(QStringLiteral("DESTINATION__POSTGRES__SPLIT_JOB_BYTES"), QStringLiteral("4096"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("wharf.destination.info=true"));
        return env;
    }

    void checkLoadedOnce(const LoadTarget &t)
    {
        QCOMPARE(t.count("products"), qint64(2000));
        QCOMPARE(t.countDistinct("products", "id"), qint64(2000));
        QCOMPARE(t.countDistinct("products", "_dlt_id"), qint64(2000));
        QCOMPARE(t.count("products__tags"), qint64(4000));
        QCOMPARE(t.countDistinct("products__tags", "_dlt_id"), qint64(4000));
        QCOMPARE(t.count("_dlt_loads"), qint64(1));
        QCOMPARE(t.ledgerRows(), qint64(0));
    }

private slots:
    void initTestCase()
    {
        if (pg::testPg().isEmpty() && qEnvironmentVariableIsSet("CI"))
            QFAIL("WHARF_TEST_PG is not set under CI: the PostgreSQL tests cannot run");
        QVERIFY(m_tmp.isValid());
        QVERIFY2(crashPointsCompiled(), "the crash tests need a build with WHARF_CRASH_HOOKS (not Release)");
    }

    // Both tables' jobs go over two connections, and every row is there once.
    void splitLoadsEveryRowOnce()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const CliResult r = runWharf(t.args("load", copyPackage(t.work, kStep1, "pkg")), t.work, splitting(t));
        QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED and contains no failed jobs"), qPrintable(r.all()));
        QVERIFY2(r.all().contains(QStringLiteral("job %1 loads over two connections").arg(kProductsJob)),
                 qPrintable(r.all()));
        QVERIFY2(r.all().contains(QStringLiteral("products__tags.2788c414a2.insert_values.gz loads over two")),
                 qPrintable(r.all()));
        checkLoadedOnce(t);
        t.drop();
    }

    // Without a spare connection (one worker) or below the size, a job loads over one.
    void noSplitWithoutASpareConnection()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const CliResult r = runWharf(t.args("load", copyPackage(t.work, kStep1, "pkg")) << "--workers"
                                                                                        << "1",
                                     t.work, splitting(t));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(!r.all().contains("over two connections"), qPrintable(r.all()));
        checkLoadedOnce(t);
        t.drop();

        LoadTarget small;
        QVERIFY(target(small));
        QMap<QString, QString> env = splitting(small);
        env.insert(QStringLiteral("DESTINATION__POSTGRES__SPLIT_JOB_BYTES"), QStringLiteral("100000000"));
        const CliResult big = runWharf(small.args("load", copyPackage(small.work, kStep1, "pkg")), small.work, env);
        QVERIFY2(big.exitCode == 0, qPrintable(big.all()));
        QVERIFY2(!big.all().contains("over two connections"), qPrintable(big.all()));
        checkLoadedOnce(small);
        small.drop();
    }

    // Killed with a job's second part committed and its first not: the ledger has the part,
    // and the next run loads only the first part. Every row ends in the table once.
    void killedBetweenTheParts()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, kStep1, "pkg");
        QMap<QString, QString> env = splitting(t);
        env.insert("WHARF_CRASH_AT", "after-part-commit");
        CliResult r = runWharf(t.args("load", root), t.work, env);
        QVERIFY2(r.exitCode == -2, qPrintable("expected a crash: " + r.all()));
        // A job killed between its parts holds its second part's rows, as recorded (a merge: in
        // the staging dataset). Two jobs run at once: either or both may have got that far.
        int halfLoaded = 0;
        for (const QString &table : {QStringLiteral("products"), QStringLiteral("products__tags")}) {
            const QStringList entries = pg::psqlLines(
                QStringLiteral("SELECT job_key || ' ' || row_count FROM _wharf.job_ledger WHERE dataset_name = "
                               "'%1_staging' AND job_key LIKE '%2.%' ORDER BY job_key")
                    .arg(t.dataset, table));
            if (entries.size() != 1 || !entries.first().section(' ', 0, 0).endsWith("#part2of2"))
                continue; // not started, rolled back, or loaded whole
            ++halfLoaded;
            const qint64 recorded = entries.first().section(' ', 1).toLongLong();
            QVERIFY2(recorded > 0 && recorded < (table == QLatin1String("products") ? 2000 : 4000),
                     qPrintable(entries.first()));
            QCOMPARE(t.count(table, t.dataset + "_staging"), recorded);
        }
        QVERIFY2(halfLoaded >= 1, "no job is recorded with only its second part");

        r = runWharf(t.args("load", root), t.work, splitting(t));
        QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED and contains no failed jobs"), qPrintable(r.all()));
        QVERIFY2(r.all().contains("committed its second part before"), qPrintable(r.all()));
        checkLoadedOnce(t);
        QCOMPARE(partRows(t), qint64(0));
        t.drop();
    }

    // A value that cannot load, in a row of the second part: the job fails with the file's
    // line, and neither part leaves a row.
    void badRowInTheSecondPartLoadsNothing()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, kStep1, "pkg");
        const QString job = QDir(pg::loadIdDir(root)).filePath(QStringLiteral("new_jobs/") + kProductsFile);
        QByteArray text = gunzipFile(job);
        // Row 300 (line 302) is in the second block of 256 rows: the second part.
        const QByteArray row = "(300,E'product 300 g1',451.0,";
        QVERIFY(text.contains(row));
        text.replace(row, "(300,E'product 300 g1',E'many',");
        QVERIFY(gzipWrite(job, text));

        const CliResult r = runWharf(t.args("load", root), t.work, splitting(t));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.all().contains(QStringLiteral("job %1 loads over two connections").arg(kProductsJob)),
                 qPrintable(r.all()));
        QVERIFY2(r.all().contains(kProductsFile + QStringLiteral(":302 (field price)")), qPrintable(r.all()));
        QVERIFY2(!r.out.contains(" is LOADED"), qPrintable(r.all()));
        QCOMPARE(t.count("products", t.dataset + "_staging"), qint64(0));
        QCOMPARE(t.count("products"), qint64(0));
        QCOMPARE(partRows(t, kProductsJob), qint64(0));
        // The other table's job is loaded (into staging; the merge waits for the whole chain).
        QCOMPARE(t.count("products__tags", t.dataset + "_staging"), qint64(4000));
        t.drop();
    }
};

QTEST_GUILESS_MAIN(tst_PgSplitJobs)
#include "tst_PgSplitJobs.moc"
