#include "package/LoadMetrics.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTimeZone>

namespace wharf {

QString LoadMetrics::typedDateTime(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    const QDateTime utc = t.toUTC();
    // Python's isoformat with microseconds; Qt keeps milliseconds.
    return QChar(0xF027) + utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000+00:00");
}

QString LoadMetrics::followUpJobId(const QString &loadId, const QString &root, int index)
{
    const QByteArray seed = (loadId + QLatin1Char('/') + root + QLatin1Char('/') + QString::number(index)).toUtf8();
    const QString hex =
        QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex().left(10));
    return QStringLiteral("%1.%2.sql").arg(root, hex);
}

void LoadMetrics::restore(const QJsonObject &packageState)
{
    m_metrics = packageState.value(QStringLiteral("load_metrics")).toObject();
}

void LoadMetrics::record(JobMetrics job)
{
    job.followupJobs += m_pendingFollowUps.take(job.jobId);
    job.followupJobs.removeDuplicates();
    QJsonObject o;
    o[QStringLiteral("job_id")] = job.jobId;
    o[QStringLiteral("file_path")] = job.filePath.isEmpty() ? QJsonValue() : QJsonValue(job.filePath);
    o[QStringLiteral("table_name")] = job.tableName;
    // A job finalised without running again (its outcome was recorded before a crash) keeps the
    // start an earlier run wrote.
    const QJsonValue earlier = m_metrics.value(job.jobId).toObject().value(QStringLiteral("started_at"));
    o[QStringLiteral("started_at")] = job.startedAt.isValid() ? QJsonValue(typedDateTime(job.startedAt)) : earlier;
    o[QStringLiteral("finished_at")] =
        job.finishedAt.isValid() ? QJsonValue(typedDateTime(job.finishedAt)) : QJsonValue();
    o[QStringLiteral("state")] = job.state;
    o[QStringLiteral("remote_url")] = QJsonValue();
    o[QStringLiteral("retry_count")] = job.retryCount;
    o[QStringLiteral("followup_jobs")] =
        job.followupJobs.isEmpty() ? QJsonValue() : QJsonValue(QJsonArray::fromStringList(job.followupJobs));
    m_metrics[job.jobId] = o;
}

void LoadMetrics::addFollowUps(const QStringList &chainJobIds, const QStringList &followUpIds)
{
    for (const QString &id : chainJobIds) {
        if (!m_metrics.contains(id)) {
            m_pendingFollowUps[id] += followUpIds;
            continue;
        }
        QJsonObject o = m_metrics.value(id).toObject();
        QStringList ids;
        for (const QJsonValue &v : o.value(QStringLiteral("followup_jobs")).toArray())
            ids << v.toString();
        ids += followUpIds;
        ids.removeDuplicates();
        o[QStringLiteral("followup_jobs")] = QJsonArray::fromStringList(ids);
        m_metrics[id] = o;
    }
}

} // namespace wharf
