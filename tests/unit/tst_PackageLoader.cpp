// The loader's state machine against the scriptable dummy destination (dlt's
// tests/load/test_dummy_client.py cases that apply to append packages).
#include "TestSupport.h"
#include "dummy/DummyDestination.h"
#include "load/PackageLoader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace wharf;

namespace {

const QString kLoadId = QStringLiteral("1795476037.8625736");

struct Recorder : LoadObserver {
    QList<JobEvent> events;
    QList<LoadProgress> progress;
    int finished = 0;
    void jobChanged(const JobEvent &e) override { events.append(e); }
    void progressed(const LoadProgress &p) override { progress.append(p); }
    void packageFinished(const PackageResult &) override { ++finished; }
};

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

} // namespace

class tst_PackageLoader : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_pkg;

    ResolvedConfig config(const QMap<QString, QVariant> &options = {})
    {
        ResolvedConfig c;
        c.destinationName = c.destinationType = QStringLiteral("dummy");
        for (auto it = options.cbegin(); it != options.cend(); ++it)
            c.options.insert(it.key(), ResolvedValue{it.value(), {}, false});
        return c;
    }
    PackageResult run(const ResolvedConfig &cfg, LoadOptions opts = {}, Recorder *rec = nullptr)
    {
        CancelToken cancel;
        PackageLoader loader(std::make_shared<dummy::DummyDestination>(), cfg, opts, rec);
        return loader.load(m_pkg, cancel);
    }
    QString folder(const char *name) const { return QDir(m_pkg).filePath(QLatin1String(name)); }

private slots:
    void init()
    {
        dummy::DummyDestination::resetCompletedLoads();
        QVERIFY(m_tmp.isValid());
        const QString root = QDir(m_tmp.path()).filePath(QString::number(QDateTime::currentMSecsSinceEpoch()));
        QVERIFY(test::copyTree(test::dataPath("packages/gh_issues_insert_values"), root));
        m_pkg = QDir(root).filePath(kLoadId);
    }

    void loadsEveryJob()
    {
        Recorder rec;
        const PackageResult r = run(config(), {}, &rec);
        QCOMPARE(r.status, PackageStatus::Loaded);
        QCOMPARE(r.loadId, kLoadId);
        QCOMPARE(r.datasetName, QStringLiteral("gh_issues_insert_values"));
        QCOMPARE(r.jobsTotal, 4);
        QCOMPARE(r.jobsCompleted, 4);
        QCOMPARE(r.rows, 166);
        QVERIFY(r.failedJobs.isEmpty());
        QCOMPARE(filesIn(folder("completed_jobs")).size(), 4);
        QVERIFY(filesIn(folder("new_jobs")).isEmpty());
        QVERIFY(filesIn(folder("started_jobs")).isEmpty());
        QVERIFY(filesIn(folder(".pending_transitions")).isEmpty());
        QVERIFY(QFile::exists(folder("applied_schema_updates.json")));
        QVERIFY(!QFile::exists(folder("schema_updates.json")));
        QFile marker(folder("package_completed.json"));
        QVERIFY(marker.open(QIODevice::ReadOnly));
        QCOMPARE(marker.readAll(), QByteArray("loaded"));
        QCOMPARE(dummy::DummyDestination::completedLoads(), QStringList{kLoadId});
        // Every job went Running -> Completed, in that order.
        for (const QString &job : filesIn(folder("completed_jobs"))) {
            QList<JobState> states;
            for (const auto &e : rec.events)
                if (e.fileName == job)
                    states << e.state;
            QCOMPARE(states, (QList<JobState>{JobState::Running, JobState::Completed}));
        }
        QCOMPARE(rec.finished, 1);
        QVERIFY(!rec.progress.isEmpty());
        QCOMPARE(rec.progress.last().jobsDone, 4);
    }

    void completedPackageIsNotLoadedTwice()
    {
        QCOMPARE(run(config()).status, PackageStatus::Loaded);
        const PackageResult again = run(config());
        QCOMPARE(again.status, PackageStatus::Refused);
        QVERIFY(again.error.message.contains("already loaded"));
        QCOMPARE(dummy::DummyDestination::completedLoads().size(), 1);
    }

    void terminalFailureAbortsPackage()
    {
        const PackageResult r = run(config({{"fail_tables", "issues__labels"}}));
        QCOMPARE(r.status, PackageStatus::Aborted);
        QCOMPARE(r.failedJobs.size(), 1);
        QCOMPARE(r.failedJobs[0].table, QStringLiteral("issues__labels"));
        QVERIFY(r.failedJobs[0].error.message.contains("fails terminally"));
        QCOMPARE(filesIn(folder("completed_jobs")).size(), 3); // the other jobs complete
        const QStringList failed = filesIn(folder("failed_jobs"));
        QCOMPARE(failed.size(), 2); // the job file and its .exception
        QVERIFY(failed.contains("issues__labels.c26f8c1531.0.insert_values.gz.exception"));
        QFile ex(folder("failed_jobs/issues__labels.c26f8c1531.0.insert_values.gz.exception"));
        QVERIFY(ex.open(QIODevice::ReadOnly));
        QVERIFY(ex.readAll().contains("fails terminally"));
        QFile marker(folder("package_completed.json"));
        QVERIFY(marker.open(QIODevice::ReadOnly));
        QCOMPARE(marker.readAll(), QByteArray("aborted"));
        QVERIFY(dummy::DummyDestination::completedLoads().isEmpty()); // no _dlt_loads row
    }

    void failedJobsWithoutRaising()
    {
        LoadOptions opts;
        opts.raiseOnFailedJobs = false;
        const PackageResult r = run(config({{"fail_tables", "issues"}}), opts);
        QCOMPARE(r.status, PackageStatus::Loaded);
        QCOMPARE(r.failedJobs.size(), 1);
        QCOMPARE(dummy::DummyDestination::completedLoads(), QStringList{kLoadId});
    }

    void retriesPersistInFileNames()
    {
        LoadOptions opts;
        opts.raiseOnMaxRetries = 2;
        opts.retry.baseDelayMs = 0;
        Recorder rec;
        PackageResult r = run(config({{"retry_tables", "issues__labels"}}), opts, &rec);
        QCOMPARE(r.status, PackageStatus::Incomplete);
        QVERIFY(r.error.message.contains("failed 2 times"));
        QCOMPARE(filesIn(folder("new_jobs")), QStringList{"issues__labels.c26f8c1531.2.insert_values.gz"});
        QCOMPARE(filesIn(folder("completed_jobs")).size(), 3);
        int retries = 0;
        for (const auto &e : rec.events)
            retries += e.state == JobState::Retry;
        QCOMPARE(retries, 2);
        QVERIFY(!QFile::exists(folder("package_completed.json")));

        // A second run continues counting from the file name and stops at the next multiple.
        r = run(config({{"retry_tables", "issues__labels"}}), opts);
        QCOMPARE(r.status, PackageStatus::Incomplete);
        QCOMPARE(filesIn(folder("new_jobs")), QStringList{"issues__labels.c26f8c1531.4.insert_values.gz"});

        // Once the destination accepts it, the job completes with its retry count kept.
        r = run(config(), opts);
        QCOMPARE(r.status, PackageStatus::Loaded);
        QVERIFY(filesIn(folder("completed_jobs")).contains("issues__labels.c26f8c1531.4.insert_values.gz"));
    }

    void serverCancelledStatementIsARetry()
    {
        // A statement cancelled by the server (statement_timeout) is not the user's cancel: it
        // must count as a retry, or the job would be re-run forever.
        LoadOptions opts;
        opts.raiseOnMaxRetries = 2;
        opts.retry.baseDelayMs = 0;
        const PackageResult r = run(config({{"server_cancel_tables", "issues"}}), opts);
        QCOMPARE(r.status, PackageStatus::Incomplete);
        QVERIFY(r.error.message.contains("failed 2 times"));
        QVERIFY(filesIn(folder("new_jobs")).contains("issues.8194f4afe9.2.insert_values.gz"));
    }

    void connectionFailureIsTransient()
    {
        LoadOptions opts;
        opts.raiseOnMaxRetries = 1;
        opts.retry.baseDelayMs = 20;
        opts.retry.outageTimeoutMs = 300;
        QElapsedTimer clock;
        clock.start();
        const PackageResult r = run(config({{"fail_on_open", true}}), opts);
        // The coordinator's own connection fails first: it is tried again for the outage budget
        // (connection_outage_timeout_s), then nothing is touched and the package stays.
        QVERIFY2(clock.elapsed() >= 300, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(r.status, PackageStatus::Incomplete);
        QCOMPARE(r.error.kind, ErrorKind::Transient);
        QCOMPARE(filesIn(folder("new_jobs")).size(), 4);
    }

    void ledgerClearedAfterLostConnection()
    {
        LoadOptions opts;
        opts.retry.baseDelayMs = 10;
        const PackageResult r = run(config({{"forget_failures", 2}}), opts);
        // The rows are in and _dlt_loads written: the lost connection is ridden out, so that the
        // ledger rows of a package that is never loaded again do not stay behind.
        QCOMPARE(r.status, PackageStatus::Loaded);
        QCOMPARE(dummy::DummyDestination::completedLoads(), QStringList{kLoadId});
        QCOMPARE(dummy::DummyDestination::forgottenLoads(), QStringList{kLoadId});
    }

    void cancelLeavesPackageResumable()
    {
        CancelToken cancel;
        PackageLoader loader(std::make_shared<dummy::DummyDestination>(), config({{"job_delay_ms", 20000}}), {},
                             nullptr);
        QThread *canceller = QThread::create([&cancel] {
            QThread::msleep(300);
            cancel.cancel();
        });
        canceller->start();
        QElapsedTimer t;
        t.start();
        const PackageResult r = loader.load(m_pkg, cancel);
        canceller->wait();
        delete canceller;
        QCOMPARE(r.status, PackageStatus::Incomplete);
        QCOMPARE(r.error.kind, ErrorKind::Cancelled);
        QVERIFY2(t.elapsed() < 3000, "cancel must stop running jobs promptly");
        QCOMPARE(filesIn(folder("new_jobs")).size(), 4);
        QVERIFY(filesIn(folder("started_jobs")).isEmpty());
        QCOMPARE(run(config()).status, PackageStatus::Loaded);
    }

    void resumesFromPendingTransitions()
    {
        // A previous run committed this job and recorded it, then died before moving the file.
        const QString job = QStringLiteral("issues.8194f4afe9.0.insert_values.gz");
        QDir().mkpath(folder("started_jobs"));
        QVERIFY(QFile::rename(folder("new_jobs/") + job, folder("started_jobs/") + job));
        QDir().mkpath(folder(".pending_transitions"));
        QFile marker(folder(".pending_transitions/") + job);
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write(R"({"state":"completed","failed_message":null})");
        marker.close();
        // If the job ran again it would fail: it must be finalised from the marker instead.
        const PackageResult r = run(config({{"fail_tables", "issues"}}));
        QCOMPARE(r.status, PackageStatus::Loaded);
        QVERIFY(filesIn(folder("completed_jobs")).contains(job));
        QVERIFY(filesIn(folder(".pending_transitions")).isEmpty());
    }

    void startedJobWithoutMarkerRunsAgain()
    {
        const QString job = QStringLiteral("issues.8194f4afe9.0.insert_values.gz");
        QDir().mkpath(folder("started_jobs"));
        QVERIFY(QFile::rename(folder("new_jobs/") + job, folder("started_jobs/") + job));
        const PackageResult r = run(config({{"fail_tables", "issues"}}));
        QCOMPARE(r.status, PackageStatus::Aborted);
        QVERIFY(filesIn(folder("failed_jobs")).contains(job));
    }

    void unknownFormatFailsOnlyThatJob()
    {
        QFile f(folder("new_jobs/issues.0000000001.0.parquetish"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("nothing");
        f.close();
        const PackageResult r = run(config());
        QCOMPARE(r.status, PackageStatus::Aborted);
        QCOMPARE(r.failedJobs.size(), 1);
        QVERIFY(r.failedJobs[0].error.message.contains("parquetish"));
        QCOMPARE(filesIn(folder("completed_jobs")).size(), 4);
    }

    void refusesUnsupportedDispositionUntouched()
    {
        const QString root = QDir(m_tmp.path()).filePath("merge");
        QVERIFY(test::copyTree(test::dataPath("packages/gh_issues_merge_step1"), root));
        m_pkg = QDir(root).filePath("1795476048.6638606");
        // Only delete-insert merges run today: ask for scd2 on the root table.
        QFile schemaFile(folder("schema.json"));
        QVERIFY(schemaFile.open(QIODevice::ReadOnly));
        QByteArray schema = schemaFile.readAll();
        schemaFile.close();
        QVERIFY(schema.contains("\"write_disposition\":\"merge\""));
        schema.replace("\"write_disposition\":\"merge\"",
                       "\"write_disposition\":\"merge\",\"x-merge-strategy\":\"scd2\"");
        QVERIFY(schemaFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        schemaFile.write(schema);
        schemaFile.close();
        const QStringList before = filesIn(folder("new_jobs"));
        const PackageResult r = run(config());
        QCOMPARE(r.status, PackageStatus::Refused);
        QVERIFY2(r.error.message.contains("issues (merge strategy 'scd2' of table issues is not supported by this "
                                          "destination (supported: delete-insert, upsert))"),
                 qPrintable(r.error.message));
        QCOMPARE(filesIn(folder("new_jobs")), before);
        QVERIFY(QFile::exists(folder("schema_updates.json")));
    }

    void missingSchemaIsRefused()
    {
        QVERIFY(QFile::remove(folder("schema.json")));
        const PackageResult r = run(config());
        QCOMPARE(r.status, PackageStatus::Refused);
        QVERIFY(r.error.fullText().contains("schema.json"));
        QCOMPARE(filesIn(folder("new_jobs")).size(), 4);
    }

    void chainFollowUpRunsOnceWhenTheChainCompletes()
    {
        LoadOptions opts;
        opts.workers = 4;
        const PackageResult r = run(config({{"followup_tables", "issues"}}), opts);
        QCOMPARE(r.status, PackageStatus::Loaded);
        // issues + its two nested tables form one chain; _dlt_pipeline_state is its own root.
        QCOMPARE(dummy::DummyDestination::followUpsRun(),
                 QStringList{"-- chain: issues,issues__labels,issues__assignees"});
    }

    void chainWithAFailedJobStillCompletes()
    {
        // One worker runs the jobs in name order: issues, issues__assignees (fails),
        // issues__labels. The last completion sees the chain done, the failed job counting as
        // done (spec Q17). (A chain whose *last* job fails gets no follow-up, as in dlt: only
        // completions evaluate the chain.)
        LoadOptions opts;
        opts.raiseOnFailedJobs = false;
        opts.workers = 1;
        const PackageResult r =
            run(config({{"followup_tables", "issues"}, {"fail_tables", "issues__assignees"}}), opts);
        QCOMPARE(r.status, PackageStatus::Loaded);
        QCOMPARE(r.failedJobs.size(), 1);
        QCOMPARE(dummy::DummyDestination::followUpsRun().size(), 1);
    }

    void replaceEmptiesTheChainOncePerPackage()
    {
        const QString root = QDir(m_tmp.path()).filePath("replace");
        QVERIFY(test::copyTree(test::dataPath("packages/gh_issues_replace_step2"), root));
        m_pkg = QDir(root).filePath("1795476047.1364434");
        LoadOptions opts;
        opts.raiseOnMaxRetries = 1;
        opts.retry.baseDelayMs = 0;
        // The first run stops on a retry after the other jobs loaded...
        PackageResult r = run(config({{"retry_tables", "issues__labels"}}), opts);
        QCOMPARE(r.status, PackageStatus::Incomplete);
        QCOMPARE(dummy::DummyDestination::truncations(), QStringList{"issues,issues__labels,issues__assignees"});
        // ...and resuming must not empty the tables again (their rows are part of this load).
        r = run(config(), opts);
        QCOMPARE(r.status, PackageStatus::Loaded);
        QCOMPARE(dummy::DummyDestination::truncations().size(), 1);
    }

    void tableSequentialAndWorkersStillLoadAll()
    {
        LoadOptions opts;
        opts.workers = 3;
        opts.parallelismStrategy = ParallelismStrategy::TableSequential;
        QCOMPARE(run(config(), opts).status, PackageStatus::Loaded);
    }
};

QTEST_GUILESS_MAIN(tst_PackageLoader)
#include "tst_PackageLoader.moc"
