#include "PgBrowser.h"

#include "Error.h"

#include <QSet>
#include <cmath>

namespace wharf::postgres {

namespace {

// The planner's row estimate (estimate_rel_size in src/backend/optimizer/util/plancat.c): the
// tuple density of the last ANALYZE/VACUUM times the pages the table has now, so that a load
// since then is accounted for. -1 when the table was never analyzed and has no live-tuple count.
qint64 estimateRows(double reltuples, qint64 relpages, qint64 bytes, int blockSize, const QVariant &liveTuples)
{
    const qint64 pages = blockSize > 0 ? bytes / blockSize : 0;
    if (reltuples >= 0 && relpages > 0)
        return qint64(std::llround(reltuples / double(relpages) * double(pages)));
    if (!liveTuples.isNull() && liveTuples.toLongLong() > 0)
        return liveTuples.toLongLong();
    if (pages == 0 && bytes == 0)
        return 0;
    return -1;
}

} // namespace

PgBrowser::PgBrowser(Capabilities caps, PgConnectParams params)
    : SqlDatasetBrowser(std::make_unique<PgConnection>(std::move(caps), std::move(params), QString()))
{}

void PgBrowser::afterOpen()
{
    // Browsing never writes (but for a load's rows deleted on request, applyWriteMode). Without ORDER BY, pages follow
    // the heap order; synchronized scans would let a scan start mid-table when another one runs, reordering rows
    // between pages (https://www.postgresql.org/docs/current/runtime-config-compatible.html).
    applyWriteMode(writesAllowed());
    sql().execute(QStringLiteral("SET synchronize_seqscans = off"));
}

void PgBrowser::applyWriteMode(bool allowed)
{
    if (sql().isOpen())
        sql().execute(allowed ? QStringLiteral("SET default_transaction_read_only = off")
                              : QStringLiteral("SET default_transaction_read_only = on"));
}

QList<BrowserDataset> PgBrowser::listDatasets()
{
    open();
    const auto rows = sql().query(QStringLiteral(
        "SELECT n.nspname, EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid "
        "AND c.relname = '_dlt_version' AND c.relkind IN ('r', 'p')) "
        "FROM pg_catalog.pg_namespace n WHERE pg_catalog.has_schema_privilege(n.oid, 'USAGE') ORDER BY n.nspname"));
    QStringList dlt;
    QSet<QString> all;
    for (const auto &row : rows) {
        all.insert(row.value(0).toString());
        if (row.value(1).toBool())
            dlt.append(row.value(0).toString());
    }
    return datasetsWithStaging(dlt, all);
}

void PgBrowser::useAsDefault(const QString &dataset)
{
    // Unqualified names in SQL typed in the console mean the dataset's tables.
    useDataset(dataset);
    sql().execute(QStringLiteral("SET search_path TO %1, public").arg(quoteName(dataset)));
}

void PgBrowser::useDataset(const QString &dataset)
{
    open();
    if (sql().query(QStringLiteral("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1"), {dataset}).isEmpty())
        throw UndefinedRelation(QStringLiteral("dataset (schema) %1 does not exist").arg(dataset));
}

QList<SqlDatasetBrowser::CatalogTable> PgBrowser::catalogTables(const QString &dataset, const QString &onlyTable)
{
    QString query = QStringLiteral(
        "SELECT c.relname, c.relkind, c.reltuples, c.relpages, pg_catalog.pg_relation_size(c.oid), s.n_live_tup, "
        "a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atttypid = 1700, "
        "pg_catalog.current_setting('block_size')::int "
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_catalog.pg_stat_all_tables s ON s.relid = c.oid "
        "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')");
    QVariantList params{dataset};
    if (!onlyTable.isEmpty()) {
        query += QStringLiteral(" AND c.relname = $2");
        params.append(onlyTable);
    }
    query += QStringLiteral(" ORDER BY c.relname, a.attnum");
    QList<CatalogTable> out;
    for (const auto &row : sql().query(query, params)) {
        const QString name = row.value(0).toString();
        if (out.isEmpty() || out.last().table.name != name) {
            CatalogTable entry;
            entry.table.name = name;
            const QString kind = row.value(1).toString();
            // Views and foreign tables are not counted: their rows may be expensive to produce.
            const bool stored = kind != QLatin1String("v") && kind != QLatin1String("f");
            entry.table.kind = stored ? BrowserTableKind::Table : BrowserTableKind::View;
            if (stored) {
                entry.table.rows = estimateRows(row.value(2).toDouble(), row.value(3).toLongLong(),
                                                row.value(4).toLongLong(), row.value(10).toInt(), row.value(5));
                // ctid is unique within one relation; partitions need their tableoid too.
                entry.tieBreaker =
                    kind == QLatin1String("p") ? QStringLiteral("t0.tableoid, t0.ctid") : QStringLiteral("t0.ctid");
            }
            out.append(entry);
        }
        if (row.value(6).isNull())
            continue; // a table without columns
        BrowserColumn column;
        column.name = row.value(6).toString();
        column.dbType = row.value(7).toString();
        column.nullable = !row.value(8).toBool();
        out.last().table.columns.append(column);
        // libpq gives numeric as text, which PgConnection turns into a double: read it as text
        // so that decimal and wei values show every digit.
        if (row.value(9).toBool())
            out.last().selectAs.insert(column.name, QStringLiteral("CAST(t0.%1 AS text)").arg(quoteName(column.name)));
    }
    return out;
}

QString PgBrowser::textExpression(const QString &column) const
{
    return QStringLiteral("CAST(%1 AS text)").arg(column);
}

} // namespace wharf::postgres
