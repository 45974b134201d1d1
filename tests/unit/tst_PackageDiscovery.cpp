// Finding load packages (LoadPackage::findPackages: a package, a folder of them, a pipeline's
// working folder) and the dataset a package loads into when none is given (the pipeline state
// beside it, in its pipeline's folder, or compressed in its own load_package_state.json).
#include "PackageFolders.h"
#include "TestSupport.h"
#include "package/LoadPackage.h"

#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace wharf;
using namespace wharf::test::folders;

class tst_PackageDiscovery : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;

    QString path(const QString &relative) const { return QDir(m_tmp->path()).filePath(relative); }

    /// A package at `relative` (its schema.json only).
    QString package(const QString &relative)
    {
        const QString dir = path(relative);
        return makePackage(dir) ? dir : QString();
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
    }
    void cleanup() { m_tmp.reset(); }

    void findPackagesOnAPackage()
    {
        const QString dir = package("folder/1700000000.1");
        QCOMPARE(LoadPackage::findPackages(dir), QStringList({QFileInfo(dir).absoluteFilePath()}));
        // A package with only new_jobs/ counts too.
        const QString bare = path("folder2/1700000000.2");
        QVERIFY(QDir().mkpath(bare + "/new_jobs"));
        QCOMPARE(LoadPackage::findPackages(bare), QStringList({bare}));
    }

    void findPackagesInFolder()
    {
        // Created out of order; listed oldest first (load ids sorted as strings).
        for (const char *id : {"1700000002.5", "1700000001.5", "1700000001.25"})
            QVERIFY(package(QStringLiteral("many/") + QLatin1String(id)).size());
        QVERIFY(QDir().mkpath(path("many/not_a_package/sub")));
        QVERIFY(writeFile(path("many/notes.txt"), "x"));
        QVERIFY(writeFile(path("many/pipeline_state.json"), "{}"));
        const QStringList found = LoadPackage::findPackages(path("many"));
        QCOMPARE(fileNames(found), QStringList({"1700000001.25", "1700000001.5", "1700000002.5"}));
        for (const auto &f : found)
            QVERIFY(QFileInfo(f).isAbsolute());
    }

    void findPackagesInPipelineFolder()
    {
        QVERIFY(package("pipe/load/normalized/1700000003.1").size());
        QVERIFY(package("pipe/load/normalized/1700000001.1").size());
        QVERIFY(package("pipe/load/loaded/1600000000.1").size());
        QVERIFY(package("pipe/load/new/1800000000.1").size());
        QVERIFY(writeFile(path("pipe/state.json"), "{}"));
        const QStringList found = LoadPackage::findPackages(path("pipe"));
        QCOMPARE(found,
                 QStringList({path("pipe/load/normalized/1700000001.1"), path("pipe/load/normalized/1700000003.1")}));
    }

    void findPackagesNothing()
    {
        QVERIFY(QDir().mkpath(path("empty")));
        QVERIFY(LoadPackage::findPackages(path("empty")).isEmpty());
        QVERIFY(LoadPackage::findPackages(path("does_not_exist")).isEmpty());
    }

    void defaultDatasetNameFromSiblingPipelineState()
    {
        const QString dir = package("pkgs/1700000000.1");
        QVERIFY(writeFile(path("pkgs/pipeline_state.json"), R"({"pipeline_name":"p","dataset_name":"from_sibling"})"));
        QCOMPARE(LoadPackage::open(dir).defaultDatasetName(), QStringLiteral("from_sibling"));
    }

    void defaultDatasetNameFromPipelineWorkingDir()
    {
        const QString dir = package("pipe/load/normalized/1700000000.1");
        QVERIFY(writeFile(path("pipe/state.json"), R"({"pipeline_name":"pipe","dataset_name":"from_working_dir"})"));
        QCOMPARE(LoadPackage::open(dir).defaultDatasetName(), QStringLiteral("from_working_dir"));
    }

    void defaultDatasetNameFromPackageState()
    {
        // The package alone: only its load_package_state.json carries the (zlib+base64)
        // pipeline state.
        const QString dir = path("alone/" + kGhLoadId);
        QVERIFY(test::copyTree(test::dataPath("packages/gh_issues_insert_values/" + kGhLoadId), dir));
        const LoadPackage p = LoadPackage::open(dir);
        QCOMPARE(p.pipelineName(), QStringLiteral("gh_issues_insert_values"));
        QCOMPARE(p.pipelineState().value("pipeline_name").toString(), QStringLiteral("gh_issues_insert_values"));
        QCOMPARE(p.defaultDatasetName(), QStringLiteral("gh_issues_insert_values"));
        QCOMPARE(p.packageState().value("_state_engine_version").toInt(), 1);
    }

    void siblingStateWinsOverPackageState()
    {
        const QString dir = path("pkgs/" + kGhLoadId);
        QVERIFY(test::copyTree(test::dataPath("packages/gh_issues_insert_values/" + kGhLoadId), dir));
        QVERIFY(writeFile(path("pkgs/pipeline_state.json"), R"({"dataset_name":"override"})"));
        QCOMPARE(LoadPackage::open(dir).defaultDatasetName(), QStringLiteral("override"));
    }

    void defaultDatasetNameFallback_data()
    {
        QTest::addColumn<QByteArray>("packageState"); // empty: no load_package_state.json
        QTest::addColumn<QString>("expected");
        QTest::newRow("schema name") << QByteArray() << "chess_dataset";
        QTest::newRow("pipeline name without compressed state")
            << QByteArray(R"({"pipeline_state":{"pipeline_name":"my_pipe"}})") << "my_pipe_dataset";
        QTest::newRow("state without pipeline_state") << QByteArray(R"({"_state_version":1})") << "chess_dataset";
        QTest::newRow("undecodable compressed state")
            << QByteArray(R"({"pipeline_state":{"pipeline_name":"p2","state":"bm90IHpsaWI="}})") << "p2_dataset";
    }
    void defaultDatasetNameFallback()
    {
        QFETCH(QByteArray, packageState);
        const QString dir = package("lone/1700000000.1");
        if (!packageState.isEmpty())
            QVERIFY(writeFile(QDir(dir).filePath("load_package_state.json"), packageState));
        QTEST(LoadPackage::open(dir).defaultDatasetName(), "expected");
    }
};

QTEST_GUILESS_MAIN(tst_PackageDiscovery)
#include "tst_PackageDiscovery.moc"
