#include "SinkJobClient.h"

#include "Error.h"
#include "SinkBatch.h"
#include "formats/RowReader.h"
#include "load/Coerce.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <vector>

namespace wharf::sink {

namespace {

QString progressFile(const JobContext &ctx)
{
    // <load id>/started_jobs/<job file>: progress lives beside the job folders, per job id.
    const QDir loadDir = QFileInfo(ctx.file.path).dir().absolutePath() + QStringLiteral("/..");
    return QDir::cleanPath(
        loadDir.filePath(QStringLiteral("sink_progress/%1.%2").arg(ctx.file.name.table, ctx.file.name.fileId)));
}

qint64 readProgress(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.readAll().trimmed().toLongLong();
}

void saveProgress(const QString &path, qint64 rows)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::number(rows) + '\n') < 0 || !f.commit())
        throw Error(ErrorKind::Transient, QStringLiteral("cannot save the sink's progress in %1").arg(path));
}

} // namespace

SinkJobClient::SinkJobClient(SinkSettings settings, std::unique_ptr<SinkReceiver> receiver)
    : m_settings(std::move(settings))
    , m_receiver(std::move(receiver))
{}

JobResult SinkJobClient::runJob(const JobContext &ctx)
{
    m_cancelled.store(false);
    const Table &table = *ctx.table;
    if (m_settings.skipDlt && table.isDltTable()) {
        if (ctx.beforeCommit)
            ctx.beforeCommit(*this, 0);
        return {}; // dlt's own tables stay home
    }
    ReaderOptions options;
    options.tableColumns = table.completeColumnNames();
    auto reader = openRowReader(ctx.file.path, ctx.file.name.format, options);
    SinkBatch batch(table, reader->columns(), ctx.file.name.format, ctx.file.path, m_settings.skipDlt);

    const QString progress = progressFile(ctx);
    const qint64 accepted = readProgress(progress);
    const QString jobId = ctx.file.name.table + QLatin1Char('.') + ctx.file.name.fileId;
    qint64 rows = 0; // rows of the file read so far
    qint64 batchNo = accepted / m_settings.batchSize;
    const QByteArray schema = batch.tableSchemaJson();
    const auto cancelled = [&] { return m_cancelled.load() || (ctx.cancel && ctx.cancel->isCancelled()); };
    const auto send = [&] {
        if (batch.rowCount() == 0)
            return;
        ++batchNo;
        SinkDelivery delivery;
        delivery.table = table.name;
        delivery.jobId = jobId;
        delivery.batchNumber = batchNo;
        delivery.batchId = QStringLiteral("%1/%2/%3").arg(ctx.loadId, jobId).arg(batchNo);
        delivery.rows = batch.rowCount();
        delivery.loadId = ctx.loadId;
        delivery.dataset = m_settings.dataset;
        delivery.schemaJson = schema;
        delivery.lines = batch.lines();
        m_receiver->deliver(delivery, cancelled);
        saveProgress(progress, rows);
        batch.clear();
    };

    RowBatch read;
    while (reader->readBatch(read)) {
        if (ctx.cancel)
            ctx.cancel->check();
        for (std::size_t r = 0; r < read.rowCount(); ++r) {
            ++rows;
            if (rows <= accepted)
                continue; // accepted by an earlier run
            batch.add(read.row(r), read.line(r));
            if (batch.rowCount() >= m_settings.batchSize)
                send();
        }
        if (ctx.progress)
            ctx.progress(rows, reader->bytesConsumed());
    }
    send();
    if (ctx.beforeCommit)
        ctx.beforeCommit(*this, rows);
    JobResult result;
    result.rows = rows;
    return result;
}

} // namespace wharf::sink
