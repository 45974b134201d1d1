#include "package/PackageActions.h"

#include "Error.h"

namespace wharf::packageactions {

namespace {

void refuseCompleted(const LoadPackage &package, const QString &what)
{
    if (package.isCompleted())
        throw Error(ErrorKind::Terminal,
                    QStringLiteral("cannot %1: package %2 is already %3")
                        .arg(what, package.loadId(), package.completionState()),
                    SourceLocation{package.dir(), 0, 0, {}});
}

} // namespace

QString retryBlocker(const LoadPackage &package)
{
    if (package.isCompleted() && package.completionState() != QLatin1String("aborted"))
        return QStringLiteral("Package %1 is %2: a loaded package keeps its failed jobs in failed_jobs/ and is "
                              "never loaded again (as in dlt)")
            .arg(package.loadId(), package.completionState());
    if (package.jobs(JobFolder::Failed).isEmpty())
        return QStringLiteral("Package %1 has no failed jobs").arg(package.loadId());
    return {};
}

QList<JobFile> requeueFailedJobs(LoadPackage &package)
{
    refuseCompleted(package, QStringLiteral("retry failed jobs"));
    QList<JobFile> moved;
    for (const JobFile &job : package.jobs(JobFolder::Failed)) {
        JobFile now = job;
        now.path = package.requeueForRetry(job);
        now.name = job.name.nextRetry();
        now.folder = JobFolder::New;
        // The message belonged to the attempt that failed; the next attempt writes its own.
        package.removeFailedMessage(job.name.fileName());
        package.removePendingTransition(job.name.fileName());
        moved.append(now);
    }
    return moved;
}

QString reopenAborted(LoadPackage &package)
{
    return package.reopenAborted();
}

QString abortPackage(LoadPackage &package)
{
    refuseCompleted(package, QStringLiteral("abort"));
    package.markCompleted(true);
    return package.archive();
}

} // namespace wharf::packageactions
