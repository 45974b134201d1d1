#include "PgJobClient.h"

#include "Error.h"
#include "PgTypeMapper.h"

#include <algorithm>

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

SchemaSyncResult PgJobClient::syncSchema(const Schema &schema, const QStringList &tables)
{
    QStringList geometry;
    for (const Table &t : schema.tables) {
        if (!tables.isEmpty() && !tables.contains(t.name))
            continue;
        for (const Column &c : t.columns)
            if (c.isComplete() && c.extraHints.value(QStringLiteral("x-postgres-geometry")).toBool())
                geometry.append(t.name + QLatin1Char('.') + c.name);
    }
    if (!geometry.isEmpty()) {
        open();
        const auto rows = connection().query(QStringLiteral("SELECT to_regtype('geometry') IS NOT NULL"));
        if (rows.isEmpty() || !rows.first().value(0).toBool())
            throw Error(ErrorKind::Config,
                        QStringLiteral("the columns %1 are PostGIS geometries (x-postgres-geometry), but the database "
                                       "has no PostGIS: install it on the server (Debian: postgresql-15-postgis-3) "
                                       "and run CREATE EXTENSION postgis in the database. Nothing was created.")
                            .arg(clipForMessage(geometry.join(QStringLiteral(", ")), 300)));
    }
    return SqlJobClient::syncSchema(schema, tables);
}

QString PgJobClient::ledgerTable() const
{
    return m_sql->escapeIdentifier(ledgerSchema()) + QLatin1Char('.') +
           m_sql->escapeIdentifier(QStringLiteral("job_ledger"));
}

void PgJobClient::createLedgerHome()
{
    m_sql->execute(QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1").arg(m_sql->escapeIdentifier(ledgerSchema())));
}

int PgJobClient::freeConnections()
{
    open();
    const auto rows = connection().query(QStringLiteral(
        "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - "
        "(SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int, "
        "(SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user), "
        "(SELECT count(*) FROM pg_stat_activity WHERE usename = current_user)::int"));
    if (rows.isEmpty())
        return -1;
    int free = rows.first().value(0).toInt();
    const int roleLimit = rows.first().value(1).toInt();
    if (roleLimit >= 0)
        free = std::min(free, roleLimit - rows.first().value(2).toInt());
    return std::max(0, free);
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
