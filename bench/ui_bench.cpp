// How responsive the main window stays while it loads a package of many small jobs: the GUI
// thread's longest stall (the longest gap between ticks of a 5 ms timer) against the 50 ms
// target of issue 5, with p99 and p50, for showing the package and for loading it. Not a test:
// it prints figures (tests/ui/tst_Responsiveness asserts the looser 250 ms bound).
//
//   build/bench/wharf_bench_ui [--jobs 10000] [--destination dummy|sqlite] [--interval 5] [--work DIR]
//
// Runs offscreen unless QT_QPA_PLATFORM says otherwise; HOME points into the scratch folder,
// so the SQLite destination writes there.
#include "BuiltinDestinations.h"
#include "LoadSession.h"
#include "LogBus.h"
#include "ManyJobsPackage.h"
#include "StallMeter.h"
#include "UiTestHome.h"
#include "load/JobsModel.h"
#include "load/JobsPanel.h"
#include "shell/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace wharf;

namespace {

constexpr double kTargetMs = 50.0;

/// Runs the event loop until `done` holds or `timeoutMs` passed; false on timeout.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

void spinFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

void printPhase(const char *phase, double seconds, const test::StallMeter &meter)
{
    std::printf("%-22s %9.2f %7d %9.1f %9.1f %9.1f  %s\n", phase, seconds, meter.ticks(), meter.maxGapMs(),
                meter.percentileMs(0.99), meter.percentileMs(0.5),
                meter.maxGapMs() <= kTargetMs ? "meets the 50 ms target" : "MISSES the 50 ms target");
    for (const auto &[atMs, gapMs] : meter.worstGaps(3))
        std::printf("%-22s   stall of %.1f ms ending %.0f ms into the phase\n", "", gapMs, atMs);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir tmp;
    QString work;
    for (int k = 1; k + 1 < argc; ++k)
        if (qstrcmp(argv[k], "--work") == 0)
            work = QString::fromLocal8Bit(argv[k + 1]);
    if (work.isEmpty())
        work = tmp.path();
    QDir().mkpath(work);
    const QString home = test::isolateHome(work);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("wharf-bench-ui"));
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("GUI thread stalls while the main window loads many small jobs"));
    p.addHelpOption();
    QCommandLineOption jobsOpt(QStringLiteral("jobs"), QStringLiteral("job files in the package"), QStringLiteral("N"),
                               QStringLiteral("10000"));
    QCommandLineOption destOpt(QStringLiteral("destination"), QStringLiteral("dummy or sqlite"), QStringLiteral("NAME"),
                               QStringLiteral("dummy"));
    QCommandLineOption intervalOpt(QStringLiteral("interval"), QStringLiteral("timer interval in ms"),
                                   QStringLiteral("MS"), QStringLiteral("5"));
    QCommandLineOption workOpt(QStringLiteral("work"), QStringLiteral("scratch folder (also HOME)"),
                               QStringLiteral("DIR"));
    p.addOptions({jobsOpt, destOpt, intervalOpt, workOpt});
    p.process(app);
    if (home.isEmpty()) {
        std::fprintf(stderr, "cannot prepare the scratch folder %s\n", work.toUtf8().constData());
        return 2;
    }
    registerBuiltinDestinations();

    test::ManyJobsSpec spec;
    spec.jobs = p.value(jobsOpt).toInt();
    const QString root = QDir(home).filePath(QStringLiteral("packages"));
    const QString package = test::writeManyJobsPackage(QDir(root).filePath(spec.pipeline), spec);
    if (package.isEmpty() || spec.jobs < 1) {
        std::fprintf(stderr, "cannot write the package\n");
        return 2;
    }
    std::printf("Wharf GUI responsiveness: %d jobs of %d row(s) into %s, timer every %s ms (scratch %s)\n", spec.jobs,
                spec.rowsPerJob, p.value(destOpt).toUtf8().constData(), p.value(intervalOpt).toUtf8().constData(),
                home.toUtf8().constData());
    std::printf("%-22s %9s %7s %9s %9s %9s\n", "phase", "seconds", "ticks", "max ms", "p99 ms", "p50 ms");

    ui::StartupState startup;
    startup.packageRoots = {root};
    startup.destinationType = p.value(destOpt);
    test::StallMeter meter(p.value(intervalOpt).toInt());
    QElapsedTimer clock;
    meter.start();
    clock.start();
    ui::MainWindow window(startup);
    window.show();
    ui::JobsModel *jobs = window.jobsPanel()->model();
    if (!spinUntil([&] { return jobs->rowCount() == spec.jobs; }, 120000)) {
        std::fprintf(stderr, "the package's jobs were not shown\n");
        return 1;
    }
    meter.stop();
    printPhase("open window, list jobs", double(clock.elapsed()) / 1000.0, meter);

    bool finished = false;
    PackageResult result;
    QObject::connect(window.session(), &ui::LoadSession::finished, &app, [&](const PackageResult &r) {
        result = r;
        finished = true;
    });
    meter.start();
    clock.restart();
    window.run();
    if (!spinUntil([&] { return finished; }, 600000)) {
        std::fprintf(stderr, "the load did not finish\n");
        return 1;
    }
    spinFor(500); // the package list refresh, the last batches and log lines
    meter.stop();
    printPhase("load (+0.5 s after)", double(clock.elapsed()) / 1000.0, meter);
    std::printf("load result: %s, %d of %d jobs, %lld rows in %.2f s\n",
                packageStatusName(result.status).toUtf8().constData(), result.jobsCompleted, result.jobsTotal,
                (long long)result.rows, double(result.elapsedMs) / 1000.0);
    return result.status == PackageStatus::Loaded ? 0 : 1;
}
