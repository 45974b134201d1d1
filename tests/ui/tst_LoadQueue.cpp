// The load queue from the window: several packages selected (or "Run all pending") load one
// after the other, oldest first, into the dataset typed in the window; one that fails for good
// is aborted and the queue goes on; Cancel stops the queue, which Resume queue finishes from
// where it stopped; each package's outcome stays in the Queue tab; a desktop notification
// when a queue ends out of sight.
#include "GuiTestMain.h"
#include "LoadQueue.h"
#include "LoadSession.h"
#include "ManyJobsPackage.h"
#include "Screenshot.h"
#include "SqliteProbe.h"
#include "SqliteWindow.h"
#include "TestSupport.h"
#include "destination/DestinationPicker.h"
#include "load/PackagesModel.h"
#include "load/PackagesPanel.h"
#include "load/QueueModel.h"
#include "load/QueuePanel.h"
#include "shell/DesktopNotifier.h"
#include "shell/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace wharf;

namespace {

constexpr int kLoadTimeoutMs = 60000;
const QString kStep1 = QStringLiteral("1795476048.6638606");
const QString kStep2 = QStringLiteral("1795476048.987292");
const QString kTypes = QStringLiteral("1800000000.000001");

QList<ui::QueueOutcome> outcomes(const ui::LoadQueue *queue)
{
    QList<ui::QueueOutcome> all;
    for (const ui::QueueEntry &e : queue->entries())
        all.append(e.outcome);
    return all;
}

QStringList loadIds(const ui::LoadQueue *queue)
{
    QStringList ids;
    for (const ui::QueueEntry &e : queue->entries())
        ids.append(e.loadId);
    return ids;
}

} // namespace

Q_DECLARE_METATYPE(QList<ui::QueueOutcome>)

class TestLoadQueue : public QObject {
    Q_OBJECT
public:
    QString m_home;

private slots:
    void sortsByLoadIdAsTimes()
    {
        // "10..." is newer than "9..." although it sorts first as text; duplicates go.
        const QStringList sorted =
            ui::LoadQueue::sortedByLoadId({QStringLiteral("/p/1800000000.5"), QStringLiteral("/q/999999999.9"),
                                           QStringLiteral("/p/1800000000.5"), QStringLiteral("/r/1795476048.987292")});
        QCOMPARE(sorted, (QStringList{QStringLiteral("/q/999999999.9"), QStringLiteral("/r/1795476048.987292"),
                                      QStringLiteral("/p/1800000000.5")}));
    }

    void selectedPackagesLoadInOrderIntoTheTypedDataset()
    {
        // Three packages, the middle one with a job file that is not insert_values at all.
        const QString folder = QDir(m_home).filePath(QStringLiteral("queue-packages"));
        QVERIFY(test::copyTree(test::dataPath(QStringLiteral("packages/types_append")),
                               folder + QStringLiteral("/types_append")));
        QVERIFY(test::copyTree(test::dataPath(QStringLiteral("packages/gh_issues_merge_step2")),
                               folder + QStringLiteral("/gh_issues_merge_step2")));
        QVERIFY(test::copyTree(test::dataPath(QStringLiteral("packages/gh_issues_merge_step1")),
                               folder + QStringLiteral("/gh_issues_merge_step1")));
        QFile broken(folder + QStringLiteral("/gh_issues_merge_step2/") + kStep2 +
                     QStringLiteral("/new_jobs/issues__labels.595b077b8d.0.insert_values.gz"));
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("INSERT INTO {} VALUES this is not a dlt job file\n");
        broken.close();

        ui::StartupState startup;
        startup.packageRoots = {folder};
        startup.destinationType = QStringLiteral("sqlite");
        ui::MainWindow window(startup);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAbstractItemModelTester tester(window.queuePanel()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        ui::PackagesPanel *packages = window.packagesPanel();
        QTRY_VERIFY(!packages->model()->isReading());
        QCOMPARE(packages->pendingPackages().size(), 3);

        // Selected newest first on purpose: the queue loads them oldest first anyway.
        QStringList selection = packages->pendingPackages();
        std::reverse(selection.begin(), selection.end());
        QCOMPARE(packages->selectPackages(selection), 3);
        QCOMPARE(packages->selectedPackages().size(), 3);
        QTRY_VERIFY(window.runAction()->isEnabled());
        QVERIFY2(window.runAction()->toolTip().contains(QStringLiteral("3 selected packages")),
                 qPrintable(window.runAction()->toolTip()));
        window.datasetEdit()->setText(QStringLiteral("queued"));

        QSignalSpy started(window.session(), &ui::LoadSession::started);
        QSignalSpy finished(window.queue(), &ui::LoadQueue::queueFinished);
        QSignalSpy notified(window.notifier(), &ui::DesktopNotifier::notified);
        window.runAction()->trigger();
        QVERIFY(window.queue()->isRunning());
        QCOMPARE(loadIds(window.queue()), (QStringList{kStep1, kStep2, kTypes}));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLoadTimeoutMs);

        // The broken package is aborted and the queue goes on, as `wharf load <folder>` does.
        QCOMPARE(started.count(), 3);
        QCOMPARE(outcomes(window.queue()), (QList<ui::QueueOutcome>{ui::QueueOutcome::Loaded, ui::QueueOutcome::Aborted,
                                                                    ui::QueueOutcome::Loaded}));
        const auto summary = finished.first().first().value<ui::QueueSummary>();
        QCOMPARE(summary.loaded, 2);
        QCOMPARE(summary.notLoaded, 1);
        // Only the loaded packages' rows count as loaded; the aborted one's do not.
        QCOMPARE(summary.rows, window.queue()->entries()[0].rows + window.queue()->entries()[2].rows);
        QVERIFY(window.queue()->entries()[1].rows > 0);
        QVERIFY(!summary.cancelled);
        QVERIFY(summary.stoppedBy.isEmpty());
        QVERIFY(!window.queue()->canResume()); // an aborted package is final (Retry failed jobs takes it back)
        QVERIFY(!window.resumeQueueAction()->isEnabled());
        const ui::QueueModel *model = window.queuePanel()->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(1, ui::QueueModel::OutcomeColumn).data().toString(), QStringLiteral("aborted"));
        QVERIFY2(
            model->index(1, ui::QueueModel::DetailsColumn).data().toString().contains(QStringLiteral("issues__labels")),
            qPrintable(model->index(1, ui::QueueModel::DetailsColumn).data().toString()));
        QVERIFY(!model->index(0, ui::QueueModel::RowsColumn).data().toString().isEmpty());
        QVERIFY(model->index(1, ui::QueueModel::RowsColumn).data().toString().isEmpty()); // not loaded: no rows claimed
        window.resize(1024, 700);
        test::saveScreenshots(&window, QStringLiteral("-queue"));
        // The window was left in sight: no notification.
        if (window.isActiveWindow())
            QCOMPARE(notified.count(), 0);

        // The rows went to the typed dataset, and the loads were recorded oldest first.
        test::SqliteProbe db(test::sqliteDatasetFile(QStringLiteral("queued")));
        QVERIFY(db.isOpen());
        QCOMPARE(db.rows(QStringLiteral("SELECT load_id, status FROM _dlt_loads ORDER BY rowid")),
                 (QStringList{kStep1 + QStringLiteral("|0"), kTypes + QStringLiteral("|0")}));
        QVERIFY(db.scalar(QStringLiteral("SELECT count(*) FROM all_types")).toLongLong() > 0);
        // Merge step 1 only: nothing of the aborted step 2 was merged into issues.
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT count(*) FROM issues WHERE _dlt_load_id = '%1'").arg(kStep2)).toLongLong(),
            0);
        QVERIFY(db.scalar(QStringLiteral("SELECT count(*) FROM issues WHERE _dlt_load_id = '%1'").arg(kStep1))
                    .toLongLong() > 0);
        QVERIFY(!QFileInfo::exists(test::sqliteDatasetFile(QStringLiteral("gh_issues_merge"))));
    }

    void cancelStopsTheQueueAndResumeFinishesIt()
    {
        // Three slow packages on the dummy destination (the loader's logic only).
        qputenv("DESTINATION__DUMMY__JOB_DELAY_MS", "400");
        const QString folder = QDir(m_home).filePath(QStringLiteral("slow-packages"));
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            test::ManyJobsSpec spec;
            spec.jobs = 4;
            spec.pipeline = QStringLiteral("slow_%1").arg(i);
            spec.loadId = QStringLiteral("180000000%1.000001").arg(3 - i); // the last written is the oldest
            ids.prepend(spec.loadId);
            QVERIFY(!test::writeManyJobsPackage(QDir(folder).filePath(spec.pipeline), spec).isEmpty());
        }
        ui::StartupState startup;
        startup.packageRoots = {folder};
        startup.destinationType = QStringLiteral("dummy");
        ui::MainWindow window(startup);
        QAbstractItemModelTester tester(window.queuePanel()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QTRY_VERIFY(window.runAllPendingAction()->isEnabled());
        QCOMPARE(window.runAllPendingAction()->text(), QStringLiteral("Run all &pending (3)"));

        QSignalSpy started(window.session(), &ui::LoadSession::started);
        QSignalSpy finished(window.queue(), &ui::LoadQueue::queueFinished);
        window.runAllPendingAction()->trigger();
        QCOMPARE(window.packagesPanel()->selectedPackages().size(), 3); // what is queued is selected
        QCOMPARE(loadIds(window.queue()), ids);
        QTRY_VERIFY(window.cancelAction()->isEnabled());
        window.cancelAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLoadTimeoutMs);
        QCOMPARE(started.count(), 1);
        QCOMPARE(outcomes(window.queue()),
                 (QList<ui::QueueOutcome>{ui::QueueOutcome::Cancelled, ui::QueueOutcome::Waiting,
                                          ui::QueueOutcome::Waiting}));
        QVERIFY(finished.first().first().value<ui::QueueSummary>().cancelled);
        QVERIFY(window.queue()->canResume());
        QCOMPARE(window.queue()->remaining(), 3);
        QTRY_VERIFY(window.resumeQueueAction()->isEnabled());
        QCOMPARE(window.resumeQueueAction()->text(), QStringLiteral("Resume &queue (3 left)"));
        QVERIFY2(window.queuePanel()->caption()->text().contains(QStringLiteral("Resume queue")),
                 qPrintable(window.queuePanel()->caption()->text()));

        // Resume: from the cancelled package on, in the same order; the window is out of sight,
        // so the end of the queue is told to the desktop.
        qputenv("DESTINATION__DUMMY__JOB_DELAY_MS", "0");
        QSignalSpy notified(window.notifier(), &ui::DesktopNotifier::notified);
        window.resumeQueueAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kLoadTimeoutMs);
        qunsetenv("DESTINATION__DUMMY__JOB_DELAY_MS");
        QCOMPARE(started.count(), 4);
        QStringList order;
        for (const auto &s : started)
            order.append(QFileInfo(s.first().toString()).fileName());
        QCOMPARE(order, (QStringList{ids[0], ids[0], ids[1], ids[2]}));
        QCOMPARE(outcomes(window.queue()), (QList<ui::QueueOutcome>{ui::QueueOutcome::Loaded, ui::QueueOutcome::Loaded,
                                                                    ui::QueueOutcome::Loaded}));
        QVERIFY(!window.queue()->canResume());
        QCOMPARE(notified.count(), 1);
        QVERIFY2(notified.first().at(1).toString().contains(QStringLiteral("3 packages loaded")),
                 qPrintable(notified.first().at(1).toString()));
        // Nothing is pending any more: the packages on disk say so.
        window.packagesPanel()->refresh();
        QTRY_VERIFY(!window.packagesPanel()->model()->isReading());
        QCOMPARE(window.packagesPanel()->pendingPackages().size(), 0);
        QVERIFY(!window.runAllPendingAction()->isEnabled());
    }

    void notificationsOnlyOutOfSight()
    {
        ui::QueueSummary one;
        one.packages = 1;
        one.elapsedMs = 500;
        QVERIFY(!ui::DesktopNotifier::worthTelling(one, false)); // a short single load
        one.elapsedMs = ui::DesktopNotifier::kLongQueueMs;
        QVERIFY(ui::DesktopNotifier::worthTelling(one, false)); // a long one
        QVERIFY(!ui::DesktopNotifier::worthTelling(one, true)); // the window says it already
        ui::QueueSummary three;
        three.packages = 3;
        QVERIFY(ui::DesktopNotifier::worthTelling(three, false));
    }
};

int main(int argc, char **argv)
{
    return wharf::test::runGuiTest<TestLoadQueue>(argc, argv);
}

#include "tst_LoadQueue.moc"
