#include "sql/MergeSql.h"

#include "Error.h"
#include "sql/TableKeys.h"

namespace wharf {

QString stagingDatasetName(const QString &dataset)
{
    return dataset + QStringLiteral("_staging");
}

void checkMergeChain(const Schema &schema, const QStringList &chain, const QString &strategy)
{
    const Table *root = schema.table(chain.value(0));
    if (!root)
        return;
    const bool upsert = strategy == QLatin1String("upsert") || strategy == QLatin1String("insert-only");
    if (upsert && columnsWith(*root, &Column::primaryKey).isEmpty())
        mergeError(
            QStringLiteral("table %1 has no primary key, which merge strategy %2 needs").arg(root->name, strategy));
    if (strategy == QLatin1String("scd2")) {
        if (!firstWith(*root, &Column::validFrom) || !firstWith(*root, &Column::validTo))
            mergeError(QStringLiteral("table %1 has no validity columns (x-valid-from, x-valid-to), which merge "
                                      "strategy scd2 needs")
                           .arg(root->name));
        for (int k = 1; k < chain.size(); ++k)
            if (const Table *t = schema.table(chain[k]))
                rowKey(*t);
        return;
    }
    if (chain.size() < 2)
        return;
    if (strategy == QLatin1String("insert-only")) {
        if (chain.size() > 1)
            rowKey(*root); // the nested MERGEs join on it
        for (int k = 1; k < chain.size(); ++k)
            if (const Table *t = schema.table(chain[k]))
                rowKey(*t);
        return;
    }
    const bool keyed = upsert || !columnsWith(*root, &Column::primaryKey).isEmpty() ||
                       !columnsWith(*root, &Column::mergeKey).isEmpty() ||
                       !columnsWith(*root, &Column::hardDelete).isEmpty();
    if (keyed)
        rowKey(*root);
    for (int k = 1; k < chain.size(); ++k) {
        const Table *t = schema.table(chain[k]);
        if (!t)
            continue;
        rowKey(*t);
        if (keyed)
            rootKey(*t, root->name);
    }
}

QStringList mergeTempTables(const QString &rootTable, const QString &tempSuffix)
{
    // dlt names them <root>_delete_<hex>; the root is cut to 20 characters so that both names
    // stay distinct within PostgreSQL's 63-byte identifiers, whatever the root's length.
    const QString root = rootTable.left(20);
    return {root + QStringLiteral("_delete_") + tempSuffix, root + QStringLiteral("_insert_") + tempSuffix};
}

QStringList deleteInsertMergeSql(const Schema &schema, const QStringList &chain, const SqlClient &client,
                                 const QString &stagingDataset, const QString &tempSuffix)
{
    const auto q = [&](const QString &name) { return client.escapeIdentifier(name); };
    const auto finalName = [&](const QString &t) { return client.qualifiedTableName(t); };
    const auto stagingName = [&](const QString &t) { return client.qualifiedTableName(stagingDataset, t); };
    const Table *root = schema.table(chain.value(0));
    if (!root)
        mergeError(QStringLiteral("the chain has no root table"));
    const bool nested = chain.size() > 1;
    const QString R = finalName(root->name);
    const QString RS = stagingName(root->name);

    const auto pk = columnsWith(*root, &Column::primaryKey);
    const auto mk = columnsWith(*root, &Column::mergeKey);
    const auto keyClause = [&](const QList<Column> &cols) {
        QStringList parts;
        for (const auto &c : cols)
            parts.append(QStringLiteral("d.%1 = s.%1").arg(q(c.name)));
        return parts.join(QStringLiteral(" AND "));
    };
    QStringList keyClauses;
    if (!pk.isEmpty())
        keyClauses.append(keyClause(pk));
    if (!mk.isEmpty())
        keyClauses.append(keyClause(mk));
    const QString keys = keyClauses.join(QStringLiteral(" OR "));

    const HardDelete hd = hardDeleteOf(*root, client);
    const QString notDeleted = hd.notDeleted;
    QString order = QStringLiteral("(SELECT NULL)");
    for (const auto &c : root->columns)
        if (c.isComplete() && !c.dedupSort.isEmpty()) {
            order = QStringLiteral("%1 %2").arg(q(c.name), c.dedupSort == QLatin1String("asc") ? "ASC" : "DESC");
            break;
        }
    const auto cols = [&](const Table &t) { return columnList(t, client); };
    // The inner query selects what the outer one returns plus the columns its condition reads
    // (dlt's condition_columns): without the hard-delete column there, PostgreSQL refuses the
    // statement and SQLite reads the quoted name as a string, keeping no row at all.
    const bool skipDedup = root->stageDataDeduplicated;
    const auto dedup = [&](const QString &table, const QString &partition, const QString &select,
                           const QString &orderBy, const QString &condition, const QString &conditionColumns = {}) {
        if (skipDedup) // x-stage-data-deduplicated: the user vouches for unique keys in staging
            return QStringLiteral("SELECT %1 FROM %2 WHERE %3").arg(select, table, condition);
        const QString inner = conditionColumns.isEmpty() ? select : select + QStringLiteral(", ") + conditionColumns;
        return QStringLiteral("SELECT %1 FROM ( SELECT ROW_NUMBER() OVER (partition BY %2 ORDER BY %3) AS "
                              "_dlt_dedup_rn, %6 FROM %4 ) AS _dlt_dedup_numbered WHERE _dlt_dedup_rn = 1 AND (%5)")
            .arg(select, partition, orderBy, table, condition, inner);
    };
    QStringList pkCols;
    for (const auto &c : pk)
        pkCols.append(q(c.name));
    const QStringList temps = mergeTempTables(root->name, tempSuffix);
    const QString del = q(temps[0]);
    const QString ins = q(temps[1]);

    QStringList sql;
    // A. Delete what staging replaces (not in the append fallback without keys).
    if (!keys.isEmpty()) {
        if (!nested) {
            sql << client.aliasedDeleteSql(R, QStringLiteral("d")) +
                       QStringLiteral(" WHERE EXISTS (SELECT 1 FROM %1 AS s WHERE %2)").arg(RS, keys);
        } else {
            const QString rk = q(rowKey(*root));
            sql << QStringLiteral(
                       "CREATE TEMPORARY TABLE %1 AS SELECT d.%2 FROM %3 AS d WHERE EXISTS (SELECT 1 FROM %4 "
                       "AS s WHERE %5)")
                       .arg(del, rk, R, RS, keys);
            for (int k = 1; k < chain.size(); ++k) {
                const Table *t = schema.table(chain[k]);
                sql << QStringLiteral("DELETE FROM %1 WHERE %2 IN ( SELECT * FROM %3 )")
                           .arg(finalName(t->name), q(rootKey(*t, root->name)), del);
            }
            sql << QStringLiteral("DELETE FROM %1 WHERE %2 IN ( SELECT * FROM %3 )").arg(R, rk, del);
        }
    }
    // B. Which root rows to insert, when nested tables must follow them.
    const bool insertTemp = nested && (!pk.isEmpty() || !hd.column.isEmpty());
    if (insertTemp) {
        const QString rk = q(rowKey(*root));
        if (!pk.isEmpty())
            sql << QStringLiteral("CREATE TEMPORARY TABLE %1 AS %2")
                       .arg(ins, dedup(RS, pkCols.join(QStringLiteral(", ")), rk, order,
                                       notDeleted.isEmpty() ? QStringLiteral("1 = 1") : notDeleted,
                                       hd.column.isEmpty() ? QString() : q(hd.column)));
        else
            sql << QStringLiteral("CREATE TEMPORARY TABLE %1 AS SELECT %2 FROM %3 WHERE %4")
                       .arg(ins, rk, RS, notDeleted);
    }
    // C. Insert every table of the chain from staging.
    for (int k = 0; k < chain.size(); ++k) {
        const Table *t = schema.table(chain[k]);
        const bool isRoot = k == 0;
        QString cond = notDeleted.isEmpty() ? QStringLiteral("1 = 1") : notDeleted;
        if ((!pk.isEmpty() && nested) || (pk.isEmpty() && !isRoot && !hd.column.isEmpty()))
            cond =
                QStringLiteral("%1 IN (SELECT * FROM %2)").arg(q(isRoot ? rowKey(*t) : rootKey(*t, root->name)), ins);
        const QString into = QStringLiteral("INSERT INTO %1(%2) ").arg(finalName(t->name), cols(*t));
        if (!pk.isEmpty() && !nested)
            sql << into + dedup(RS, pkCols.join(QStringLiteral(", ")), cols(*t), order, cond);
        else if (!isRoot)
            sql << into + dedup(stagingName(t->name), q(rowKey(*t)), cols(*t), QStringLiteral("(SELECT NULL)"), cond);
        else
            sql << into + QStringLiteral("SELECT %1 FROM %2 WHERE %3").arg(cols(*t), stagingName(t->name), cond);
    }
    return sql;
}

} // namespace wharf
