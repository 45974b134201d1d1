// The load-info text users know from dlt's `print(load_info)` (core/load/LoadInfo.h, spec 11.1).
#include "load/LoadInfo.h"

#include <QTest>

using namespace wharf;

namespace {

PackageResult package(const QString &loadId, PackageStatus status, qint64 elapsedMs, const QString &dataset)
{
    PackageResult p;
    p.loadId = loadId;
    p.packageDir = QStringLiteral("/pipelines/p/load/normalized/") + loadId;
    p.datasetName = dataset;
    p.status = status;
    p.elapsedMs = elapsedMs;
    return p;
}

JobEvent failedJob(const QString &jobId, const QString &message)
{
    JobEvent j;
    j.jobId = jobId;
    j.fileName = jobId; // not used by the text
    j.state = JobState::Failed;
    j.error.kind = ErrorKind::Terminal;
    j.error.message = message;
    return j;
}

} // namespace

class tst_LoadInfo : public QObject {
    Q_OBJECT
private slots:
    void humanDuration_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("under a second") << qint64(870) << "0.87 seconds";
        QTest::newRow("seconds") << qint64(1230) << "1.23 seconds";
        QTest::newRow("almost a minute") << qint64(59990) << "59.99 seconds";
        QTest::newRow("minutes and seconds") << qint64(123450) << "2 minutes and 3.45 seconds";
        QTest::newRow("one minute") << qint64(60000) << "1 minute";
        QTest::newRow("one hour") << qint64(3600000) << "1 hour";
        QTest::newRow("hours and minutes, no seconds") << qint64(7320000) << "2 hours and 2 minutes";
        QTest::newRow("one minute and a bit") << qint64(61010) << "1 minute and 1.01 seconds";
        // humanize.precisedelta (which dlt calls) carries minutes into hours.
        QTest::newRow("an hour, minutes and seconds") << qint64(3723450) << "1 hour, 2 minutes and 3.45 seconds";
    }
    void humanDuration()
    {
        QFETCH(qint64, ms);
        QTEST(LoadInfo::humanDuration(ms), "text");
    }

    void loadedPackage()
    {
        LoadInfo info;
        info.pipelineName = QStringLiteral("chess_pipeline");
        info.destinationName = QStringLiteral("postgres");
        info.location = QStringLiteral("postgres://loader:***@localhost:5432/dlt_data");
        PackageResult p = package(QStringLiteral("1712345678.123456"), PackageStatus::Loaded, 870, "chess_data");
        p.jobsTotal = p.jobsCompleted = 4;
        info.packages << p;
        QCOMPARE(info.toText(),
                 QStringLiteral("Pipeline chess_pipeline load step completed in 0.87 seconds\n"
                                "1 load package(s) were loaded to destination postgres and into dataset "
                                "chess_data\n"
                                "The postgres destination used postgres://loader:***@localhost:5432/dlt_data "
                                "location to store data\n"
                                "Load package 1712345678.123456 is LOADED and contains no failed jobs"));
    }

    void abortedPackageWithFailedJob()
    {
        LoadInfo info;
        info.pipelineName = QStringLiteral("gh");
        info.destinationName = QStringLiteral("sqlite");
        info.location = QStringLiteral("/data/gh.db");
        PackageResult p = package(QStringLiteral("1700000000.5"), PackageStatus::Aborted, 123450, "gh_data");
        p.failedJobs << failedJob(QStringLiteral("issues.8194f4afe9.insert_values.gz"),
                                  QStringLiteral("value 'x' cannot be stored in column id"));
        info.packages << p;
        QCOMPARE(info.toText(), QStringLiteral("Pipeline gh load step completed in 2 minutes and 3.45 seconds\n"
                                               "1 load package(s) were loaded to destination sqlite and into "
                                               "dataset gh_data\n"
                                               "The sqlite destination used /data/gh.db location to store data\n"
                                               "Load package 1700000000.5 is ABORTED and contains 1 FAILED "
                                               "job(s)!\n"
                                               "\t[issues.8194f4afe9.insert_values.gz]: value 'x' cannot be "
                                               "stored in column id\n"));
    }

    void failedJobsEachGetABlock()
    {
        // dlt appends "\n\t[<job_id>]: <message>\n" per failed job.
        LoadInfo info;
        info.pipelineName = QStringLiteral("p");
        info.destinationName = QStringLiteral("sqlite");
        info.location = QStringLiteral("/x.db");
        PackageResult p = package(QStringLiteral("1.5"), PackageStatus::Loaded, 1230, "ds");
        p.failedJobs << failedJob(QStringLiteral("a.1.csv"), QStringLiteral("first"));
        JobEvent second = failedJob(QStringLiteral("b.2.jsonl"), QStringLiteral("second"));
        second.error.detail = QStringLiteral("more");
        p.failedJobs << second;
        info.packages << p;
        QCOMPARE(info.toText(), QStringLiteral("Pipeline p load step completed in 1.23 seconds\n"
                                               "1 load package(s) were loaded to destination "
                                               "sqlite and into dataset ds\n"
                                               "The sqlite destination used /x.db location to "
                                               "store data\n"
                                               "Load package 1.5 is LOADED and contains 2 FAILED "
                                               "job(s)!\n"
                                               "\t[a.1.csv]: first\n"
                                               "\n"
                                               "\t[b.2.jsonl]: second\nDETAIL: more\n"));
    }

    void notYetLoadedPackage()
    {
        LoadInfo info;
        info.pipelineName = QStringLiteral("p");
        info.destinationName = QStringLiteral("sqlite");
        info.location = QStringLiteral("/x.db");
        info.packages << package(QStringLiteral("1.5"), PackageStatus::Incomplete, 870, "ds");
        const QStringList lines = info.toText().split(QLatin1Char('\n'));
        QCOMPARE(lines.value(3), QStringLiteral("Load package 1.5 is NORMALIZED and NOT YET "
                                                "LOADED to the destination and contains no "
                                                "failed jobs"));
    }
};

QTEST_GUILESS_MAIN(tst_LoadInfo)
#include "tst_LoadInfo.moc"
