#include "load/LoadInfo.h"

#include <QStringList>

namespace wharf {

QString LoadInfo::humanDuration(qint64 ms)
{
    // humanize.precisedelta's wording, as dlt prints it: "1 hour, 2 minutes and 3.45 seconds".
    const qint64 hours = ms / 3600000;
    const qint64 minutes = ms % 3600000 / 60000;
    const double seconds = double(ms % 60000) / 1000.0;
    QStringList parts;
    if (hours)
        parts << QStringLiteral("%1 hour%2").arg(hours).arg(hours == 1 ? "" : "s");
    if (minutes)
        parts << QStringLiteral("%1 minute%2").arg(minutes).arg(minutes == 1 ? "" : "s");
    // precisedelta leaves out a zero seconds part when a larger unit is there ("1 minute").
    if (!parts.isEmpty() && ms % 60000 == 0)
        return parts.size() == 1 ? parts.first() : parts.first() + QStringLiteral(" and ") + parts.last();
    parts << QStringLiteral("%1 seconds").arg(seconds, 0, 'f', 2);
    if (parts.size() == 1)
        return parts.first();
    const QString last = parts.takeLast();
    return parts.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

QString LoadInfo::toText() const
{
    QStringList lines;
    qint64 elapsed = 0;
    QString dataset;
    int loaded = 0;
    for (const auto &p : packages) {
        elapsed += p.elapsedMs;
        if (dataset.isEmpty())
            dataset = p.datasetName;
        // dlt counts every package the load step finished, aborted ones included.
        if (p.status == PackageStatus::Loaded || p.status == PackageStatus::Aborted)
            ++loaded;
    }
    lines << QStringLiteral("Pipeline %1 load step completed in %2")
                 .arg(pipelineName.isEmpty() ? QStringLiteral("wharf") : pipelineName,
                      packages.isEmpty() ? QStringLiteral("---") : humanDuration(elapsed));
    lines << QStringLiteral("%1 load package(s) were loaded to destination %2 and into dataset %3")
                 .arg(loaded)
                 .arg(destinationName, dataset.isEmpty() ? QStringLiteral("None") : dataset);
    lines << QStringLiteral("The %1 destination used %2 location to store data").arg(destinationName, location);
    for (const auto &p : packages) {
        QString state = packageStatusName(p.status);
        if (p.status != PackageStatus::Loaded && p.status != PackageStatus::Aborted)
            state += QStringLiteral(" and NOT YET LOADED to the destination");
        const QString failed = p.failedJobs.isEmpty() ? QStringLiteral("no failed jobs")
                                                      : QStringLiteral("%1 FAILED job(s)!").arg(p.failedJobs.size());
        lines << QStringLiteral("Load package %1 is %2 and contains %3")
                     .arg(p.loadId.isEmpty() ? p.packageDir : p.loadId, state, failed);
        for (const auto &j : p.failedJobs) {
            lines << QStringLiteral("\t[%1]: %2").arg(j.jobId, j.error.fullText());
            lines << QString();
        }
        if (p.failedJobs.isEmpty() && p.status != PackageStatus::Loaded && !p.error.message.isEmpty())
            lines << QStringLiteral("\t%1").arg(p.error.fullText());
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace wharf
