// "Load a copy": a loaded package is never loaded again, so its rows go elsewhere through a
// copy (packageactions::copyForAnotherLoad) that keeps the load id and schema, puts every data
// job back in new_jobs/ with no retries, leaves the completion marker, metrics and follow-up
// jobs behind, and loads to the end like the original.
#include "TestSupport.h"
#include "dummy/DummyDestination.h"
#include "load/PackageLoader.h"
#include "package/PackageActions.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf;

namespace {
const QString kLoadId = QStringLiteral("1795476037.8625736");
}

class tst_PackageCopy : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    static PackageResult load(const QString &dir)
    {
        ResolvedConfig config;
        config.destinationName = config.destinationType = QStringLiteral("dummy");
        CancelToken cancel;
        PackageLoader loader(std::make_shared<dummy::DummyDestination>(), config, LoadOptions{});
        return loader.load(dir, cancel);
    }

private slots:
    void init() { dummy::DummyDestination::resetCompletedLoads(); }

    void aLoadedPackageCopiedLoadsAgain()
    {
        const QString root = QDir(m_tmp.path()).filePath(QStringLiteral("original"));
        QVERIFY(test::copyTree(test::dataPath(QStringLiteral("packages/gh_issues_insert_values")), root));
        const QString dir = QDir(root).filePath(kLoadId);
        // One job failed once before it went through: its file name carries retry 1.
        {
            LoadPackage package = LoadPackage::open(dir);
            const JobFile first = package.jobs(JobFolder::New).first();
            QFile::rename(first.path,
                          QDir(QFileInfo(first.path).absolutePath()).filePath(first.name.nextRetry().fileName()));
        }
        QCOMPARE(load(dir).status, PackageStatus::Loaded);
        const LoadPackage loaded = LoadPackage::open(dir);
        QVERIFY(loaded.isCompleted());

        const QString target = QDir(m_tmp.path()).filePath(QStringLiteral("copies/gh_issues_insert_values"));
        const QString copy = packageactions::copyForAnotherLoad(loaded, target);
        QCOMPARE(QFileInfo(copy).fileName(), kLoadId); // the rows' _dlt_load_id stays true
        QVERIFY(QFile::exists(QDir(target).filePath(QStringLiteral("pipeline_state.json"))));
        QVERIFY(QFile::exists(QDir(copy).filePath(QStringLiteral("schema.json"))));
        QVERIFY(!QFile::exists(QDir(copy).filePath(QStringLiteral("package_completed.json"))));
        QVERIFY(!QFile::exists(QDir(copy).filePath(QStringLiteral("applied_schema_updates.json"))));
        QFile state(QDir(copy).filePath(QStringLiteral("load_package_state.json")));
        QVERIFY(state.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(state.readAll()).object();
        QVERIFY(!json.contains(QStringLiteral("load_metrics")));
        QVERIFY(json.contains(QStringLiteral("pipeline_state")));

        const LoadPackage fresh = LoadPackage::open(copy);
        QVERIFY(!fresh.isCompleted());
        QCOMPARE(fresh.jobs(JobFolder::New).size(), 4);
        for (const JobFile &job : fresh.allJobs()) {
            QCOMPARE(job.folder, JobFolder::New);
            QCOMPARE(job.name.retryCount, 0);
        }
        // The original is untouched, and the copy loads to the end with the same rows.
        QVERIFY(LoadPackage::open(dir).isCompleted());
        QCOMPARE(LoadPackage::open(dir).jobs(JobFolder::Completed).size(), 4);
        const PackageResult again = load(copy);
        QCOMPARE(again.status, PackageStatus::Loaded);
        QCOMPARE(again.loadId, kLoadId);
        QCOMPARE(again.rows, 166);

        // A second copy to the same place is refused, and nothing is half-written.
        try {
            packageactions::copyForAnotherLoad(loaded, target);
            QFAIL("a copy over an existing one was made");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
            QVERIFY(e.message().contains(QStringLiteral("exists already")));
        }
        QVERIFY(LoadPackage::open(copy).isCompleted());
    }
};

QTEST_GUILESS_MAIN(tst_PackageCopy)
#include "tst_PackageCopy.moc"
