#include "LoadQueue.h"

#include "Error.h"
#include "LoadSession.h"
#include "LogBus.h"
#include "package/LoadPackage.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace wharf::ui {

QString queueOutcomeText(QueueOutcome outcome)
{
    switch (outcome) {
    case QueueOutcome::Waiting:
        return QObject::tr("waiting");
    case QueueOutcome::Running:
        return QObject::tr("loading");
    case QueueOutcome::Loaded:
        return QObject::tr("loaded");
    case QueueOutcome::Partly:
        return QObject::tr("loaded, with failed jobs");
    case QueueOutcome::Aborted:
        return QObject::tr("aborted");
    case QueueOutcome::Stopped:
        return QObject::tr("stopped");
    case QueueOutcome::Cancelled:
        return QObject::tr("cancelled");
    case QueueOutcome::NotLoaded:
        return QObject::tr("not loaded");
    case QueueOutcome::Skipped:
        return QObject::tr("skipped");
    }
    return {};
}

bool isFinalOutcome(QueueOutcome outcome)
{
    return outcome == QueueOutcome::Loaded || outcome == QueueOutcome::Partly || outcome == QueueOutcome::Aborted ||
           outcome == QueueOutcome::Skipped;
}

LoadQueue::LoadQueue(LoadSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    qRegisterMetaType<QueueSummary>();
    connect(m_session, &LoadSession::finished, this, &LoadQueue::packageFinished);
}

QStringList LoadQueue::sortedByLoadId(const QStringList &packageDirs)
{
    QStringList dirs;
    for (const QString &dir : packageDirs) {
        const QString absolute = QDir(dir).absolutePath();
        if (!dirs.contains(absolute))
            dirs.append(absolute);
    }
    // dlt's load ids are Unix times with a fraction ("1795476037.8625736"); compared as numbers
    // so that ids of different lengths still come oldest first. Anything else goes by its name.
    auto key = [](const QString &dir) {
        bool numeric = false;
        const double time = QFileInfo(dir).fileName().toDouble(&numeric);
        return std::make_pair(numeric ? time : 0.0, QFileInfo(dir).fileName());
    };
    std::stable_sort(dirs.begin(), dirs.end(), [&](const QString &a, const QString &b) { return key(a) < key(b); });
    return dirs;
}

QString LoadQueue::start(const QStringList &packageDirs, const QString &destinationName, const QString &dataset)
{
    if (m_running || m_session->isBusy())
        return tr("a load is already running");
    if (packageDirs.isEmpty())
        return tr("no package selected");
    m_entries.clear();
    for (const QString &dir : sortedByLoadId(packageDirs)) {
        QueueEntry entry;
        entry.packageDir = dir;
        entry.loadId = QFileInfo(dir).fileName();
        m_entries.append(entry);
    }
    m_destination = destinationName;
    m_dataset = dataset;
    emit entriesReset();
    return resume();
}

bool LoadQueue::canResume() const
{
    return !m_running && remaining() > 0;
}

int LoadQueue::remaining() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const QueueEntry &e) { return !isFinalOutcome(e.outcome); }));
}

QString LoadQueue::resume()
{
    if (m_running || m_session->isBusy())
        return tr("a load is already running");
    if (remaining() == 0)
        return tr("every package of the queue is done");
    m_running = true;
    m_cancelRequested = false;
    m_runRows = 0;
    m_current = -1;
    m_clock.start();
    if (m_entries.size() > 1)
        qCInfo(lcUi).noquote() << "loading a queue of" << remaining() << "package(s) into" << m_destination;
    startNext();
    // A queue whose first package could not start has already finished: say why.
    if (!m_running && m_current >= 0 && m_entries[m_current].outcome == QueueOutcome::NotLoaded)
        return m_entries[m_current].message;
    return {};
}

void LoadQueue::cancel()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    m_session->cancel();
}

void LoadQueue::startNext()
{
    for (int i = m_current + 1; i < m_entries.size(); ++i) {
        if (isFinalOutcome(m_entries[i].outcome))
            continue;
        m_current = i;
        QueueEntry &entry = m_entries[i];
        // Completed meanwhile (by a terminal, another window): skipped as `wharf load` skips it.
        try {
            const LoadPackage package = LoadPackage::open(entry.packageDir);
            if (package.isCompleted()) {
                setOutcome(i, QueueOutcome::Skipped,
                           tr("%1 already; nothing left to load").arg(package.completionState()));
                continue;
            }
        } catch (const Error &e) {
            setOutcome(i, QueueOutcome::NotLoaded, e.message().section(QLatin1Char('\n'), 0, 0));
            finish(false);
            return;
        }
        const QString error = m_session->start(entry.packageDir, m_destination, m_dataset);
        if (!error.isEmpty()) {
            setOutcome(i, QueueOutcome::NotLoaded, error.section(QLatin1Char('\n'), 0, 0));
            finish(false);
            return;
        }
        setOutcome(i, QueueOutcome::Running);
        return;
    }
    finish(false);
}

void LoadQueue::packageFinished(const PackageResult &result)
{
    // Loads the session ran for someone else (Retry failed jobs) are not the queue's.
    if (!m_running || m_current < 0 || m_entries[m_current].outcome != QueueOutcome::Running)
        return;
    QueueEntry &entry = m_entries[m_current];
    if (!result.packageDir.isEmpty())
        entry.packageDir = result.packageDir; // an archived package moved to load/loaded/
    entry.rows = result.rows;
    entry.elapsedMs = result.elapsedMs;
    if (result.status == PackageStatus::Loaded) // rows of a package that did not load are not "loaded rows"
        m_runRows += result.rows;
    const QString why = result.error.message.section(QLatin1Char('\n'), 0, 0);
    switch (result.status) {
    case PackageStatus::Loaded:
        if (result.failedJobs.isEmpty())
            setOutcome(m_current, QueueOutcome::Loaded, tr("into dataset %1").arg(result.datasetName));
        else
            setOutcome(m_current, QueueOutcome::Partly,
                       tr("%1 failed job(s) kept in failed_jobs/").arg(result.failedJobs.size()));
        break;
    case PackageStatus::Aborted: {
        // As `wharf load <folder>`: the package is given up, the next ones are still loaded.
        // The job that failed is named, so the list says where to look.
        QString message = why;
        if (!result.failedJobs.isEmpty()) {
            const JobEvent &job = result.failedJobs.first();
            message = tr("job %1 failed: %2")
                          .arg(job.jobId.isEmpty() ? job.fileName : job.jobId,
                               job.error.message.section(QLatin1Char('\n'), 0, 0));
        }
        setOutcome(m_current, QueueOutcome::Aborted, message);
        break;
    } break;
    case PackageStatus::Incomplete:
        setOutcome(m_current,
                   result.error.kind == ErrorKind::Cancelled ? QueueOutcome::Cancelled : QueueOutcome::Stopped, why);
        finish(result.error.kind == ErrorKind::Cancelled);
        return;
    case PackageStatus::Refused:
        setOutcome(m_current, QueueOutcome::NotLoaded, why);
        finish(false);
        return;
    }
    if (m_cancelRequested) { // Cancel came as the package ended: the queue stops here
        finish(true);
        return;
    }
    // After everyone else has heard of this package's end (the window shows its result), so
    // that the next package's start is not mixed up with it.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_running)
                return;
            if (m_cancelRequested)
                finish(true);
            else
                startNext();
        },
        Qt::QueuedConnection);
}

void LoadQueue::finish(bool cancelled)
{
    m_running = false;
    QueueSummary summary;
    summary.packages = int(m_entries.size());
    summary.cancelled = cancelled || m_cancelRequested;
    summary.rows = m_runRows;
    summary.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    for (const QueueEntry &e : m_entries) {
        switch (e.outcome) {
        case QueueOutcome::Loaded:
        case QueueOutcome::Partly:
            ++summary.loaded;
            break;
        case QueueOutcome::Waiting:
            ++summary.waiting;
            break;
        case QueueOutcome::Skipped:
            break;
        default:
            ++summary.notLoaded;
            break;
        }
    }
    if (m_current >= 0 && m_current < m_entries.size() && !isFinalOutcome(m_entries[m_current].outcome)) {
        summary.stoppedBy = m_entries[m_current].loadId;
        summary.reason = m_entries[m_current].message;
    }
    emit queueFinished(summary);
}

void LoadQueue::setOutcome(int index, QueueOutcome outcome, const QString &message)
{
    m_entries[index].outcome = outcome;
    m_entries[index].message = message;
    emit entryChanged(index);
}

} // namespace wharf::ui
