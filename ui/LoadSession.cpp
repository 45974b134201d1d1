#include "LoadSession.h"

#include "Error.h"
#include "config/ConfigResolver.h"
#include "destination/ResolvedDestination.h"
#include "load/LoadInfo.h"
#include "load/LoadOptions.h"
#include "load/Loader.h"
#include "package/LoadPackage.h"

#include "LogBus.h"

#include <QDeadlineTimer>
#include <QThread>

namespace wharf::ui {

LoadSession::LoadSession(QObject *parent)
    : QObject(parent)
    , m_loader(new Loader(this))
{
    connect(m_loader, &Loader::jobStateChanged, this, &LoadSession::jobStateChanged);
    connect(m_loader, &Loader::progressChanged, this, &LoadSession::progressChanged);
    connect(m_loader, &Loader::packageFinished, this, &LoadSession::onPackageFinished);
}

LoadSession::~LoadSession() = default;

bool LoadSession::isRunning() const
{
    return m_running;
}

QString LoadSession::start(const QString &packageDir, const QString &destinationName)
{
    if (isRunning())
        return tr("a load is already running");
    if (packageDir.isEmpty())
        return tr("no package selected");
    try {
        const ConfigResolver resolver(ConfigLocations::defaults());
        const ResolvedDestination destination = ResolvedDestination::resolve(resolver, destinationName);
        const LoadOptions options = LoadOptions::fromConfig(resolver, destinationName);
        const LoadPackage package = LoadPackage::open(packageDir);
        const int jobsTotal = int(package.allJobs().size());
        m_pipelineName = package.pipelineName();
        m_destinationName = destinationName;
        m_location = destination.displayLocation();
        if (!m_loader->start(destination.destination, destination.config, options, packageDir))
            return tr("a load is already running");
        m_running = true;
        qCInfo(lcUi).noquote() << "loading package" << package.loadId() << "into" << destinationName << "at"
                               << m_location;
        emit started(packageDir, jobsTotal);
        return {};
    } catch (const Error &e) {
        return e.fullText();
    }
}

void LoadSession::cancel()
{
    if (m_running)
        m_loader->cancel();
}

void LoadSession::onPackageFinished(const PackageResult &result)
{
    m_running = false;
    LoadInfo info;
    info.pipelineName = m_pipelineName;
    info.destinationName = m_destinationName;
    info.location = m_location;
    info.packages = {result};
    // The same words dlt prints for load_info, line by line so each gets a time stamp.
    const auto lines = info.toText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const bool cancelled = result.status == PackageStatus::Incomplete && result.error.kind == ErrorKind::Cancelled;
    const bool clean = result.status == PackageStatus::Loaded && result.failedJobs.isEmpty();
    for (const auto &line : lines) {
        if (clean || cancelled) // a cancel was asked for: no warning
            qCInfo(lcUi).noquote() << line;
        else
            qCWarning(lcUi).noquote() << line;
    }
    emit finished(result);
}

} // namespace wharf::ui
