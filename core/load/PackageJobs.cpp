#include "load/PackageJobs.h"

#include <QStringList>

namespace wharf {

JobEvent jobEventFromFile(const QString &loadId, const JobFile &file)
{
    JobEvent e;
    e.loadId = loadId;
    e.jobId = file.name.jobId();
    e.fileName = file.name.fileName();
    e.filePath = file.path;
    e.table = file.name.table;
    e.format = file.name.formatName;
    e.size = file.size;
    e.retryCount = file.name.retryCount;
    e.rows = -1;
    e.durationMs = -1;
    switch (file.folder) {
    case JobFolder::New:
    case JobFolder::Started:
        e.state = JobState::Ready;
        break;
    case JobFolder::Completed:
        e.state = JobState::Completed;
        break;
    case JobFolder::Failed:
        e.state = JobState::Failed;
        break;
    }
    return e;
}

QList<JobEvent> jobEventsFor(const LoadPackage &package, const QList<JobFile> &files)
{
    QList<JobEvent> out;
    out.reserve(files.size());
    for (const auto &f : files) {
        JobEvent e = jobEventFromFile(package.loadId(), f);
        if (f.folder == JobFolder::Failed) {
            e.error = parseFailedMessage(package.failedMessage(f.name.fileName()));
            if (e.error.message.isEmpty())
                e.error.message = QStringLiteral("failed (no message in failed_jobs/)");
        }
        out.append(e);
    }
    return out;
}

ErrorInfo parseFailedMessage(const QString &text)
{
    ErrorInfo info;
    info.kind = ErrorKind::Terminal;
    QStringList message;
    const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    // The tagged lines are what ErrorInfo::fullText() appends after the message, in this order.
    const auto take = [](const QString &line, QLatin1String tag, QString &into) {
        if (!line.startsWith(tag))
            return false;
        into = line.mid(tag.size());
        return true;
    };
    for (const QString &line : lines) {
        if (take(line, QLatin1String("DETAIL: "), info.detail) || take(line, QLatin1String("HINT: "), info.hint) ||
            take(line, QLatin1String("SQLSTATE: "), info.sqlState))
            continue;
        message.append(line);
    }
    info.message = message.join(QLatin1Char('\n'));
    return info;
}

} // namespace wharf
