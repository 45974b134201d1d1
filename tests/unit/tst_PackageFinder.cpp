#include "TestSupport.h"
#include "package/PackageFinder.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace wharf;

class TestPackageFinder : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;

    QString package(const QString &relative)
    {
        const QString dir = QDir(m_tmp.path()).filePath(relative);
        const QString source = test::dataPath(QStringLiteral("packages/gh_issues_csv/1795476039.4863045"));
        if (!test::copyTree(source, dir))
            return {};
        return QDir(dir).absolutePath();
    }

private slots:
    void layouts()
    {
        QVERIFY(m_tmp.isValid());
        const QString single = package(QStringLiteral("single/1.0"));
        QCOMPARE(packagefinder::find(single), QStringList{single});
        QCOMPARE(packagefinder::find(QDir(m_tmp.path()).filePath(QStringLiteral("single"))), QStringList{single});

        // A pipeline folder: normalized first, then loaded; each sorted by load id.
        const QString n2 = package(QStringLiteral("pipes/p/load/normalized/2.0"));
        const QString n1 = package(QStringLiteral("pipes/p/load/normalized/1.0"));
        const QString l1 = package(QStringLiteral("pipes/p/load/loaded/0.5"));
        QVERIFY(QDir().mkpath(QDir(m_tmp.path()).filePath(QStringLiteral("pipes/p/load/normalized/not_a_package"))));
        const QStringList expected{n1, n2, l1};
        QCOMPARE(packagefinder::find(QDir(m_tmp.path()).filePath(QStringLiteral("pipes/p"))), expected);
        // The folder of pipelines (~/.dlt/pipelines).
        const QString q1 = package(QStringLiteral("pipes/q/load/normalized/3.0"));
        QCOMPARE(packagefinder::find(QDir(m_tmp.path()).filePath(QStringLiteral("pipes"))), expected + QStringList{q1});

        // Not a folder, or nothing in it.
        QVERIFY(packagefinder::find(QDir(m_tmp.path()).filePath(QStringLiteral("missing"))).isEmpty());
        QVERIFY(packagefinder::find(n1 + QStringLiteral("/schema.json")).isEmpty());
    }

    void pipelinesDirFollowsDltDataDir()
    {
        qputenv("DLT_DATA_DIR", "/srv/dlt-data");
        QCOMPARE(packagefinder::dltPipelinesDir(), QStringLiteral("/srv/dlt-data/pipelines"));
        qunsetenv("DLT_DATA_DIR");
        const QString expected = ::geteuid() == 0 ? QStringLiteral("/var/dlt/pipelines")
                                                  : QDir::home().filePath(QStringLiteral(".dlt/pipelines"));
        QCOMPARE(packagefinder::dltPipelinesDir(), expected);
    }
};

QTEST_MAIN(TestPackageFinder)
#include "tst_PackageFinder.moc"
