// The on-disk package (core/package/LoadPackage.h): state folders, job listing and moves,
// failure messages, pending transitions, schema update commit, completion marker, archive
// (dlt spec section 1). Finding packages and their dataset name: tst_PackageDiscovery.
#include "Error.h"
#include "PackageFolders.h"
#include "TestSupport.h"
#include "package/LoadPackage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace wharf;

namespace {

QStringList namesOf(const QList<JobFile> &jobs)
{
    QStringList out;
    for (const auto &j : jobs)
        out << j.name.fileName();
    return out;
}

} // namespace

using namespace wharf::test::folders;

class tst_LoadPackage : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;

    QString path(const QString &relative) const { return QDir(m_tmp->path()).filePath(relative); }

    /// A package at `relative` with the given files (paths relative to the package).
    QString package(const QString &relative, const QStringList &files = {})
    {
        const QString dir = path(relative);
        if (!makePackage(dir))
            return {};
        for (const auto &f : files)
            if (!writeFile(QDir(dir).filePath(f), "data " + f.toUtf8()))
                return {};
        return dir;
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
    }
    void cleanup() { m_tmp.reset(); }

    void openCreatesMissingFolders_data()
    {
        QTest::addColumn<bool>("withSchema");
        QTest::addColumn<bool>("withNewJobs");
        QTest::newRow("schema.json only") << true << false;
        QTest::newRow("new_jobs only") << false << true;
        QTest::newRow("both") << true << true;
    }
    void openCreatesMissingFolders()
    {
        QFETCH(bool, withSchema);
        QFETCH(bool, withNewJobs);
        const QString dir = path("1700000000.123");
        QVERIFY(QDir().mkpath(dir));
        if (withSchema)
            QVERIFY(makePackage(dir));
        if (withNewJobs)
            QVERIFY(QDir(dir).mkpath("new_jobs"));
        QVERIFY(LoadPackage::looksLikePackage(dir));

        const LoadPackage p = LoadPackage::open(dir);
        QCOMPARE(p.dir(), QFileInfo(dir).absoluteFilePath());
        QCOMPARE(p.loadId(), QStringLiteral("1700000000.123"));
        for (const char *sub : {"new_jobs", "started_jobs", "completed_jobs", "failed_jobs", ".pending_transitions"})
            QVERIFY2(QFileInfo(QDir(dir).filePath(sub)).isDir(), sub);
        QCOMPARE(p.schemaPath(), QDir(p.dir()).filePath("schema.json"));
        QVERIFY(p.allJobs().isEmpty());
        QVERIFY(!p.isCompleted());
        QVERIFY(p.completionState().isEmpty());
    }

    void openTrailingSlash()
    {
        // Shells complete folder names with a trailing slash.
        const QString dir = package("1700000000.5");
        const LoadPackage p = LoadPackage::open(dir + QLatin1Char('/'));
        QCOMPARE(p.loadId(), QStringLiteral("1700000000.5"));
        QCOMPARE(p.dir(), QFileInfo(dir).absoluteFilePath());
    }

    void openRelativePath_data()
    {
        QTest::addColumn<QString>("cwd"); // relative to the temporary folder
        QTest::addColumn<QString>("arg");
        QTest::newRow("dot inside the package") << "pkgs/1700000000.7"
                                                << ".";
        QTest::newRow("dot slash inside the package") << "pkgs/1700000000.7"
                                                      << "./";
        QTest::newRow("relative from the parent") << "pkgs"
                                                  << "1700000000.7";
        QTest::newRow("dot-dot") << "pkgs/1700000000.7/new_jobs"
                                 << "..";
    }
    void openRelativePath()
    {
        QFETCH(QString, cwd);
        QFETCH(QString, arg);
        const QString dir = package("pkgs/1700000000.7");
        QVERIFY(QDir(dir).mkpath("new_jobs"));
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(path(cwd)));
        struct Restore {
            QString dir;
            ~Restore() { QDir::setCurrent(dir); }
        } restore{before};
        const LoadPackage p = LoadPackage::open(arg);
        QCOMPARE(p.dir(), QFileInfo(dir).absoluteFilePath());
        QCOMPARE(p.loadId(), QStringLiteral("1700000000.7"));
    }

    void openRefuses_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("missing folder") << "missing";
        QTest::newRow("empty folder") << "empty";
        QTest::newRow("folder with other files") << "other";
        QTest::newRow("a file") << "file";
    }
    void openRefuses()
    {
        QFETCH(QString, kind);
        const QString dir = path("1700000000.1");
        if (kind == QLatin1String("empty"))
            QVERIFY(QDir().mkpath(dir));
        else if (kind == QLatin1String("other"))
            QVERIFY(writeFile(QDir(dir).filePath("readme.txt"), "x"));
        else if (kind == QLatin1String("file"))
            QVERIFY(writeFile(dir, kSchema));
        QVERIFY(!LoadPackage::looksLikePackage(dir));
        try {
            LoadPackage::open(dir);
            QFAIL("opened");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
            QCOMPARE(e.location().file, dir);
            QVERIFY2(e.fullText().contains(dir), qPrintable(e.fullText()));
        }
        if (kind == QLatin1String("missing"))
            QVERIFY(!QFileInfo::exists(dir)); // nothing created on refusal
    }

    void jobsSortedPerFolder()
    {
        const QString dir = package("1700000000.1", {
                                                        "new_jobs/zeta.aaa.0.csv",
                                                        "new_jobs/alpha.bbb.1.insert_values.gz",
                                                        "new_jobs/alpha.aaa.0.jsonl",
                                                        "started_jobs/mid.ccc.2.typed-jsonl.gz",
                                                        "completed_jobs/done.ddd.0.csv",
                                                        "failed_jobs/bad.eee.0.csv",
                                                        "failed_jobs/bad.eee.0.csv.exception",
                                                        "failed_jobs/old.fff.3.jsonl.exception",
                                                    });
        QVERIFY(!dir.isEmpty());
        const LoadPackage p = LoadPackage::open(dir);

        const auto fresh = p.jobs(JobFolder::New);
        QCOMPARE(namesOf(fresh), QStringList({"alpha.aaa.0.jsonl", "alpha.bbb.1.insert_values.gz", "zeta.aaa.0.csv"}));
        for (const auto &j : fresh) {
            QCOMPARE(j.folder, JobFolder::New);
            QCOMPARE(j.path, QDir(dir).filePath("new_jobs/" + j.name.fileName()));
            QCOMPARE(j.size, qint64(("data new_jobs/" + j.name.fileName()).size()));
        }
        QCOMPARE(fresh[1].name.table, QStringLiteral("alpha"));
        QCOMPARE(fresh[1].name.retryCount, 1);
        QVERIFY(fresh[1].name.compressed);

        QCOMPARE(namesOf(p.jobs(JobFolder::Started)), QStringList({"mid.ccc.2.typed-jsonl.gz"}));
        QCOMPARE(p.jobs(JobFolder::Started).first().folder, JobFolder::Started);
        QCOMPARE(namesOf(p.jobs(JobFolder::Completed)), QStringList({"done.ddd.0.csv"}));
        // .exception files are messages, not jobs.
        const auto failed = p.jobs(JobFolder::Failed);
        QCOMPARE(namesOf(failed), QStringList({"bad.eee.0.csv"}));
        QCOMPARE(failed.first().folder, JobFolder::Failed);

        QCOMPARE(namesOf(p.allJobs()),
                 QStringList({"alpha.aaa.0.jsonl", "alpha.bbb.1.insert_values.gz", "zeta.aaa.0.csv",
                              "mid.ccc.2.typed-jsonl.gz", "done.ddd.0.csv", "bad.eee.0.csv"}));
    }

    // A folder or a link where a job should be is never skipped in silence (issue 9).
    void jobsRefuseFoldersAndLinks()
    {
        const QString dir = package("1700000000.1", {"new_jobs/t.a.0.csv"});
        QVERIFY(QDir(dir).mkpath("new_jobs/t.b.0.csv"));
        const LoadPackage p = LoadPackage::open(dir);
        try {
            p.jobs(JobFolder::New);
            QFAIL("a folder in new_jobs/ was accepted");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains("holds a folder"), qPrintable(e.fullText()));
            QVERIFY2(e.location().file.endsWith("new_jobs/t.b.0.csv"), qPrintable(e.fullText()));
        }
        QVERIFY(QDir(QDir(dir).filePath("new_jobs")).rmdir("t.b.0.csv"));
        QVERIFY(QFile::link(QDir(dir).filePath("new_jobs/t.a.0.csv"), QDir(dir).filePath("new_jobs/t.c.0.csv")));
        try {
            p.jobs(JobFolder::New);
            QFAIL("a symbolic link in new_jobs/ was accepted");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains("symbolic link"), qPrintable(e.fullText()));
        }
    }

    void invalidJobFileName_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("fileName");
        QTest::newRow("notes in new_jobs") << "new_jobs"
                                           << "notes.txt";
        QTest::newRow("three parts") << "new_jobs"
                                     << "issues.abc.csv";
        QTest::newRow("retry not a number") << "new_jobs"
                                            << "issues.abc.x.csv";
        QTest::newRow("exception outside failed_jobs") << "new_jobs"
                                                       << "issues.abc.0.csv.exception";
        QTest::newRow("retry with a leading zero") << "new_jobs"
                                                   << "issues.abc.00.csv";
        QTest::newRow("hidden file") << "new_jobs"
                                     << ".DS_Store";
        QTest::newRow("junk in started_jobs") << "started_jobs"
                                              << "backup.tar.gz";
    }
    void invalidJobFileName()
    {
        QFETCH(QString, folder);
        QFETCH(QString, fileName);
        const QString dir = package("1700000000.1", {"new_jobs/ok.abc.0.csv", folder + QLatin1Char('/') + fileName});
        QVERIFY(!dir.isEmpty());
        const LoadPackage p = LoadPackage::open(dir);
        const JobFolder which = folder == QLatin1String("new_jobs") ? JobFolder::New : JobFolder::Started;
        try {
            p.jobs(which);
            QFAIL("listed");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
            QVERIFY2(e.fullText().contains(fileName), qPrintable(e.fullText()));
        }
        try {
            p.allJobs();
            QFAIL("listed");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
        }
    }

    void moveJob_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("new -> started") << int(JobFolder::New) << int(JobFolder::Started);
        QTest::newRow("started -> completed") << int(JobFolder::Started) << int(JobFolder::Completed);
        QTest::newRow("started -> failed") << int(JobFolder::Started) << int(JobFolder::Failed);
        QTest::newRow("started -> new") << int(JobFolder::Started) << int(JobFolder::New);
    }
    void moveJob()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        const QString name = QStringLiteral("issues.8194f4afe9.2.insert_values.gz");
        const QString dir = package("1700000000.1", {jobFolderName(JobFolder(from)) + QLatin1Char('/') + name});
        QVERIFY(!dir.isEmpty());
        LoadPackage p = LoadPackage::open(dir);
        const auto jobs = p.jobs(JobFolder(from));
        QCOMPARE(jobs.size(), 1);
        const QString target = p.moveJob(jobs.first(), JobFolder(to));
        QCOMPARE(target, QDir(dir).filePath(jobFolderName(JobFolder(to)) + QLatin1Char('/') + name));
        QVERIFY(!QFileInfo::exists(jobs.first().path));
        QCOMPARE(readFile(target), "data " + (jobFolderName(JobFolder(from)) + '/' + name).toUtf8());
        QVERIFY(p.jobs(JobFolder(from)).isEmpty());
        QCOMPARE(namesOf(p.jobs(JobFolder(to))), QStringList({name}));
    }

    void moveMissingJobIsAnError()
    {
        const QString dir = package("1700000000.1", {"new_jobs/t.a.0.csv"});
        LoadPackage p = LoadPackage::open(dir);
        const JobFile job = p.jobs(JobFolder::New).first();
        QVERIFY(QFile::remove(job.path));
        try {
            p.moveJob(job, JobFolder::Started);
            QFAIL("moved");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Internal);
        }
    }

    void requeueForRetry_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("requeued");
        QTest::newRow("first retry") << "issues.abc.0.csv"
                                     << "issues.abc.1.csv";
        QTest::newRow("gzip keeps .gz") << "issues.abc.4.insert_values.gz"
                                        << "issues.abc.5.insert_values.gz";
        QTest::newRow("two digits") << "t.0123456789abcdef0123456789abcdef.9.typed-jsonl"
                                    << "t.0123456789abcdef0123456789abcdef.10.typed-jsonl";
    }
    void requeueForRetry()
    {
        QFETCH(QString, name);
        QFETCH(QString, requeued);
        const QString dir = package("1700000000.1", {"started_jobs/" + name});
        LoadPackage p = LoadPackage::open(dir);
        const JobFile started = p.jobs(JobFolder::Started).first();
        const QString target = p.requeueForRetry(started);
        QCOMPARE(target, QDir(dir).filePath("new_jobs/" + requeued));
        QVERIFY(QFileInfo::exists(target));
        QVERIFY(!QFileInfo::exists(started.path));
        QVERIFY(p.jobs(JobFolder::Started).isEmpty());
        const auto fresh = p.jobs(JobFolder::New);
        QCOMPARE(fresh.size(), 1);
        QCOMPARE(fresh.first().name.fileName(), requeued);
        QCOMPARE(fresh.first().name.retryCount, started.name.retryCount + 1);
        QCOMPARE(fresh.first().name.jobId(), started.name.jobId());
        QCOMPARE(readFile(target), ("data started_jobs/" + name).toUtf8());
    }

    void failedMessage_data()
    {
        QTest::addColumn<QString>("message");
        QTest::newRow("one line") << "value 'x' cannot be stored in column id";
        QTest::newRow("multi-line utf-8") << "line 1\nDETAIL: naïve ✓\n";
        QTest::newRow("empty") << "";
    }
    void failedMessage()
    {
        QFETCH(QString, message);
        const QString name = QStringLiteral("issues.abc.0.csv");
        const QString dir = package("1700000000.1", {"failed_jobs/" + name});
        LoadPackage p = LoadPackage::open(dir);
        QVERIFY(p.failedMessage(name).isEmpty());
        p.writeFailedMessage(name, message);
        const QString file = QDir(dir).filePath("failed_jobs/" + name + ".exception");
        QVERIFY(QFileInfo::exists(file));
        QCOMPARE(readFile(file), message.toUtf8());
        QCOMPARE(p.failedMessage(name), message);
        // Overwriting replaces the whole text.
        p.writeFailedMessage(name, QStringLiteral("second"));
        QCOMPARE(p.failedMessage(name), QStringLiteral("second"));
        QCOMPARE(namesOf(p.jobs(JobFolder::Failed)), QStringList({name}));
        QVERIFY(p.failedMessage(QStringLiteral("other.abc.0.csv")).isEmpty());
    }

    void pendingTransitions()
    {
        const QString dir = package("1700000000.1");
        LoadPackage p = LoadPackage::open(dir);
        QVERIFY(p.pendingTransitions().isEmpty());
        p.writePendingTransition({QStringLiteral("z.abc.0.csv"), true, {}});
        p.writePendingTransition({QStringLiteral("a.abc.1.jsonl.gz"), false, QStringLiteral("boom: \"quoted\"\nnext")});
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(".pending_transitions/z.abc.0.csv")));

        auto all = p.pendingTransitions();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].fileName, QStringLiteral("a.abc.1.jsonl.gz"));
        QCOMPARE(all[0].completed, false);
        QCOMPARE(all[0].failedMessage, QStringLiteral("boom: \"quoted\"\nnext"));
        QCOMPARE(all[1].fileName, QStringLiteral("z.abc.0.csv"));
        QCOMPARE(all[1].completed, true);
        QVERIFY(all[1].failedMessage.isEmpty());

        // The marker is JSON with dlt's keys.
        const auto doc = QJsonDocument::fromJson(readFile(QDir(dir).filePath(".pending_transitions/a.abc.1.jsonl.gz")));
        QCOMPARE(doc.object().value("state").toString(), QStringLiteral("failed"));
        QCOMPARE(doc.object().value("failed_message").toString(), QStringLiteral("boom: \"quoted\"\nnext"));
        const auto done = QJsonDocument::fromJson(readFile(QDir(dir).filePath(".pending_transitions/z.abc.0.csv")));
        QCOMPARE(done.object().value("state").toString(), QStringLiteral("completed"));
        QVERIFY(done.object().value("failed_message").isNull());

        p.removePendingTransition(QStringLiteral("z.abc.0.csv"));
        all = p.pendingTransitions();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].fileName, QStringLiteral("a.abc.1.jsonl.gz"));
        p.removePendingTransition(QStringLiteral("a.abc.1.jsonl.gz"));
        QVERIFY(p.pendingTransitions().isEmpty());
    }

    void corruptPendingTransition_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not json") << QByteArray("{\"state\": \"compl");
        QTest::newRow("json array") << QByteArray("[\"completed\"]");
        QTest::newRow("empty file") << QByteArray();
    }
    void corruptPendingTransition()
    {
        QFETCH(QByteArray, content);
        const QString dir = package("1700000000.1");
        LoadPackage p = LoadPackage::open(dir);
        const QString marker = QDir(dir).filePath(".pending_transitions/t.abc.0.csv");
        QVERIFY(writeFile(marker, content));
        try {
            p.pendingTransitions();
            QFAIL("read a corrupt marker");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
            QCOMPARE(e.location().file, marker);
        }
    }

    void commitSchemaUpdate()
    {
        const QString dir = package("1700000000.1");
        QVERIFY(writeFile(QDir(dir).filePath("schema_updates.json"),
                          R"({"players":{"name":"players"},"games":{"name":"games"}})"));
        LoadPackage p = LoadPackage::open(dir);
        QVERIFY(p.needsSchemaMigration());
        QStringList tables = p.schemaUpdateTables();
        tables.sort();
        QCOMPARE(tables, QStringList({"games", "players"}));

        QJsonObject applied;
        applied["players"] = QJsonObject{{"name", "players"}, {"columns", QJsonObject{}}};
        p.commitSchemaUpdate(applied);
        QVERIFY(!QFileInfo::exists(QDir(dir).filePath("schema_updates.json")));
        QVERIFY(!p.needsSchemaMigration());
        const QString appliedFile = QDir(dir).filePath("applied_schema_updates.json");
        QVERIFY(QFileInfo::exists(appliedFile));
        QCOMPARE(QJsonDocument::fromJson(readFile(appliedFile)).object(), applied);
        QCOMPARE(p.schemaUpdateTables(), QStringList({"players"}));
    }

    void commitEmptySchemaUpdate()
    {
        const QString dir = package("1700000000.1");
        QVERIFY(writeFile(QDir(dir).filePath("schema_updates.json"), "{}"));
        LoadPackage p = LoadPackage::open(dir);
        p.commitSchemaUpdate({});
        QCOMPARE(readFile(QDir(dir).filePath("applied_schema_updates.json")).trimmed(), QByteArray("{}"));
        QVERIFY(!p.needsSchemaMigration());
        QVERIFY(p.schemaUpdateTables().isEmpty());
    }

    void markCompleted_data()
    {
        QTest::addColumn<bool>("aborted");
        QTest::addColumn<QByteArray>("word");
        QTest::newRow("loaded") << false << QByteArray("loaded");
        QTest::newRow("aborted") << true << QByteArray("aborted");
    }
    void markCompleted()
    {
        QFETCH(bool, aborted);
        QFETCH(QByteArray, word);
        const QString dir = package("1700000000.1");
        LoadPackage p = LoadPackage::open(dir);
        QVERIFY(!p.isCompleted());
        p.markCompleted(aborted);
        QVERIFY(p.isCompleted());
        // The bare word, not JSON (spec 1.2).
        QCOMPARE(readFile(QDir(dir).filePath("package_completed.json")), word);
        QCOMPARE(p.completionState(), QString::fromLatin1(word));
        try {
            p.markCompleted(!aborted);
            QFAIL("completed twice");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Internal);
        }
        QCOMPARE(readFile(QDir(dir).filePath("package_completed.json")), word);
        // A completed package can still be opened.
        QCOMPARE(LoadPackage::open(dir).completionState(), QString::fromLatin1(word));
    }

    void completionStateTolerant_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("state");
        QTest::newRow("bare") << QByteArray("loaded") << "loaded";
        QTest::newRow("json string") << QByteArray("\"loaded\"") << "loaded";
        QTest::newRow("newline") << QByteArray("aborted\n") << "aborted";
        QTest::newRow("quotes and CRLF") << QByteArray("\"aborted\"\r\n") << "aborted";
        QTest::newRow("blanks around") << QByteArray("  \tloaded  \n") << "loaded";
        QTest::newRow("empty") << QByteArray() << "";
    }
    void completionStateTolerant()
    {
        QFETCH(QByteArray, content);
        const QString dir = package("1700000000.1");
        QVERIFY(writeFile(QDir(dir).filePath("package_completed.json"), content));
        const LoadPackage p = LoadPackage::open(dir);
        QVERIFY(p.isCompleted());
        QTEST(p.completionState(), "state");
    }

    void archive_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("archived"); // empty: stays in place
        QTest::newRow("pipeline load/normalized") << "pipe/load/normalized/1700000000.1"
                                                  << "pipe/load/loaded/1700000000.1";
        QTest::newRow("loaded folder already exists") << "other/load/normalized/1700000000.1"
                                                      << "other/load/loaded/1700000000.1";
        QTest::newRow("plain folder of packages") << "packages/1700000000.1"
                                                  << "";
        QTest::newRow("normalized without load") << "x/normalized/1700000000.1"
                                                 << "";
        QTest::newRow("load/new is not archived") << "pipe/load/new/1700000000.1"
                                                  << "";
    }
    void archive()
    {
        QFETCH(QString, layout);
        QFETCH(QString, archived);
        const QString dir = package(layout, {"completed_jobs/t.a.0.csv"});
        QVERIFY(!dir.isEmpty());
        if (QTest::currentDataTag() == QByteArrayLiteral("loaded folder already exists"))
            QVERIFY(package("other/load/loaded/1600000000.1").size());
        LoadPackage p = LoadPackage::open(dir);
        p.markCompleted(false);
        const QString result = p.archive();
        if (archived.isEmpty()) {
            QCOMPARE(result, QFileInfo(dir).absoluteFilePath());
            QCOMPARE(p.dir(), result);
            QVERIFY(QFileInfo::exists(QDir(dir).filePath("package_completed.json")));
            return;
        }
        const QString target = path(archived);
        QCOMPARE(result, target);
        QCOMPARE(p.dir(), target);
        QVERIFY(!QFileInfo::exists(dir));
        QVERIFY(QFileInfo::exists(QDir(target).filePath("schema.json")));
        QVERIFY(QFileInfo::exists(QDir(target).filePath("completed_jobs/t.a.0.csv")));
        // The object follows the move.
        QCOMPARE(p.completionState(), QStringLiteral("loaded"));
        QCOMPARE(namesOf(p.jobs(JobFolder::Completed)), QStringList({"t.a.0.csv"}));
        QCOMPARE(LoadPackage::findPackages(path(archived.section('/', 0, 0))), QStringList());
    }

    void archiveOpenedWithTrailingSlash()
    {
        const QString dir = package("pipe/load/normalized/1700000000.1");
        LoadPackage p = LoadPackage::open(dir + QLatin1Char('/'));
        p.markCompleted(false);
        const QString target = path("pipe/load/loaded/1700000000.1");
        QCOMPARE(p.archive(), target);
        QVERIFY(QFileInfo::exists(QDir(target).filePath("package_completed.json")));
    }

    void loadSchema()
    {
        const QString dir = package("1700000000.1");
        QCOMPARE(LoadPackage::open(dir).loadSchema().name, QStringLiteral("chess"));
        const QString noSchema = path("1700000000.2");
        QVERIFY(QDir().mkpath(noSchema + "/new_jobs"));
        try {
            LoadPackage::open(noSchema).loadSchema();
            QFAIL("no schema");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
        }
    }
};

QTEST_GUILESS_MAIN(tst_LoadPackage)
#include "tst_LoadPackage.moc"
