#include "DummyDestination.h"

#include "Error.h"
#include "formats/RowReader.h"

#include <QMutex>
#include <QThread>

namespace wharf::dummy {

namespace {

QMutex g_mutex;
QStringList g_completed;
QStringList g_followUps;
QStringList g_truncations;
QStringList g_forgotten;

QStringList listOption(const ResolvedConfig &config, const char *key)
{
    return config.option(QLatin1String(key)).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
}

class DummyClient : public JobClient {
public:
    explicit DummyClient(const ResolvedConfig &config)
        : m_failTables(listOption(config, "fail_tables"))
        , m_retryTables(listOption(config, "retry_tables"))
        , m_delayMs(config.option(QStringLiteral("job_delay_ms"), 0).toInt())
        , m_failOnOpen(config.option(QStringLiteral("fail_on_open"), false).toBool())
        , m_followUpTables(listOption(config, "followup_tables"))
        , m_serverCancelTables(listOption(config, "server_cancel_tables"))
        , m_forgetFailures(config.option(QStringLiteral("forget_failures"), 0).toInt())
    {}

    QList<FollowUpJob> followUpJobs(const Schema &, const QStringList &chain, const WriteStrategy &,
                                    const QString &) override
    {
        if (chain.isEmpty() || !m_followUpTables.contains(chain.first()))
            return {};
        FollowUpJob job;
        job.rootTable = chain.first();
        job.statements = {QStringLiteral("-- chain: ") + chain.join(QLatin1Char(','))};
        return {job};
    }
    void truncateTables(const QStringList &tables) override
    {
        QMutexLocker lock(&g_mutex);
        g_truncations.append(tables.join(QLatin1Char(',')));
    }
    void runFollowUp(const FollowUpJob &job, const CancelToken &) override
    {
        QMutexLocker lock(&g_mutex);
        g_followUps.append(job.statements.join(QLatin1Char('\n')));
    }

    void open() override
    {
        if (m_failOnOpen)
            throw Error(ErrorKind::Transient, QStringLiteral("dummy: connection refused"));
    }
    void close() override {}
    SchemaSyncResult syncSchema(const Schema &, const QStringList &) override { return {}; }

    JobResult runJob(const JobContext &ctx) override
    {
        const QString &table = ctx.file.name.table;
        for (int waited = 0; waited < m_delayMs; waited += 10) {
            if (m_cancelled.load() || (ctx.cancel && ctx.cancel->isCancelled()))
                throw Error(ErrorKind::Cancelled, QStringLiteral("cancelled"));
            QThread::msleep(10);
        }
        if (m_failTables.contains(table))
            throw Error(ErrorKind::Terminal, QStringLiteral("dummy: job for %1 fails terminally").arg(table));
        if (m_serverCancelTables.contains(table))
            throw Error(ErrorKind::Cancelled, QStringLiteral("dummy: statement cancelled by the server"));
        if (m_retryTables.contains(table))
            throw Error(ErrorKind::Transient, QStringLiteral("dummy: job for %1 asks for a retry").arg(table));
        ReaderOptions options;
        options.tableColumns = ctx.table->completeColumnNames();
        auto reader = openRowReader(ctx.file.path, ctx.file.name.format, options);
        RowBatch batch;
        JobResult result;
        while (reader->readBatch(batch))
            result.rows += qint64(batch.rowCount());
        return result;
    }

    void completeLoad(const QString &loadId, const Schema &) override
    {
        QMutexLocker lock(&g_mutex);
        g_completed.append(loadId);
        m_loadCompleted = true;
    }
    void forgetLoad(const QString &loadId) override
    {
        if (!m_loadCompleted)
            return;
        if (m_forgetFailures > 0) {
            --m_forgetFailures;
            throw Error(ErrorKind::Transient, QStringLiteral("dummy: connection lost while clearing the ledger"));
        }
        QMutexLocker lock(&g_mutex);
        g_forgotten.append(loadId);
    }
    void cancel() override { m_cancelled.store(true); }

private:
    QStringList m_failTables;
    QStringList m_retryTables;
    int m_delayMs;
    bool m_failOnOpen;
    QStringList m_followUpTables;
    QStringList m_serverCancelTables;
    int m_forgetFailures;
    bool m_loadCompleted = false;
    std::atomic_bool m_cancelled{false};
};

} // namespace

Capabilities DummyDestination::capabilities() const
{
    Capabilities c;
    c.preferredLoaderFileFormat = QStringLiteral("jsonl");
    c.supportedLoaderFileFormats = {QStringLiteral("insert_values"), QStringLiteral("csv"), QStringLiteral("jsonl"),
                                    QStringLiteral("typed-jsonl")};
    c.maxIdentifierLength = 127;
    c.maxColumnIdentifierLength = 127;
    c.maxQueryLength = 8 * 1024 * 1024;
    c.supportsDdlTransactions = false;
    c.supportedMergeStrategies = {QStringLiteral("delete-insert"), QStringLiteral("upsert")};
    c.supportedReplaceStrategies = {QStringLiteral("truncate-and-insert"), QStringLiteral("insert-from-staging")};
    return c;
}

ConfigSpec DummyDestination::configSpec() const
{
    ConfigSpec spec;
    spec.destinationType = type();
    spec.scheme = QStringLiteral("dummy");
    const auto field = [](const char *name, FieldType t, QVariant def) {
        ConfigField f;
        f.name = QLatin1String(name);
        f.type = t;
        f.defaultValue = std::move(def);
        return f;
    };
    spec.options = {field("fail_tables", FieldType::String, QString()),
                    field("retry_tables", FieldType::String, QString()),
                    field("job_delay_ms", FieldType::Int, 0),
                    field("fail_on_open", FieldType::Bool, false),
                    field("followup_tables", FieldType::String, QString()),
                    field("server_cancel_tables", FieldType::String, QString()),
                    field("forget_failures", FieldType::Int, 0)};
    return spec;
}

std::unique_ptr<JobClient> DummyDestination::createClient(const ResolvedConfig &config, const QString &) const
{
    return std::make_unique<DummyClient>(config);
}

QStringList DummyDestination::completedLoads()
{
    QMutexLocker lock(&g_mutex);
    return g_completed;
}

void DummyDestination::resetCompletedLoads()
{
    QMutexLocker lock(&g_mutex);
    g_completed.clear();
    g_followUps.clear();
    g_truncations.clear();
    g_forgotten.clear();
}

QStringList DummyDestination::forgottenLoads()
{
    QMutexLocker lock(&g_mutex);
    return g_forgotten;
}

QStringList DummyDestination::truncations()
{
    QMutexLocker lock(&g_mutex);
    return g_truncations;
}

QStringList DummyDestination::followUpsRun()
{
    QMutexLocker lock(&g_mutex);
    return g_followUps;
}

} // namespace wharf::dummy
