#include "TestSupport.h"
#include "load/PackagesModel.h"
#include "load/PackagesPanel.h"
#include "package/LoadPackage.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHeaderView>
#include <QMimeData>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace wharf;
using wharf::ui::PackagesModel;
using wharf::ui::PackageState;

namespace {

const QString kInsertValues = QStringLiteral("gh_issues_insert_values/1795476037.8625736");
const QString kCsv = QStringLiteral("gh_issues_csv/1795476039.4863045");
const QString kJsonl = QStringLiteral("gh_issues_typed_jsonl/1795476041.0216246");

} // namespace

class TestPackagesModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_root;

    int m_expected = 0; ///< packages in tests/data/packages (the folder grows with new cases)

    QString pkg(const QString &relative) const { return QDir(m_root).filePath(relative); }

private slots:
    void init()
    {
        QVERIFY(m_tmp.isValid());
        m_root = QDir(m_tmp.path()).filePath(QString::number(QDateTime::currentMSecsSinceEpoch()));
        QVERIFY(test::copyTree(test::dataPath(QStringLiteral("packages")), m_root));
        m_expected = 0;
        QDirIterator it(m_root, {QStringLiteral("schema.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            m_expected += QDir(m_root).relativeFilePath(it.next()).count(QLatin1Char('/')) == 2 ? 1 : 0;
        QVERIFY(m_expected >= 7);
    }

    void listsPackagesTwoLevelsDown()
    {
        PackagesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy read(&model, &PackagesModel::summariesRead);
        model.setRoots({m_root});
        // The folders are listed at once; the summaries are read off the GUI thread.
        QCOMPARE(model.rowCount(), m_expected);
        QVERIFY(model.isReading());
        QVERIFY(model.package(model.rowOf(pkg(kInsertValues))).reading);
        QVERIFY(!model.package(model.rowOf(pkg(kInsertValues))).isLoadable());
        QCOMPARE(model.index(model.rowOf(pkg(kInsertValues)), PackagesModel::StateColumn).data().toString(),
                 QStringLiteral("reading…"));
        QTRY_VERIFY(!model.isReading());
        QCOMPARE(read.count(), 1);
        QCOMPARE(model.rowCount(), m_expected);
        QCOMPARE(model.columnCount(), int(PackagesModel::ColumnCount));
        const int row = model.rowOf(pkg(kInsertValues));
        QVERIFY(row >= 0);
        const auto &p = model.package(row);
        QCOMPARE(p.loadId, QStringLiteral("1795476037.8625736"));
        QCOMPARE(p.pipelineName, QStringLiteral("gh_issues_insert_values"));
        QCOMPARE(p.state, PackageState::New);
        QCOMPARE(p.newJobs, 4);
        QCOMPARE(p.totalJobs(), 4);
        QVERIFY(p.totalBytes > 0);
        QVERIFY(p.isLoadable());
        QCOMPARE(model.index(row, PackagesModel::LoadIdColumn).data().toString(), p.loadId);
        QCOMPARE(model.index(row, PackagesModel::StateColumn).data().toString(), QStringLiteral("new"));
        QCOMPARE(model.index(row, PackagesModel::JobsColumn).data().toString(), QStringLiteral("0/4"));
        QCOMPARE(model.index(row, PackagesModel::SizeColumn).data().toString(),
                 QLocale().formattedDataSize(p.totalBytes));
        QCOMPARE(model.index(row, PackagesModel::PipelineColumn).data(PackagesModel::DirRole).toString(), p.dir);
        QVERIFY(!model.headerData(PackagesModel::JobsColumn, Qt::Horizontal).toString().isEmpty());
    }

    void statesFollowTheFolders()
    {
        PackagesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRoots({m_root});
        QTRY_VERIFY(!model.isReading());

        LoadPackage loaded = LoadPackage::open(pkg(kInsertValues));
        for (const auto &job : loaded.jobs(JobFolder::New))
            loaded.moveJob(job, JobFolder::Completed);
        loaded.markCompleted(false);
        LoadPackage aborted = LoadPackage::open(pkg(kCsv));
        aborted.moveJob(aborted.jobs(JobFolder::New).first(), JobFolder::Failed);
        aborted.markCompleted(true);
        LoadPackage partial = LoadPackage::open(pkg(kJsonl));
        partial.moveJob(partial.jobs(JobFolder::New).first(), JobFolder::Completed);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QTRY_VERIFY(!model.isReading());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), m_expected);
        const auto &l = model.package(model.rowOf(pkg(kInsertValues)));
        QCOMPARE(l.state, PackageState::Loaded);
        QCOMPARE(l.completedJobs, 4);
        QVERIFY(!l.isLoadable());
        QCOMPARE(model.index(model.rowOf(pkg(kInsertValues)), PackagesModel::JobsColumn).data().toString(),
                 QStringLiteral("4/4"));
        const auto &a = model.package(model.rowOf(pkg(kCsv)));
        QCOMPARE(a.state, PackageState::Aborted);
        QCOMPARE(a.failedJobs, 1);
        QVERIFY(model.index(model.rowOf(pkg(kCsv)), PackagesModel::JobsColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("1 failed")));
        const int partialRow = model.rowOf(pkg(kJsonl));
        QCOMPARE(model.package(partialRow).state, PackageState::PartiallyLoaded);
        QCOMPARE(model.index(partialRow, PackagesModel::StateColumn).data().toString(),
                 QStringLiteral("partially loaded"));
        QVERIFY(model.index(partialRow, PackagesModel::StateColumn).data(Qt::ForegroundRole).isValid());
        QVERIFY(model.package(partialRow).isLoadable());
        QCOMPARE(model.package(model.firstLoadableRow()).state, PackageState::New);
    }

    void unreadablePackageIsListed()
    {
        const QString broken = QDir(m_root).filePath(QStringLiteral("broken/1.0"));
        QVERIFY(QDir().mkpath(broken + QStringLiteral("/new_jobs")));
        QFile junk(broken + QStringLiteral("/new_jobs/not a job file"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.close();
        PackagesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRoots({broken});
        QTRY_VERIFY(!model.isReading());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.package(0).state, PackageState::Unreadable);
        QVERIFY(!model.package(0).error.isEmpty());
        QCOMPARE(model.index(0, 0).data(Qt::ToolTipRole).toString(), model.package(0).error);
        QCOMPARE(model.firstLoadableRow(), -1);
    }

    void rootsAreDeduplicated()
    {
        PackagesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QVERIFY(model.addRoot(pkg(kInsertValues))); // a package folder itself
        QTRY_VERIFY(!model.isReading());
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(!model.addRoot(pkg(kInsertValues)));
        QTRY_VERIFY(!model.isReading());
        QVERIFY(model.addRoot(m_root)); // contains it again: listed once
        QTRY_VERIFY(!model.isReading());
        QCOMPARE(model.rowCount(), m_expected);
        QCOMPARE(model.roots().size(), 2);
        QVERIFY(model.addRoot(QDir(m_tmp.path()).filePath(QStringLiteral("does-not-exist"))));
        QTRY_VERIFY(!model.isReading());
        QCOMPARE(model.rowCount(), m_expected);
    }

    void panelKeepsSelectionAcrossRefresh()
    {
        ui::PackagesPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy changed(&panel, &ui::PackagesPanel::currentPackageChanged);
        panel.model()->setRoots({m_root});
        QTRY_VERIFY(!panel.model()->isReading());
        QVERIFY(panel.selectPackage(pkg(kCsv)));
        QCOMPARE(panel.currentPackage(), pkg(kCsv));
        QCOMPARE(changed.count(), 1);
        LoadPackage::open(pkg(kCsv)).markCompleted(false);
        panel.refresh();
        QTRY_VERIFY(!panel.model()->isReading());
        QCOMPARE(panel.currentPackage(), pkg(kCsv));
        // Selected as well as current: the row stays highlighted.
        const QModelIndex current = panel.view()->selectionModel()->currentIndex();
        QVERIFY(panel.view()->selectionModel()->isRowSelected(current.row(), current.parent()));
        QCOMPARE(changed.count(), 1); // same package: no change announced
        QCOMPARE(panel.model()->package(panel.model()->rowOf(pkg(kCsv))).state, PackageState::Loaded);
        panel.selectFirstLoadable();
        QVERIFY(panel.currentPackage() != pkg(kCsv));
        QVERIFY(panel.model()->package(panel.model()->rowOf(panel.currentPackage())).isLoadable());
    }

    void panelListsOldestFirstAndSortsByAnyColumn()
    {
        ui::PackagesPanel panel;
        panel.model()->setRoots({m_root});
        QTRY_VERIFY(!panel.model()->isReading());
        const QAbstractItemModel *shown = panel.view()->model();
        const auto loadIdAt = [shown](int row) {
            return shown->index(row, PackagesModel::LoadIdColumn).data().toString().toDouble();
        };
        QVERIFY(shown->rowCount() >= 3);
        for (int r = 1; r < shown->rowCount(); ++r)
            QVERIFY2(loadIdAt(r - 1) <= loadIdAt(r), qPrintable(QString::number(r)));
        // A click on Size sorts by bytes, not by the text ("9 KiB" after "75 KiB").
        panel.view()->horizontalHeader()->setSortIndicator(PackagesModel::SizeColumn, Qt::DescendingOrder);
        const auto bytesAt = [&](int row) {
            const QString dir = shown->index(row, 0).data(PackagesModel::DirRole).toString();
            return panel.model()->package(panel.model()->rowOf(dir)).totalBytes;
        };
        for (int r = 1; r < shown->rowCount(); ++r)
            QVERIFY(bytesAt(r - 1) >= bytesAt(r));
        // The selection follows its package through a re-sort.
        QVERIFY(panel.selectPackage(pkg(kJsonl)));
        panel.view()->horizontalHeader()->setSortIndicator(PackagesModel::LoadIdColumn, Qt::DescendingOrder);
        QCOMPARE(panel.currentPackage(), pkg(kJsonl));
        QVERIFY(loadIdAt(0) >= loadIdAt(shown->rowCount() - 1));
    }

    void tablesColumnListsUserTablesFirst()
    {
        PackagesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRoots({pkg(kInsertValues)});
        QTRY_VERIFY(!model.isReading());
        QCOMPARE(model.rowCount(), 1);
        const QStringList tables = model.package(0).tables;
        QVERIFY(tables.contains(QStringLiteral("issues")));
        QVERIFY(tables.contains(QStringLiteral("_dlt_pipeline_state")));
        QVERIFY(std::is_sorted(tables.begin(), tables.end()));
        const QString shown = model.index(0, PackagesModel::TablesColumn).data().toString();
        QVERIFY2(shown.startsWith(QStringLiteral("issues")), qPrintable(shown));
        QVERIFY(shown.endsWith(QStringLiteral("_dlt_pipeline_state")));
        QCOMPARE(model.index(0, PackagesModel::TablesColumn).data(Qt::ToolTipRole).toString(), shown);
        QCOMPARE(model.headerData(PackagesModel::TablesColumn, Qt::Horizontal).toString(), QStringLiteral("Tables"));
    }

    /// ~/.dlt/pipelines/<name>/load/{normalized,loaded}: both listed; an archived package is
    /// followed by the panel when a load moves it.
    void pipelineFoldersListNormalizedAndLoaded()
    {
        const QString pipelines = QDir(m_tmp.path()).filePath(QStringLiteral("pipelines"));
        const QString normalized = pipelines + QStringLiteral("/gh/load/normalized");
        QVERIFY(QDir().mkpath(normalized));
        QVERIFY(QDir().mkpath(pipelines + QStringLiteral("/gh/load/loaded")));
        QVERIFY(test::copyTree(pkg(kInsertValues), normalized + QStringLiteral("/1795476037.8625736")));
        QVERIFY(test::copyTree(pkg(kCsv), normalized + QStringLiteral("/1795476039.4863045")));
        QVERIFY(QDir().mkpath(pipelines + QStringLiteral("/empty_pipeline/load/normalized")));

        ui::PackagesPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        panel.model()->setRoots({pipelines});
        QTRY_VERIFY(!panel.model()->isReading());
        QCOMPARE(panel.model()->rowCount(), 2);
        const QString first = normalized + QStringLiteral("/1795476037.8625736");
        QVERIFY(panel.selectPackage(first));

        LoadPackage p = LoadPackage::open(first);
        for (const auto &job : p.jobs(JobFolder::New))
            p.moveJob(job, JobFolder::Completed);
        p.markCompleted(false);
        const QString archived = p.archive();
        QVERIFY(archived.contains(QStringLiteral("/load/loaded/")));

        QSignalSpy changed(&panel, &ui::PackagesPanel::currentPackageChanged);
        panel.refresh();
        QTRY_VERIFY(!panel.model()->isReading());
        QCOMPARE(panel.model()->rowCount(), 2); // still both: one normalized, one loaded
        QCOMPARE(panel.currentPackage(), QFileInfo(archived).absoluteFilePath());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel.model()->package(panel.model()->rowOf(archived)).state, PackageState::Loaded);
        // The pipeline folder itself is a root too.
        QCOMPARE(PackagesModel::scan(pipelines + QStringLiteral("/gh")).size(), 2);
        QCOMPARE(PackagesModel::scan(pipelines + QStringLiteral("/empty_pipeline")).size(), 0);
    }

    void droppedFoldersAreAnnounced()
    {
        ui::PackagesPanel panel;
        panel.resize(600, 300);
        QVERIFY(panel.acceptDrops());
        QSignalSpy dropped(&panel, &ui::PackagesPanel::foldersDropped);
        QMimeData mime;
        const QString file = pkg(kCsv) + QStringLiteral("/schema.json");
        QVERIFY(QFileInfo::exists(file));
        mime.setUrls({QUrl::fromLocalFile(m_root), QUrl::fromLocalFile(file), QUrl(QStringLiteral("https://x/y"))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&panel, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&panel, &drop);
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(dropped.at(0).at(0).toStringList(), QStringList{QFileInfo(m_root).absoluteFilePath()});

        QMimeData filesOnly;
        filesOnly.setUrls({QUrl::fromLocalFile(file)});
        QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &filesOnly, Qt::LeftButton, Qt::NoModifier);
        refused.ignore();
        QCoreApplication::sendEvent(&panel, &refused);
        QVERIFY(!refused.isAccepted());
    }
};

QTEST_MAIN(TestPackagesModel)
#include "tst_PackagesModel.moc"
