#include "PgJobClient.h"

#include "Error.h"
#include "PgTypeMapper.h"

namespace wharf::postgres {

PgJobClient::PgJobClient(Capabilities caps, PgConnectParams params, const QString &dataset, LoadMethod method,
                         bool createIndexes, CsvFormat csv)
    : SqlJobClient(
          std::make_unique<PgConnection>(caps, std::move(params), dataset),
          std::make_unique<PgTypeMapper>(caps.decimalPrecision, caps.decimalScale, caps.weiPrecision, caps.weiScale),
          createIndexes)
    , m_method(method)
    , m_csv(std::move(csv))
{}

QString PgJobClient::ledgerTable() const
{
    return m_sql->escapeIdentifier(ledgerSchema()) + QLatin1Char('.') +
           m_sql->escapeIdentifier(QStringLiteral("job_ledger"));
}

void PgJobClient::createLedgerHome()
{
    m_sql->execute(QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1").arg(m_sql->escapeIdentifier(ledgerSchema())));
}

PgConnection &PgJobClient::connection()
{
    return static_cast<PgConnection &>(*m_sql);
}

JobResult PgJobClient::runJob(const JobContext &ctx)
{
    open();
    switch (ctx.file.name.format) {
    case FileFormat::Csv:
        return copyCsv(ctx);
    case FileFormat::InsertValues:
        return m_method == LoadMethod::Insert ? insertParsedRows(ctx) : copyRows(ctx);
    case FileFormat::Jsonl:
    case FileFormat::TypedJsonl:
        return copyRows(ctx);
    default:
        break;
    }
    throw Error(ErrorKind::Terminal,
                QStringLiteral("PostgreSQL cannot load files of format '%1'").arg(ctx.file.name.formatName),
                SourceLocation{ctx.file.path, 0, 0, {}});
}

} // namespace wharf::postgres
