#pragma once

#include "Error.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace wharf {

/// Job states with dlt's names, so logs read like dlt's (spec 2.1).
enum class JobState { Ready, Running, Completed, Failed, Retry };
QString jobStateName(JobState s); ///< "ready", "running", ...

/// A job's state changed. Plain value: safe to queue across threads.
struct JobEvent {
    QString loadId;
    QString jobId;    ///< stable across retries
    QString fileName; ///< current file name (retry count included)
    QString filePath; ///< where the file is now
    QString table;
    QString format;
    qint64 size = 0;
    JobState state = JobState::Ready;
    int retryCount = 0;
    qint64 rows = 0;
    qint64 durationMs = 0;
    ErrorInfo error; ///< for Failed / Retry
};

/// Overall progress of one package.
struct LoadProgress {
    QString loadId;
    int jobsTotal = 0;
    int jobsDone = 0; ///< completed + failed
    qint64 rows = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    qint64 elapsedMs = 0;
    double rowsPerSecond() const { return elapsedMs > 0 ? rows * 1000.0 / double(elapsedMs) : 0.0; }
};

/// How a package load ended.
enum class PackageStatus {
    Loaded,     ///< every job done; `_dlt_loads` written (failed jobs possible if not raising)
    Aborted,    ///< a job failed terminally; no `_dlt_loads` row (dlt's "aborted")
    Incomplete, ///< stopped by cancel or by the retry limit; resumable
    Refused,    ///< nothing was loaded: bad package, config, unsupported disposition, ...
};
QString packageStatusName(PackageStatus s); ///< "LOADED", "ABORTED", ...

struct PackageResult {
    QString loadId;
    QString packageDir;
    QString schemaName;
    QString datasetName;
    PackageStatus status = PackageStatus::Refused;
    int jobsTotal = 0;
    int jobsCompleted = 0;
    QList<JobEvent> failedJobs;
    qint64 rows = 0;
    qint64 elapsedMs = 0;
    /// Jobs that the job ledger showed committed by an earlier run (or another loader): they
    /// were completed without running again.
    int jobsFoundInLedger = 0;
    ErrorInfo error; ///< why the package was refused, aborted or stopped
};

/// Receives loader events on the loader's coordinating thread.
class LoadObserver {
public:
    virtual ~LoadObserver() = default;
    /// Once per load, before any jobChanged: every job of the package as it is on disk when
    /// the load starts (see jobEventFromFile), so a view can show the whole package at once.
    virtual void jobsListed(const QList<JobEvent> &) {}
    virtual void jobChanged(const JobEvent &) {}
    virtual void progressed(const LoadProgress &) {}
    virtual void packageFinished(const PackageResult &) {}
};

} // namespace wharf

Q_DECLARE_METATYPE(wharf::JobEvent)
Q_DECLARE_METATYPE(wharf::LoadProgress)
Q_DECLARE_METATYPE(wharf::PackageResult)
