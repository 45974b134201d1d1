#include "MysqlBrowser.h"

#include "Error.h"

#include <QSet>

namespace wharf::mysql {

MysqlBrowser::MysqlBrowser(Capabilities caps, MysqlConnectParams params)
    : SqlDatasetBrowser(std::make_unique<MysqlConnection>(std::move(caps), std::move(params), QString()))
{}

void MysqlBrowser::afterOpen()
{
    // Browsing never writes (but for a load's rows deleted on request, applyWriteMode).
    applyWriteMode(writesAllowed());
}

void MysqlBrowser::applyWriteMode(bool allowed)
{
    if (sql().isOpen())
        sql().execute(allowed ? QStringLiteral("SET SESSION TRANSACTION READ WRITE")
                              : QStringLiteral("SET SESSION TRANSACTION READ ONLY"));
}

QList<BrowserDataset> MysqlBrowser::listDatasets()
{
    open();
    const auto rows = sql().query(
        QStringLiteral("SELECT s.schema_name, EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = "
                       "s.schema_name AND t.table_name = '_dlt_version') FROM information_schema.schemata s "
                       "WHERE s.schema_name NOT IN ('information_schema', 'mysql', 'performance_schema', 'sys') "
                       "ORDER BY s.schema_name"));
    QStringList dlt;
    QSet<QString> all;
    for (const auto &row : rows) {
        all.insert(row.value(0).toString());
        if (row.value(1).toInt() != 0)
            dlt.append(row.value(0).toString());
    }
    return datasetsWithStaging(dlt, all);
}

void MysqlBrowser::useAsDefault(const QString &dataset)
{
    // Unqualified names in SQL typed in the console mean the dataset's tables.
    useDataset(dataset);
    sql().execute(QStringLiteral("USE %1").arg(quoteName(dataset)));
}

void MysqlBrowser::useDataset(const QString &dataset)
{
    open();
    if (sql()
            .query(QStringLiteral("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?"), {dataset})
            .isEmpty())
        throw UndefinedRelation(QStringLiteral("dataset (database) %1 does not exist").arg(dataset));
}

QList<SqlDatasetBrowser::CatalogTable> MysqlBrowser::catalogTables(const QString &dataset, const QString &onlyTable)
{
    QString query = QStringLiteral(
        "SELECT t.table_name, t.table_type, t.table_rows, c.column_name, c.column_type, c.is_nullable, c.data_type "
        "FROM information_schema.tables t LEFT JOIN information_schema.columns c ON c.table_schema = t.table_schema "
        "AND c.table_name = t.table_name WHERE t.table_schema = ?");
    QVariantList params{dataset};
    if (!onlyTable.isEmpty()) {
        query += QStringLiteral(" AND t.table_name = ?");
        params.append(onlyTable);
    }
    query += QStringLiteral(" ORDER BY t.table_name, c.ordinal_position");
    QList<CatalogTable> out;
    for (const auto &row : sql().query(query, params)) {
        const QString name = row.value(0).toString();
        if (!onlyTable.isEmpty() && name != onlyTable)
            continue; // information_schema compares names without case
        if (out.isEmpty() || out.last().table.name != name) {
            CatalogTable entry;
            entry.table.name = name;
            const bool view = row.value(1).toString() == QLatin1String("VIEW");
            entry.table.kind = view ? BrowserTableKind::View : BrowserTableKind::Table;
            // InnoDB's table_rows is an estimate (exact counts come from the shared code for
            // small tables); views have none.
            entry.table.rows = view || row.value(2).isNull() ? -1 : row.value(2).toLongLong();
            out.append(entry);
        }
        if (row.value(3).isNull())
            continue;
        BrowserColumn column;
        column.name = row.value(3).toString();
        column.dbType = row.value(4).toString();
        column.nullable = row.value(5).toString() == QLatin1String("YES");
        CatalogTable &entry = out.last();
        entry.table.columns.append(column);
        const QString type = row.value(6).toString().toLower();
        if (type == QLatin1String("decimal"))
            entry.selectAs.insert(column.name, QStringLiteral("CAST(t0.%1 AS CHAR)").arg(quoteName(column.name)));
        // MySQL tables have no row id: dlt's `_dlt_id` makes sorted pages total.
        if (column.name == QLatin1String("_dlt_id") && entry.table.kind == BrowserTableKind::Table)
            entry.tieBreaker = QStringLiteral("t0.%1").arg(quoteName(column.name));
    }
    return out;
}

QString MysqlBrowser::textExpression(const QString &column) const
{
    return QStringLiteral("CAST(%1 AS CHAR)").arg(column);
}

} // namespace wharf::mysql
