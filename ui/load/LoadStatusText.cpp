#include "load/LoadStatusText.h"

#include "LoadQueue.h"
#include "common/Counts.h"
#include "load/QueueModel.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace wharf::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("LoadStatus", text);
}
} // namespace

StatusLine loadStartedStatus(const QString &packageDir, const QString &location)
{
    return {tr("Loading…"), tr("Loading %1 into %2").arg(QFileInfo(packageDir).fileName(), location)};
}

StatusLine loadFinishedStatus(const PackageResult &result)
{
    const QString seconds = QString::number(double(result.elapsedMs) / 1000.0, 'f', 2);
    const QString why = result.error.message.section(QLatin1Char('\n'), 0, 0);
    switch (result.status) {
    case PackageStatus::Loaded:
        return {tr("Loaded"), result.failedJobs.isEmpty()
                                  ? tr("Loaded %1 into dataset %2 in %3 s")
                                        .arg(countOf(result.rows, tr("row"), tr("rows")), result.datasetName, seconds)
                                  : tr("Loaded with %1 failed job(s) into dataset %2")
                                        .arg(result.failedJobs.size())
                                        .arg(result.datasetName)};
    case PackageStatus::Aborted:
        return {tr("Aborted"), tr("Package %1 aborted: %2").arg(result.loadId, why)};
    case PackageStatus::Incomplete:
        // The loader's own words may already say it is resumable: say it once.
        if (result.error.kind == ErrorKind::Cancelled)
            return {tr("Cancelled"), tr("Load cancelled; Run resumes the package where it stopped")};
        return {tr("Stopped"), tr("Load stopped (%1); Run resumes the package where it stopped")
                                   .arg(why.section(QStringLiteral("; the package can be resumed"), 0, 0))};
    case PackageStatus::Refused:
        break;
    }
    return {tr("Not loaded"), tr("Nothing was loaded: %1").arg(why)};
}

std::optional<StatusLine> queueFinishedStatus(const QueueSummary &summary)
{
    if (summary.packages <= 1)
        return std::nullopt;
    const QString state = summary.cancelled              ? tr("Cancelled")
                          : !summary.stoppedBy.isEmpty() ? tr("Stopped")
                          : summary.notLoaded > 0        ? tr("Not all loaded")
                                                         : tr("Loaded");
    return StatusLine{state, queueSummaryText(summary)};
}

} // namespace wharf::ui
