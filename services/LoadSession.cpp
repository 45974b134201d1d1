#include "LoadSession.h"

#include "Error.h"
#include "config/ConfigResolver.h"
#include "destination/ResolvedDestination.h"
#include "load/LoadInfo.h"
#include "load/LoadOptions.h"
#include "load/LoadPreview.h"
#include "load/LoadPreviewText.h"
#include "load/Loader.h"
#include "package/LoadPackage.h"
#include "package/PackageActions.h"
#include "package/PackageLock.h"

#include "LogBus.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace wharf::ui {

namespace {

struct AbortOutcome {
    QString newDir;
    QString error;
};

} // namespace

LoadSession::LoadSession(QObject *parent)
    : QObject(parent)
    , m_loader(new Loader(this))
    , m_mask(maskGenericSecrets)
{
    connect(m_loader, &Loader::jobsListed, this,
            [this](const QList<JobEvent> &jobs) { emit jobsListed(masked(jobs)); });
    connect(m_loader, &Loader::jobsChanged, this,
            [this](const QList<JobEvent> &events) { emit jobsChanged(masked(events)); });
    connect(m_loader, &Loader::progressChanged, this, &LoadSession::progressChanged);
    connect(m_loader, &Loader::packageFinished, this, &LoadSession::onPackageFinished);
}

LoadSession::~LoadSession() = default;

bool LoadSession::isRunning() const
{
    return m_running;
}

QString LoadSession::start(const QString &packageDir, const QString &destinationName, const QString &dataset)
{
    return startLoad(packageDir, destinationName, dataset, false);
}

QString LoadSession::retryFailedJobs(const QString &packageDir, const QString &destinationName, const QString &dataset)
{
    return startLoad(packageDir, destinationName, dataset, true);
}

QString LoadSession::startLoad(const QString &packageDir, const QString &destinationName, const QString &dataset,
                               bool retryFailed)
{
    if (isBusy())
        return m_aborting ? tr("a package is being aborted") : tr("a load is already running");
    if (packageDir.isEmpty())
        return tr("no package selected");
    try {
        const ConfigResolver resolver(ConfigLocations::defaults());
        const ResolvedDestination destination = ResolvedDestination::resolve(resolver, destinationName);
        LoadOptions options = LoadOptions::fromConfig(resolver, destinationName);
        options.retryFailedJobs = retryFailed;
        if (!dataset.isEmpty())
            options.datasetName = dataset;
        // Small reads only (the state files): listing the jobs is the loader's work, on its thread.
        const LoadPackage package = LoadPackage::open(packageDir);
        m_pipelineName = package.pipelineName();
        m_destinationName = destinationName;
        m_location = destination.displayLocation();
        const ResolvedConfig config = destination.config;
        m_mask = [config](const QString &text) { return maskGenericSecrets(config.maskSecrets(text)); };
        if (!m_loader->start(destination.destination, destination.config, options, packageDir))
            return tr("a load is already running");
        m_running = true;
        qCInfo(lcUi).noquote() << (retryFailed ? "retrying the failed jobs of package" : "loading package")
                               << package.loadId() << "into" << destinationName << "at" << m_location;
        emit started(packageDir, 0);
        return {};
    } catch (const Error &e) {
        return e.fullText();
    }
}

QString LoadSession::abortPackage(const QString &packageDir)
{
    if (isBusy())
        return m_aborting ? tr("a package is being aborted") : tr("a load is running");
    if (packageDir.isEmpty())
        return tr("no package selected");
    m_aborting = true;
    auto *watcher = new QFutureWatcher<AbortOutcome>(this);
    connect(watcher, &QFutureWatcher<AbortOutcome>::finished, this, [this, watcher, packageDir] {
        watcher->deleteLater();
        m_aborting = false;
        const AbortOutcome outcome = watcher->result();
        if (outcome.error.isEmpty())
            qCInfo(lcUi).noquote() << "Load package" << QFileInfo(packageDir).fileName()
                                   << "is ABORTED: it will not be loaded; now in" << outcome.newDir;
        else
            qCWarning(lcUi).noquote() << "cannot abort the package:" << outcome.error;
        emit packageAborted(packageDir, outcome.newDir, outcome.error);
    });
    watcher->setFuture(QtConcurrent::run([packageDir] {
        AbortOutcome outcome;
        try {
            LoadPackage package = LoadPackage::open(packageDir);
            // A `wharf load` in a terminal may hold the package: refuse, naming it.
            PackageLock lock = PackageLock::acquire(packageDir);
            outcome.newDir = packageactions::abortPackage(package);
            lock.setPackageDir(outcome.newDir);
        } catch (const Error &e) {
            outcome.error = e.fullText();
        }
        return outcome;
    }));
    return {};
}

QString LoadSession::copyPackage(const QString &packageDir, const QString &targetParent)
{
    if (isBusy())
        return m_running ? tr("a load is running") : tr("another package action is running");
    if (packageDir.isEmpty())
        return tr("no package selected");
    m_copying = true;
    auto *watcher = new QFutureWatcher<AbortOutcome>(this);
    connect(watcher, &QFutureWatcher<AbortOutcome>::finished, this, [this, watcher, packageDir] {
        watcher->deleteLater();
        m_copying = false;
        const AbortOutcome outcome = watcher->result();
        if (outcome.error.isEmpty())
            qCInfo(lcUi).noquote() << "Load package" << QFileInfo(packageDir).fileName() << "copied to"
                                   << outcome.newDir << "to be loaded again";
        else
            qCWarning(lcUi).noquote() << "cannot copy the package:" << outcome.error;
        emit packageCopied(packageDir, outcome.newDir, outcome.error);
    });
    // A package may be gigabytes: copied off the GUI thread.
    watcher->setFuture(QtConcurrent::run([packageDir, targetParent] {
        AbortOutcome outcome;
        try {
            outcome.newDir = packageactions::copyForAnotherLoad(LoadPackage::open(packageDir), targetParent);
        } catch (const Error &e) {
            outcome.error = e.fullText();
        }
        return outcome;
    }));
    return {};
}

void LoadSession::previewPackage(const QString &packageDir, const QString &destinationName, const QString &dataset)
{
    struct Plan {
        QString text;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Plan>(this);
    connect(watcher, &QFutureWatcher<Plan>::finished, this, [this, watcher, packageDir, destinationName] {
        watcher->deleteLater();
        const Plan plan = watcher->result();
        emit previewReady(packageDir, destinationName, plan.text, plan.error);
    });
    // Reads the package's schema and jobs and the configuration: off the GUI thread.
    watcher->setFuture(QtConcurrent::run([packageDir, destinationName, dataset] {
        Plan plan;
        std::optional<ResolvedDestination> destination;
        try {
            const ConfigResolver resolver(ConfigLocations::defaults());
            destination = ResolvedDestination::resolve(resolver, destinationName, true);
            LoadOptions options = LoadOptions::fromConfig(resolver, destinationName);
            if (!dataset.isEmpty())
                options.datasetName = dataset;
            const LoadPackage package = LoadPackage::open(packageDir);
            LoadPreview preview = LoadPreview::of(package, *destination->destination, destination->config, options);
            // What the dataset as it is now would get (new tables and columns, their DDL): read
            // from the destination, never changed.
            preview.compareWithDestination(package, *destination->destination, destination->config);
            plan.text = loadPreviewText(loadPreviewJson(preview), destinationName);
        } catch (const Error &e) {
            plan.error = destination ? destination->config.maskSecrets(e.fullText()) : e.fullText();
        }
        return plan;
    }));
}

void LoadSession::cancel()
{
    if (m_running)
        m_loader->cancel();
}

SecretMasker LoadSession::secretMasker(const QString &destinationName)
{
    if (m_running && destinationName == m_destinationName)
        return m_mask;
    try {
        const ConfigResolver resolver(ConfigLocations::defaults());
        const ResolvedConfig config = ResolvedDestination::resolve(resolver, destinationName).config;
        return [config](const QString &text) { return maskGenericSecrets(config.maskSecrets(text)); };
    } catch (const Error &) {
        return maskGenericSecrets; // not configured: no known secrets, the generic rules still apply
    }
}

QList<JobEvent> LoadSession::masked(const QList<JobEvent> &events) const
{
    QList<JobEvent> out = events;
    for (JobEvent &e : out)
        e = maskJob(std::move(e), m_mask);
    return out;
}

void LoadSession::onPackageFinished(const PackageResult &loaded)
{
    m_running = false;
    PackageResult result = loaded;
    result.error = maskError(result.error, m_mask);
    for (JobEvent &job : result.failedJobs)
        job = maskJob(job, m_mask);
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
