// One large job over two connections (PgJobClient::copySplit): when the loader has a
// connection no other job waits for, a big file's rows go as two COPY streams at once, so that
// two server processes share the work a single COPY leaves to one. The two parts commit one
// after the other, each with its own ledger row, so a crash between them leaves a job whose
// next run loads only the part that is missing (PgCopySupport.h, kSplitBlockRows).
#include "PgCopySupport.h"
#include "PgJobClient.h"

#include "load/BlockingQueue.h"
#include "load/CrashPoint.h"
#include "load/LogCategories.h"

#include <QMutexLocker>
#include <atomic>
#include <thread>

namespace wharf::postgres {

namespace {

// Encoded pieces waiting for the second connection: enough to ride out the two servers'
// unequal pace, little memory (each piece is about kCopyFlushBytes).
constexpr std::size_t kQueuedPieces = 16;
// Into a table with a unique index, a key that both parts hold makes one server process wait
// for the other's transaction, which waits for rows this process cannot send while the first
// is stuck: no deadlock PostgreSQL can see. A lock wait this long ends the split, and the job
// loads over one connection, where the repeated key fails as it always does.
const char *const kSplitLockTimeout = "SET LOCAL lock_timeout = '1s'";

} // namespace

/// Makes a second client reachable by the first one's cancel() and abandon() while it works.
class SplitHelperRegistration {
public:
    SplitHelperRegistration(PgJobClient &owner, PgJobClient &helper)
        : m_owner(owner)
    {
        QMutexLocker lock(&m_owner.m_helperMutex);
        m_owner.m_helper = &helper;
    }
    ~SplitHelperRegistration()
    {
        QMutexLocker lock(&m_owner.m_helperMutex);
        m_owner.m_helper = nullptr;
    }
    SplitHelperRegistration(const SplitHelperRegistration &) = delete;
    SplitHelperRegistration &operator=(const SplitHelperRegistration &) = delete;

private:
    PgJobClient &m_owner;
};

void PgJobClient::cancel()
{
    SqlJobClient::cancel();
    QMutexLocker lock(&m_helperMutex);
    if (m_helper)
        m_helper->cancel();
}

void PgJobClient::abandon()
{
    SqlJobClient::abandon();
    QMutexLocker lock(&m_helperMutex);
    if (m_helper)
        m_helper->abandon();
}

std::optional<qint64> PgJobClient::committedSecondPart(const JobContext &ctx)
{
    if (ctx.ledgerKey.isEmpty())
        return std::nullopt;
    const std::optional<qint64> rows = ledgerEntry(ctx.loadId, ledgerPartKey(ctx.ledgerKey));
    if (rows)
        qCInfo(lcDest).noquote() << "job" << ctx.ledgerKey << "committed its second part before (" << *rows
                                 << "rows); its first part loads now";
    return rows;
}

void PgJobClient::claimWholeJob(const JobContext &ctx)
{
    if (ctx.ledgerKey.isEmpty())
        return;
    try {
        recordInLedger(ctx.loadId, ledgerPartKey(ctx.ledgerKey), 0);
    } catch (const AlreadyRecorded &) {
        throw Error(ErrorKind::Transient,
                    QStringLiteral("the second part of job %1 was committed over another connection meanwhile; "
                                   "the job runs again and loads its first part")
                        .arg(ctx.ledgerKey),
                    SourceLocation{ctx.file.path, 0, 0, {}});
    }
}

std::unique_ptr<PgJobClient> PgJobClient::splitHelper(const JobContext &ctx)
{
    if (ctx.spareConnections < 1 || ctx.ledgerKey.isEmpty() || m_splitJobBytes <= 0 || ctx.file.size < m_splitJobBytes)
        return nullptr;
    auto helper = std::make_unique<PgJobClient>(connection().capabilities(), connection().params(),
                                                connection().datasetName(), m_method, m_createIndexes, m_csv);
    try {
        // Reachable by cancel() and abandon() while it connects: a server that accepted the
        // connection and stopped answering would otherwise hold the job until connect_timeout.
        SplitHelperRegistration opening(*this, *helper);
        if (ctx.cancel)
            ctx.cancel->check();
        helper->open();
    } catch (const Error &e) {
        if (e.kind() == ErrorKind::Cancelled)
            throw;
        // Not the job's failure: it loads over its own connection as usual.
        qCInfo(lcDest).noquote() << "job" << ctx.ledgerKey
                                 << "loads over one connection: a second one could not be opened:" << e.message();
        return nullptr;
    }
    // A cancel that came between the check above and the connect's start.
    if (ctx.cancel)
        ctx.cancel->check();
    return helper;
}

JobResult PgJobClient::copySplit(const JobContext &ctx, RowReader &reader, RowStreamEncoder &encoder,
                                 const QString &sql, PgJobClient &helper)
{
    qCInfo(lcDest).noquote() << "job" << ctx.ledgerKey << "loads over two connections";
    SplitHelperRegistration registration(*this, helper);
    PgConnection *const db[2] = {&connection(), &helper.connection()};
    const QString path = ctx.file.path;
    JobResult result;
    inTransaction(*db[0], [&] {
        qint64 partRows[2] = {0, 0};
        db[0]->execute(QLatin1String(kSplitLockTimeout));
        inTransaction(*db[1], [&] {
            db[1]->execute(QLatin1String(kSplitLockTimeout));
            StreamLines lines[2];
            std::string buffers[2];
            bool copying[2] = {false, false};
            int serverPart = 0; // whose lines a server error counts
            // The second part's sender: a thread of its own, so that each server gets rows
            // while the other one is busy. Its error comes back as a value.
            BlockingQueue<std::string> queue(kQueuedPieces);
            std::atomic_bool senderFailed{false};
            std::atomic_bool stopSending{false};
            std::optional<Error> senderError;
            std::thread sender;
            const auto stopSender = [&] {
                stopSending = true;
                queue.close();
                if (sender.joinable())
                    sender.join();
            };
            try {
                for (int k = 0; k < 2; ++k) {
                    serverPart = k;
                    db[k]->beginCopy(sql);
                    copying[k] = true;
                    buffers[k].reserve(kCopyFlushBytes + 64 * 1024);
                    encoder.begin(buffers[k]);
                }
                sender = std::thread([&] {
                    while (auto piece = queue.pop()) {
                        if (stopSending || senderFailed)
                            continue;
                        try {
                            putCopyPieces(*db[1], piece->data(), piece->size());
                        } catch (const Error &e) {
                            senderError = e;
                            senderFailed = true;
                        } catch (const std::exception &e) {
                            senderError = Error(ErrorKind::Internal, QString::fromUtf8(e.what()));
                            senderFailed = true;
                        }
                    }
                });
                const auto send = [&](int part) {
                    if (part == 0) {
                        serverPart = 0;
                        putCopyPieces(*db[0], buffers[0].data(), buffers[0].size());
                        resetCopyBuffer(buffers[0]);
                    } else {
                        queue.push(std::move(buffers[1]));
                        buffers[1] = std::string();
                        buffers[1].reserve(kCopyFlushBytes + 64 * 1024);
                    }
                };
                RowBatch batch;
                qint64 index = 0;
                while (!senderFailed && reader.readBatch(batch)) {
                    if (ctx.cancel)
                        ctx.cancel->check();
                    for (std::size_t r = 0; r < batch.rowCount(); ++r) {
                        const int part = splitPartOf(index++);
                        encoder.row(batch, r, path, buffers[part]);
                        lines[part].add(batch.line(r));
                        if (copyBufferFull(buffers[part]))
                            send(part);
                    }
                    if (ctx.progress)
                        ctx.progress(index, reader.bytesConsumed());
                }
                for (int k = 0; k < 2; ++k) {
                    encoder.end(buffers[k]);
                    send(k);
                }
                queue.close();
                sender.join();
                if (senderFailed) {
                    serverPart = 1;
                    throw *senderError;
                }
                for (int k = 0; k < 2; ++k) {
                    serverPart = k;
                    copying[k] = false;
                    partRows[k] = db[k]->endCopy();
                }
            } catch (const Error &e) {
                stopSender();
                for (int k = 0; k < 2; ++k)
                    if (copying[k])
                        db[k]->abortCopy(QStringLiteral("the load job failed: ") + e.message());
                const StreamLines &counted = lines[serverPart];
                rethrowForFile(e, path, [&](qint64 line) { return counted.sourceLine(line); });
            } catch (...) {
                stopSender();
                for (int k = 0; k < 2; ++k)
                    if (copying[k])
                        db[k]->abortCopy(QStringLiteral("the load job failed"));
                throw;
            }
            try {
                helper.recordInLedger(ctx.loadId, ledgerPartKey(ctx.ledgerKey), partRows[1]);
            } catch (const AlreadyRecorded &) {
                // Another loader committed this part meanwhile; the whole job is not done yet.
                throw Error(ErrorKind::Transient,
                            QStringLiteral("another loader committed part of job %1 meanwhile; it runs again")
                                .arg(ctx.ledgerKey),
                            SourceLocation{path, 0, 0, {}});
            }
        }); // the second part commits here
        crashPoint("after-part-commit");
        result.rows = partRows[0] + partRows[1];
        if (ctx.beforeCommit)
            ctx.beforeCommit(*this, result.rows);
    });
    return result;
}

} // namespace wharf::postgres
