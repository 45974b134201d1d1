#include "package/PackageActions.h"

#include "Error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

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

QString copyForAnotherLoad(const LoadPackage &package, const QString &targetParent)
{
    const QDir source(package.dir());
    const QString target = QDir(targetParent).filePath(package.loadId());
    if (QFileInfo::exists(target))
        throw Error(ErrorKind::Terminal, QStringLiteral("cannot copy package %1: %2 exists already")
                                             .arg(package.loadId(), QDir::toNativeSeparators(target)));
    const auto fail = [&](const QString &what) {
        QDir(target).removeRecursively();
        return Error(ErrorKind::Internal, QStringLiteral("cannot copy package %1: %2").arg(package.loadId(), what));
    };
    if (!QDir().mkpath(QDir(target).filePath(jobFolderName(JobFolder::New))))
        throw fail(QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(target)));
    const auto copyFile = [&](const QString &from, const QString &to) {
        if (!QFile::copy(from, to))
            throw fail(QStringLiteral("cannot copy %1 to %2")
                           .arg(QDir::toNativeSeparators(from), QDir::toNativeSeparators(to)));
    };
    // The pipeline's files beside the package name its pipeline and dataset.
    const QDir parent(QFileInfo(package.dir()).absolutePath());
    for (const QString &name : {QStringLiteral("pipeline_state.json"), QStringLiteral("package_info.json")}) {
        if (QFileInfo::exists(parent.filePath(name)) && !QFileInfo::exists(QDir(targetParent).filePath(name)))
            copyFile(parent.filePath(name), QDir(targetParent).filePath(name));
    }
    for (const QString &name : {QStringLiteral("schema.json"), QStringLiteral("schema_updates.json")}) {
        if (QFileInfo::exists(source.filePath(name)))
            copyFile(source.filePath(name), QDir(target).filePath(name));
    }
    // The package state without what this package's own load recorded.
    QFile stateFile(source.filePath(QStringLiteral("load_package_state.json")));
    if (stateFile.open(QIODevice::ReadOnly)) {
        QJsonObject state = QJsonDocument::fromJson(stateFile.readAll()).object();
        state.remove(QStringLiteral("load_metrics"));
        QSaveFile out(QDir(target).filePath(QStringLiteral("load_package_state.json")));
        if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(state).toJson(QJsonDocument::Compact)) < 0 ||
            !out.commit())
            throw fail(QStringLiteral("cannot write load_package_state.json"));
    }
    const QDir jobs(QDir(target).filePath(jobFolderName(JobFolder::New)));
    for (const JobFile &job : package.allJobs()) {
        if (job.name.format == FileFormat::Sql || job.name.format == FileFormat::Reference ||
            job.name.format == FileFormat::Unknown)
            continue; // follow-up jobs: the loader makes them again
        JobFileName fresh = job.name;
        fresh.retryCount = 0;
        copyFile(job.path, jobs.filePath(fresh.fileName()));
    }
    return QDir(target).absolutePath();
}

} // namespace wharf::packageactions
