// Indexes after rows (issue 13): a table that a package creates is empty, so its UNIQUE
// constraints are added once all its rows are in - one sort - instead of being maintained row
// by row through every COPY. What is owed is a marker row in the job ledger, written in the
// same transaction as the CREATE TABLE and deleted in the same transaction as the ALTER TABLE
// that pays it: no crash can leave a table without its constraints and without the debt.
#include "sql/SqlJobClient.h"

#include "Error.h"
#include "sql/DdlBuilder.h"

#include <optional>

namespace wharf {

namespace {

const char *kMarkerSuffix = "#indexes"; // '#' never appears in a job id (table.file_id)
constexpr qint64 kMarkerRows = -1;      // row_count of a marker: no job has negative rows

QString markerKey(const QString &table)
{
    return table + QLatin1String(kMarkerSuffix);
}

} // namespace

bool SqlJobClient::canDeferIndexes() const
{
    return m_indexesAfterRows && m_createIndexes && hasLedger() && m_sql->capabilities().supportsDdlTransactions;
}

bool SqlJobClient::deferIndexes(const QStringList &tables, const QString &loadId)
{
    if (!canDeferIndexes())
        return false;
    m_deferredTables = tables;
    m_deferringLoadId = loadId;
    return true;
}

void SqlJobClient::oweIndexes(const QString &table)
{
    m_sql->execute(QStringLiteral("INSERT INTO %1 (%2, %3, %4, %5) VALUES (%6, %7, %8, %9) ON CONFLICT DO NOTHING")
                       .arg(ledgerTable(), ledgerColumn("dataset_name"), ledgerColumn("load_id"),
                            ledgerColumn("job_key"), ledgerColumn("row_count"))
                       .arg(m_sql->placeholder(0), m_sql->placeholder(1), m_sql->placeholder(2), m_sql->placeholder(3)),
                   {m_sql->datasetName(), m_deferringLoadId, markerKey(table), kMarkerRows});
}

void SqlJobClient::buildDeferredIndexes(const Schema &schema, const QStringList &tables)
{
    if (!hasLedger() || tables.isEmpty())
        return;
    open();
    const auto owed = m_sql->query(QStringLiteral("SELECT %1, %2 FROM %3 WHERE %4 = %5 AND %6 = %7")
                                       .arg(ledgerColumn("job_key"), ledgerColumn("load_id"), ledgerTable(),
                                            ledgerColumn("dataset_name"), m_sql->placeholder(0),
                                            ledgerColumn("row_count"), m_sql->placeholder(1)),
                                   {m_sql->datasetName(), kMarkerRows});
    if (owed.isEmpty())
        return;
    const DdlBuilder ddl(*m_sql, *m_types, m_createIndexes);
    // A table whose rows break its constraint does not keep the others from theirs: the first
    // failure is thrown once every table was tried.
    std::optional<IndexBuildFailed> failed;
    for (const QString &name : tables) {
        QString owner;
        for (const QVariantList &row : owed)
            if (row.value(0).toString() == markerKey(name))
                owner = row.value(1).toString();
        const Table *table = schema.table(name);
        if (owner.isEmpty() || !table)
            continue;
        try {
            inTransaction(*m_sql, [&] { payIndexes(ddl, *table); });
        } catch (const Error &e) {
            if (e.sqlState != QLatin1String("23505")) // unique_violation
                throw;
            if (!failed)
                failed.emplace(name, owner, describeDuplicates(*table));
        }
    }
    if (failed)
        throw *failed;
}

QString SqlJobClient::describeDuplicates(const Table &table)
{
    const QString qualified = m_sql->qualifiedTableName(table.name);
    QStringList parts;
    for (const Column &c : table.columns) {
        if (!c.unique || !c.isComplete())
            continue;
        const QString col = m_sql->escapeIdentifier(c.name);
        const QString repeated =
            QStringLiteral("SELECT %1, count(*) FROM %2 WHERE %1 IS NOT NULL GROUP BY %1 HAVING count(*) > 1")
                .arg(col, qualified);
        const auto total = m_sql->query(QStringLiteral("SELECT count(*) FROM (%1) d").arg(repeated));
        const qint64 n = total.isEmpty() ? 0 : total.first().value(0).toLongLong();
        if (n == 0)
            continue;
        QStringList examples;
        const auto rows = m_sql->query(repeated + QStringLiteral(" ORDER BY count(*) DESC, %1 LIMIT 5").arg(col));
        for (const QVariantList &row : rows)
            examples.append(QStringLiteral("'%1' (%2 rows)")
                                .arg(clipForMessage(row.value(0).toString(), 80))
                                .arg(row.value(1).toLongLong()));
        parts.append(QStringLiteral("%1 value(s) of %2 appear more than once, e.g. %3")
                         .arg(n)
                         .arg(clipForMessage(c.name), examples.join(QStringLiteral(", "))));
    }
    if (parts.isEmpty())
        parts.append(QStringLiteral("the rows break a unique constraint"));
    return QStringLiteral("table %1 could not get its UNIQUE constraint after its rows were loaded: %2; dlt's "
                          "schema declares the column unique, so these rows cannot all be loaded")
        .arg(clipForMessage(table.name), parts.join(QStringLiteral("; ")));
}

void SqlJobClient::discardDeferredTable(const Schema &schema, const QString &name, const QString &loadId,
                                        const QStringList &jobKeys)
{
    const Table *table = schema.table(name);
    if (!table || !hasLedger())
        return;
    open();
    const DdlBuilder ddl(*m_sql, *m_types, m_createIndexes);
    inTransaction(*m_sql, [&] {
        m_sql->execute(m_sql->truncateTableSql(m_sql->qualifiedTableName(name)));
        // A job split over two connections left a row for its second part too.
        QStringList keys;
        for (const QString &key : jobKeys)
            keys << key << ledgerPartKey(key);
        for (const QString &key : std::as_const(keys))
            m_sql->execute(QStringLiteral("DELETE FROM %1 WHERE %2 = %3 AND %4 = %5 AND %6 = %7")
                               .arg(ledgerTable(), ledgerColumn("dataset_name"), m_sql->placeholder(0),
                                    ledgerColumn("load_id"), m_sql->placeholder(1), ledgerColumn("job_key"),
                                    m_sql->placeholder(2)),
                           {m_sql->datasetName(), loadId, key});
        payIndexes(ddl, *table);
    });
}

void SqlJobClient::payIndexes(const DdlBuilder &ddl, const Table &table)
{
    for (const QString &statement : ddl.indexStatements(table))
        m_sql->execute(statement);
    m_sql->execute(QStringLiteral("DELETE FROM %1 WHERE %2 = %3 AND %4 = %5")
                       .arg(ledgerTable(), ledgerColumn("dataset_name"), m_sql->placeholder(0), ledgerColumn("job_key"),
                            m_sql->placeholder(1)),
                   {m_sql->datasetName(), markerKey(table.name)});
}

} // namespace wharf
