#include "LoadCommand.h"

#include "Cli.h"
#include "ConsoleProgress.h"
#include "Error.h"
#include "PackageCommand.h"
#include "config/ConfigResolver.h"
#include "destination/ResolvedDestination.h"
#include "load/LoadInfo.h"
#include "load/PackageLoader.h"
#include "package/LoadPackage.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>
#include <csignal>

namespace wharf::cli {

namespace {

CancelToken *g_cancel = nullptr;

extern "C" void onInterrupt(int)
{
    // First Ctrl+C: stop gracefully (running jobs roll back, the package stays resumable).
    // A second one falls through to the default handler.
    if (g_cancel)
        g_cancel->cancel();
    std::signal(SIGINT, SIG_DFL);
}

int loadPackages(const QStringList &args, bool retry)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString name = retry ? QStringLiteral("retry") : QStringLiteral("load");
    PackageCommand command(name,
                           retry ? QStringLiteral("Moves the failed jobs of a dlt load package (or of every package "
                                                  "in a folder) back to new_jobs/ and loads the package to the "
                                                  "end. An aborted package is taken back first.")
                                 : QStringLiteral("Loads a dlt load package (or every package in a folder, oldest "
                                                  "first) into a destination."));
    QCommandLineParser &parser = command.parser();
    QCommandLineOption destOpt(QStringLiteral("destination"),
                               QStringLiteral("destination type or configured name (default: sqlite)"),
                               QStringLiteral("NAME"), QStringLiteral("sqlite"));
    QCommandLineOption datasetOpt(QStringLiteral("dataset"),
                                  QStringLiteral("dataset to load into (default: the pipeline's dataset_name)"),
                                  QStringLiteral("NAME"));
    QCommandLineOption projectOpt(QStringLiteral("project-dir"),
                                  QStringLiteral("folder whose .dlt/ holds config.toml and secrets.toml (default: "
                                                 "the current folder)"),
                                  QStringLiteral("DIR"));
    QCommandLineOption workersOpt(QStringLiteral("workers"), QStringLiteral("parallel jobs (load.workers)"),
                                  QStringLiteral("N"));
    parser.addOptions({destOpt, datasetOpt, projectOpt, workersOpt});
    if (const auto exit = command.parse(args))
        return *exit;
    const QStringList &packages = command.packages();

    ResolvedDestination target;
    LoadOptions options;
    try {
        ConfigLocations locations = ConfigLocations::defaults();
        if (parser.isSet(projectOpt))
            locations.projectDir = QDir(parser.value(projectOpt)).absolutePath();
        ConfigResolver resolver(locations);
        target = ResolvedDestination::resolve(resolver, parser.value(destOpt));
        options = LoadOptions::fromConfig(resolver, parser.value(destOpt));
    } catch (const Error &e) {
        err << "wharf " << name << ": configuration error: " << e.fullText() << "\n";
        return ExitUsage;
    }
    options.retryFailedJobs = retry;
    if (parser.isSet(datasetOpt))
        options.datasetName = parser.value(datasetOpt);
    if (parser.isSet(workersOpt)) {
        bool ok = false;
        options.workers = parser.value(workersOpt).toInt(&ok);
        if (!ok || options.workers < 1) {
            err << "wharf " << name << ": --workers must be a positive number\n";
            return ExitUsage;
        }
    }

    CancelToken cancel;
    g_cancel = &cancel;
    std::signal(SIGINT, onInterrupt);
    ConsoleProgress progress;
    PackageLoader loader(target.destination, target.config, options, &progress);
    LoadInfo info;
    info.destinationName = target.config.destinationName;
    info.location = target.displayLocation();
    bool ok = true;
    bool configError = false;
    for (const auto &p : packages) {
        if (cancel.isCancelled())
            break;
        QString state;
        try {
            const LoadPackage package = LoadPackage::open(p);
            state = package.isCompleted() ? package.completionState() : QString();
        } catch (const Error &e) {
            err << "wharf " << name << ": " << e.fullText() << "\n";
            return ExitFailed;
        }
        const bool takeBack = retry && state == QLatin1String("aborted");
        if (!state.isEmpty() && !takeBack) {
            if (packages.size() == 1) {
                err << "wharf " << name << ": package " << p << " is already completed (" << state << ")"
                    << (state == QLatin1String("aborted") ? "; 'wharf retry' takes it back" : "") << "\n";
                return ExitFailed;
            }
            continue; // a folder of packages: skip the ones already loaded, as dlt does
        }
        const PackageResult r = loader.load(p, cancel);
        if (info.pipelineName.isEmpty()) {
            try {
                info.pipelineName = LoadPackage::open(r.packageDir).pipelineName();
            } catch (const Error &) {
            }
        }
        info.packages.append(r);
        if (r.status != PackageStatus::Loaded || !r.failedJobs.isEmpty())
            ok = false;
        if (r.status != PackageStatus::Loaded && r.error.kind == ErrorKind::Config)
            configError = true;
        if (r.status == PackageStatus::Refused || r.status == PackageStatus::Incomplete)
            break; // later packages would build on this one
    }
    std::signal(SIGINT, SIG_DFL);
    g_cancel = nullptr;
    out << info.toText() << "\n";
    out.flush();
    if (configError)
        return ExitUsage;
    return ok ? ExitOk : ExitFailed;
}

} // namespace

int runLoad(const QStringList &args)
{
    return loadPackages(args, false);
}

int runRetry(const QStringList &args)
{
    return loadPackages(args, true);
}

} // namespace wharf::cli
