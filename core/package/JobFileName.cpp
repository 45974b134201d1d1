#include "package/JobFileName.h"

#include "Error.h"

namespace wharf {

std::optional<JobFileName> JobFileName::tryParse(const QString &fileName)
{
    const QStringList parts = fileName.split(QLatin1Char('.'));
    JobFileName n;
    if (parts.size() == 5 && parts[4] == QLatin1String("gz"))
        n.compressed = true;
    else if (parts.size() != 4)
        return std::nullopt;
    if (parts[0].isEmpty() || parts[1].isEmpty() || parts[3].isEmpty())
        return std::nullopt;
    bool ok = false;
    n.retryCount = parts[2].toInt(&ok);
    // Only the digits dlt writes: "00", "+1" or " 1" would be renamed to another file name on
    // the next move and lose the job's identity.
    if (!ok || n.retryCount < 0 || parts[2] != QString::number(n.retryCount))
        return std::nullopt;
    n.table = parts[0];
    n.fileId = parts[1];
    n.formatName = parts[3];
    n.format = fileFormatFromName(n.formatName);
    return n;
}

JobFileName JobFileName::parse(const QString &fileName)
{
    if (auto n = tryParse(fileName))
        return *n;
    throw Error(ErrorKind::Terminal,
                QStringLiteral("'%1' is not a job file name "
                               "(<table>.<file_id>.<retry_count>.<format>[.gz])")
                    .arg(clipForMessage(fileName)),
                SourceLocation{fileName, 0, 0, {}});
}

QString JobFileName::jobId() const
{
    QString id = table + QLatin1Char('.') + fileId + QLatin1Char('.') + formatName;
    if (compressed)
        id += QLatin1String(".gz");
    return id;
}

QString JobFileName::fileName() const
{
    QString name = table + QLatin1Char('.') + fileId + QLatin1Char('.') + QString::number(retryCount) +
                   QLatin1Char('.') + formatName;
    if (compressed)
        name += QLatin1String(".gz");
    return name;
}

JobFileName JobFileName::nextRetry() const
{
    JobFileName n = *this;
    ++n.retryCount;
    return n;
}

} // namespace wharf
