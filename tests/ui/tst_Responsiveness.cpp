// Issue 5: a package of 10,000 jobs, loaded through the main window, keeps the GUI thread's
// event loop responsive. The longest stall is measured and printed; the bound asserted here is
// the 250 ms (the tighter 50 ms target is measured by bench/wharf_bench_ui).
#include "BuiltinDestinations.h"
#include "GuiTestMain.h"
#include "LoadSession.h"
#include "LogBus.h"
#include "ManyJobsPackage.h"
#include "StallMeter.h"
#include "load/JobsModel.h"
#include "load/JobsPanel.h"
#include "load/LoadControls.h"
#include "load/PackagesPanel.h"
#include "load/ThroughputChart.h"
#include "log/LogDock.h"
#include "shell/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf;

namespace {
constexpr int kJobs = 10000;
constexpr double kMaxStallMs = 250.0;
constexpr int kLoadTimeoutMs = 240000;
} // namespace

class TestResponsiveness : public QObject {
    Q_OBJECT
public:
    QString m_home;

private slots:
    void initTestCase() { ui::LogBus::installMessageHandler(); }
    void cleanupTestCase() { ui::LogBus::uninstallMessageHandler(); }

    void tenThousandJobsKeepTheWindowResponsive()
    {
        test::ManyJobsSpec spec;
        spec.jobs = kJobs;
        const QString root = QDir(m_home).filePath(QStringLiteral("packages"));
        const QString package = test::writeManyJobsPackage(QDir(root).filePath(spec.pipeline), spec);
        QVERIFY(!package.isEmpty());

        ui::StartupState startup;
        startup.packageRoots = {root};
        startup.destinationType = QStringLiteral("dummy");
        ui::MainWindow window(startup);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(window.packagesPanel()->currentPackage(), package); // once its summary is read
        ui::JobsModel *jobs = window.jobsPanel()->model();
        QTRY_COMPARE_WITH_TIMEOUT(jobs->rowCount(), kJobs, 30000); // read on a pool thread
        QCOMPARE(jobs->countInState(JobState::Ready), kJobs);
        QVERIFY(window.runAction()->isEnabled());

        test::StallMeter meter(5);
        QSignalSpy finished(window.session(), &ui::LoadSession::finished);
        QSignalSpy progress(window.session(), &ui::LoadSession::progressChanged);
        meter.start();
        window.run();
        QVERIFY(window.session()->isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLoadTimeoutMs);
        QTest::qWait(500); // what follows the end: package list refresh, last batches, log lines
        meter.stop();

        const auto result = finished.first().first().value<PackageResult>();
        qInfo().noquote() << QStringLiteral("%1 jobs loaded into dummy in %2 ms; GUI thread stalls: %3")
                                 .arg(kJobs)
                                 .arg(result.elapsedMs)
                                 .arg(meter.summary());
        QCOMPARE(result.status, PackageStatus::Loaded);
        QCOMPARE(result.jobsCompleted, kJobs);
        QCOMPARE(result.rows, qint64(kJobs));
        // The table followed the load to its end, and the progress moved and ended full.
        QCOMPARE(jobs->countInState(JobState::Completed), kJobs);
        QVERIFY(jobs->allCompleted());
        QVERIFY(progress.count() >= 2);
        QCOMPARE(window.loadControls()->progressBar()->value(), window.loadControls()->progressBar()->maximum());
        QVERIFY(!window.loadControls()->chart()->points().isEmpty());
        QVERIFY(meter.ticks() > 10);
        QVERIFY2(meter.maxGapMs() < kMaxStallMs, qPrintable(meter.summary()));
    }
};

int main(int argc, char **argv)
{
    return wharf::test::runGuiTest<TestResponsiveness>(argc, argv);
}

#include "tst_Responsiveness.moc"
