#include "CommandReceiver.h"

#include "Error.h"

#include <QProcess>

namespace wharf::sink {

namespace {
constexpr int kRetryExitCode = 75; // EX_TEMPFAIL
}

CommandReceiver::CommandReceiver(QString command)
    : m_command(std::move(command))
{}

void CommandReceiver::deliver(const SinkDelivery &batch, const std::function<bool()> &cancelled)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("WHARF_TABLE"), batch.table);
    env.insert(QStringLiteral("WHARF_BATCH"), batch.batchId);
    env.insert(QStringLiteral("WHARF_BATCH_ROWS"), QString::number(batch.rows));
    env.insert(QStringLiteral("WHARF_LOAD_ID"), batch.loadId);
    env.insert(QStringLiteral("WHARF_DATASET"), batch.dataset);
    env.insert(QStringLiteral("WHARF_SCHEMA"), QString::fromUtf8(batch.schemaJson));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), m_command});
    if (!process.waitForStarted(30000))
        throw Error(ErrorKind::Config,
                    QStringLiteral("cannot start the sink's command: %1").arg(process.errorString()));
    process.write(batch.lines);
    process.closeWriteChannel();
    while (!process.waitForFinished(100)) {
        if (cancelled()) {
            process.kill();
            process.waitForFinished(5000);
            throw Error(ErrorKind::Cancelled, QStringLiteral("cancelled"));
        }
    }
    const QString said = QString::fromUtf8(process.readAllStandardError()).trimmed().right(500);
    if (process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
        return;
    const bool retry = process.exitStatus() == QProcess::NormalExit && process.exitCode() == kRetryExitCode;
    throw Error(retry ? ErrorKind::Transient : ErrorKind::Terminal,
                QStringLiteral("the sink's command %1 batch %2 of %3 (%4)%5")
                    .arg(retry ? QStringLiteral("asked again later for") : QStringLiteral("refused"))
                    .arg(batch.batchNumber)
                    .arg(batch.jobId,
                         process.exitStatus() == QProcess::NormalExit
                             ? QStringLiteral("exit %1").arg(process.exitCode())
                             : QStringLiteral("it crashed"),
                         said.isEmpty() ? QString() : QStringLiteral(": ") + said));
}

} // namespace wharf::sink
