#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace wharf {

/// What one job did, as dlt records it in load_package_state.json (`load_metrics`, one entry
/// per job id, dlt's LoadJobMetrics) so that dlt's own tools see what Wharf loaded.
struct JobMetrics {
    QString jobId;    ///< "<table>.<file_id>.<format>[.gz]", or "<root>.<id>.sql" for a follow-up
    QString filePath; ///< where the job ran (started_jobs/...); empty for follow-ups (no file)
    QString tableName;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString state; ///< "completed" or "failed"
    int retryCount = 0;
    QStringList followupJobs;
};

/// The `load_metrics` of a package: restored from the state dlt or an earlier run left,
/// added to as jobs end, written back with LoadPackage::saveLoadMetrics(). Not thread-safe.
class LoadMetrics {
public:
    /// Starts from the `load_metrics` in `packageState` (load_package_state.json).
    void restore(const QJsonObject &packageState);
    void record(JobMetrics job);
    /// Attaches follow-up job ids to every job of a completed chain (dlt's chain follow-ups),
    /// including jobs recorded later in this run.
    void addFollowUps(const QStringList &chainJobIds, const QStringList &followUpIds);
    bool isEmpty() const { return m_metrics.isEmpty(); }
    QJsonObject toJson() const { return m_metrics; }

    /// dlt's name for a follow-up job: "<root>.<10 hex>.sql"; stable for one load, root and index.
    static QString followUpJobId(const QString &loadId, const QString &root, int index);
    /// A datetime as dlt's typed JSON writes it: U+F027, then ISO-8601 with microseconds.
    static QString typedDateTime(const QDateTime &t);

private:
    QJsonObject m_metrics;
    QHash<QString, QStringList> m_pendingFollowUps; ///< for jobs not recorded yet
};

} // namespace wharf
