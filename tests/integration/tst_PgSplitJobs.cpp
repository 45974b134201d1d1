// Issue 13, item 4: a large job loads over two PostgreSQL connections when the loader has one to
// spare. The two parts commit one after the other; these tests check that the rows end exactly
// once whatever happens between them, and that a bad row in either part loads nothing.
// (tst_DltCases compares the split_jobs case, loaded split, with dlt's own result.)
#include "FreezingProxy.h"
#include "LoadTarget.h"
#include "PgTestSupport.h"
#include "TestSupport.h"
#include "load/CrashPoint.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <csignal>
#include <zlib.h>

using namespace wharf;
using namespace wharf::test;

namespace {

// tests/dlt/dlt_cases.py, case split_jobs: 2000 products with 2 tags each (merge) and 1000
// events (append), one job per table (the file names are dlt's, from its run of the case).
const QString kStep1 = QStringLiteral("../dlt/packages/split_jobs_step1");
const QString kProductsFile = QStringLiteral("products.af1b3e4e84.0.insert_values.gz");
const QString kProductsJob = QStringLiteral("products.af1b3e4e84.insert_values.gz"); // its ledger key
const QString kTagsJob = QStringLiteral("products__tags.4c260d0a18.insert_values.gz");
const QString kEventsFile = QStringLiteral("events.f0f1a5fa44.0.insert_values.gz");
const QString kEventsJob = QStringLiteral("events.f0f1a5fa44.insert_values.gz");

bool gzipWrite(const QString &path, const QByteArray &data);

/// Replaces `from` (which must occur) by `to` in the gzip job file `file` of package `root`.
bool editJob(const QString &root, const QString &file, const QByteArray &from, const QByteArray &to)
{
    const QString path = QDir(pg::loadIdDir(root)).filePath(QStringLiteral("new_jobs/") + file);
    QByteArray text = gunzipFile(path);
    if (!text.contains(from))
        return false;
    text.replace(from, to);
    return gzipWrite(path, text);
}

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

    /// `wharf load` with room for every job of the package (4) and a second connection each.
    static QStringList loadArgs(const LoadTarget &t, const QString &root)
    {
        return t.args("load", root) << "--workers"
                                    << "8";
    }

    /// The jobs of products, products__tags and events split (their files are 41, 96 and 15
    /// kB; the pipeline state's is 0.5 kB), and the split is written to the output.
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
        QCOMPARE(t.count("events"), qint64(1000));
        QCOMPARE(t.countDistinct("events", "_dlt_id"), qint64(1000));
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
        const CliResult r = runWharf(loadArgs(t, copyPackage(t.work, kStep1, "pkg")), t.work, splitting(t));
        QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED and contains no failed jobs"), qPrintable(r.all()));
        QVERIFY2(r.all().contains(QStringLiteral("job %1 loads over two connections").arg(kProductsJob)),
                 qPrintable(r.all()));
        QVERIFY2(r.all().contains(QStringLiteral("job %1 loads over two connections").arg(kTagsJob)),
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
        CliResult r = runWharf(loadArgs(t, root), t.work, env);
        QVERIFY2(r.exitCode == -2, qPrintable("expected a crash: " + r.all()));
        // A job killed between its parts holds its second part's rows, as recorded (the merge
        // tables in the staging dataset). Three jobs run at once: any of them may have got that far.
        int halfLoaded = 0;
        const struct {
            const char *table;
            QString dataset;
            qint64 rows;
        } jobs[] = {{"products", t.dataset + "_staging", 2000},
                    {"products__tags", t.dataset + "_staging", 4000},
                    {"events", t.dataset, 1000}};
        for (const auto &job : jobs) {
            const QStringList entries =
                pg::psqlLines(QStringLiteral("SELECT job_key || ' ' || row_count FROM _wharf.job_ledger WHERE "
                                             "dataset_name = '%1' AND job_key LIKE '%2.%' ORDER BY job_key")
                                  .arg(job.dataset, QLatin1String(job.table)));
            if (entries.size() != 1 || !entries.first().section(' ', 0, 0).endsWith("#part2of2"))
                continue; // not started, rolled back, or loaded whole
            ++halfLoaded;
            const qint64 recorded = entries.first().section(' ', 1).toLongLong();
            QVERIFY2(recorded > 0 && recorded < job.rows, qPrintable(entries.first()));
            QCOMPARE(t.count(QLatin1String(job.table), job.dataset), recorded);
        }
        QVERIFY2(halfLoaded >= 1, "no job is recorded with only its second part");

        r = runWharf(loadArgs(t, root), t.work, splitting(t));
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
        // Row 300 (line 302) is in the second block of 256 rows: the second part.
        QVERIFY(editJob(root, kProductsFile, "(300,E'product 300 g1',451.0,", "(300,E'product 300 g1',E'many',"));

        const CliResult r = runWharf(loadArgs(t, root), t.work, splitting(t));
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

    // Into a table whose UNIQUE constraint is live (here: created up front), a key that both
    // parts hold makes one server process wait for the other's open transaction, which waits
    // for rows this process cannot send meanwhile. The split gives up after a second's lock
    // wait and the job loads over one connection, where the key fails as it always does.
    void uniqueKeyInBothPartsLoadsOverOneConnection()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const QString root = copyPackage(t.work, kStep1, "pkg");
        // Row 300 (second part) gets the _dlt_id of row 1 (first part).
        QVERIFY(editJob(root, kEventsFile, "E'8SmquGMAJGzQnQ'),", "E'IFxvnaQa1LrE9Q'),"));
        QMap<QString, QString> env = splitting(t);
        env.insert(QStringLiteral("DESTINATION__POSTGRES__INDEXES_AFTER_ROWS"), QStringLiteral("false"));
        QElapsedTimer timer;
        timer.start();
        const CliResult r = runWharf(loadArgs(t, root), t.work, env, 60000);
        QVERIFY2(timer.elapsed() < 50000, "the load hung");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.all().contains("its two parts waited on each other's rows"), qPrintable(r.all()));
        QVERIFY2(r.all().contains("duplicate key value") && r.all().contains(kEventsFile + QStringLiteral(":302")),
                 qPrintable(r.all()));
        QCOMPARE(t.count("events"), qint64(0));
        QCOMPARE(partRows(t, QStringLiteral("events.%")), qint64(0));
        t.drop();
    }

    // A job that loads whole records its second part's key too: when a split of the same job
    // (another loader) commits its second part meanwhile, the whole load rolls back, and the
    // next attempt loads only the first part. Staged with psql holding that loader's ledger
    // row for the events job in an open transaction until Wharf's whole load waits on it.
    void wholeLoadYieldsToASecondPartCommittedMeanwhile()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        QCOMPARE(pg::psqlValue(QStringLiteral("SELECT to_regclass('_wharf.job_ledger') IS NOT NULL")),
                 QStringLiteral("t"));
        const QString root = copyPackage(t.work, kStep1, "pkg");
        const QString loadId = QDir(pg::loadIdDir(root)).dirName();
        QProcess other;
        other.start(QStringLiteral("psql"), {pg::testPg(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"});
        QVERIFY(other.waitForStarted());
        other.write(QStringLiteral("BEGIN;\nINSERT INTO _wharf.job_ledger (dataset_name, load_id, job_key, row_count) "
                                   "VALUES ('%1', '%2', '%3#part2of2', 0);\nSELECT 'pid=' || pg_backend_pid();\n")
                        .arg(t.dataset, loadId, kEventsJob)
                        .toUtf8());
        QByteArray said;
        QElapsedTimer wait;
        wait.start();
        while (!said.contains('\n') && wait.elapsed() < 10000 && other.waitForReadyRead(1000))
            said += other.readAllStandardOutput();
        QVERIFY2(said.startsWith("pid="), qPrintable(QString::fromUtf8(said + other.readAllStandardError())));
        const QString holder = QString::fromUtf8(said.mid(4).trimmed());

        bool sawWait = false;
        // One worker: nothing splits, every job loads whole.
        const CliResult r =
            runWharf(t.args("load", root) << "--workers"
                                          << "1",
                     t.work, splitting(t), 120000, [&](qint64) {
                         QElapsedTimer poll;
                         poll.start();
                         while (!sawWait && poll.elapsed() < 60000) {
                             // A session waiting on the one that holds the row (other
                             // tests may run their own loads on this server meanwhile).
                             sawWait = pg::psqlValue(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                                                    "%1 = ANY (pg_blocking_pids(pid))")
                                                         .arg(holder)) != QLatin1String("0");
                             if (!sawWait)
                                 QThread::msleep(100);
                         }
                         other.write("COMMIT;\n");
                         other.closeWriteChannel();
                         other.waitForFinished(10000);
                     });
        QVERIFY2(sawWait, "Wharf's whole load of the events job never waited on the second part's key");
        QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED"), qPrintable(r.all()));
        QVERIFY2(r.all().contains(
                     QStringLiteral("the second part of job %1 was committed over another connection").arg(kEventsJob)),
                 qPrintable(r.all()));
        QVERIFY2(r.all().contains(QStringLiteral("job %1 committed its second part before").arg(kEventsJob)),
                 qPrintable(r.all()));
        // The ledger said the second part was in (with 0 rows): the first part alone was loaded,
        // blocks 0 and 2 of 256 rows.
        QCOMPARE(t.count("events"), qint64(512));
        t.drop();
    }

    // Ctrl+C while a job's second connection is being opened against a server that accepted it
    // and then stopped answering: the cancel reaches that connection too, and Wharf returns at
    // once instead of after connect_timeout (30 s here). A proxy in front of the server freezes
    // new connections once a job has asked the ledger for its second part, just before the split
    // opens its connection.
    void cancelReachesTheSecondConnectionWhileItOpens()
    {
        LoadTarget t;
        if (!target(t))
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        const pg::PgServer server = pg::PgServer::fromEnv();
        FreezingProxy proxy(server.host, server.port, QByteArrayLiteral("#part2of2"));
        QVERIFY(proxy.port() > 0);
        const QString root = copyPackage(t.work, kStep1, "pkg");
        QMap<QString, QString> env = splitting(t);
        env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"),
                   server.url(std::nullopt, proxy.port(), QStringLiteral("127.0.0.1")) +
                       QStringLiteral("?connect_timeout=30"));
        const auto process = t.start(loadArgs(t, root), env);
        QProcess &wharf = *process;
        QVERIFY(wharf.waitForStarted());
        QElapsedTimer clock;
        clock.start();
        while (proxy.heldConnections() == 0 && clock.elapsed() < 20000 && !wharf.waitForFinished(0))
            QThread::msleep(20);
        QVERIFY2(proxy.heldConnections() > 0,
                 qPrintable("no connection was opened after the freeze: " + QString::fromUtf8(wharf.readAll())));
        QThread::msleep(300); // the second connection now waits for the server's first answer
        const qint64 wharfPid = wharf.processId();
        QVERIFY2(wharfPid > 1, "wharf ended before it could be interrupted");
        clock.restart();
        ::kill(pid_t(wharfPid), SIGINT);
        const bool ended = wharf.waitForFinished(60000);
        const qint64 took = clock.elapsed();
        const QString out = QString::fromUtf8(wharf.readAll());
        QVERIFY2(ended && took < 3000, qPrintable(QStringLiteral("Ctrl+C took %1 ms\n").arg(took) + out));
        QCOMPARE(wharf.exitCode(), 1);
        QVERIFY2(out.contains("NOT YET LOADED") || out.contains("cancelled"), qPrintable(out));
        // The package stays resumable: loaded straight to the server, every row once.
        const CliResult r = runWharf(loadArgs(t, root), t.work, splitting(t));
        QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED"), qPrintable(r.all()));
        checkLoadedOnce(t);
        t.drop();
    }
};

QTEST_GUILESS_MAIN(tst_PgSplitJobs)
#include "tst_PgSplitJobs.moc"
