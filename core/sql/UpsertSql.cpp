// dlt's `upsert` and `insert-only` merge strategies (spec 8.3): SQL MERGE on the root's primary
// key, nested tables on their row keys.
#include "sql/MergeSql.h"
#include "sql/TableKeys.h"

namespace wharf {

QStringList upsertMergeSql(const Schema &schema, const QStringList &chain, const SqlClient &client,
                           const QString &stagingDataset, bool insertOnly)
{
    const auto q = [&](const QString &name) { return client.escapeIdentifier(name); };
    const auto stagingName = [&](const QString &t) { return client.qualifiedTableName(stagingDataset, t); };
    const Table *root = schema.table(chain.value(0));
    if (!root)
        mergeError(QStringLiteral("the chain has no root table"));
    const auto pk = columnsWith(*root, &Column::primaryKey);
    if (pk.isEmpty())
        mergeError(QStringLiteral("table %1 has no primary key, which merge strategy %2 needs")
                       .arg(root->name, insertOnly ? QStringLiteral("insert-only") : QStringLiteral("upsert")));
    const HardDelete hd = hardDeleteOf(*root, client);

    const auto updates = [&](const Table &t) {
        QStringList out;
        for (const QString &c : t.completeColumnNames())
            out.append(QStringLiteral("%1 = s.%1").arg(q(c)));
        return out.join(QStringLiteral(", "));
    };
    const auto insertBranch = [&](const Table &t) {
        return QStringLiteral("WHEN NOT MATCHED THEN INSERT (%1) VALUES (%2)")
            .arg(columnList(t, client), columnList(t, client, QStringLiteral("s.")));
    };

    QStringList on;
    for (const Column &c : pk)
        on.append(QStringLiteral("d.%1 = s.%1").arg(q(c.name)));
    const QString R = client.qualifiedTableName(root->name);
    const QString RS = stagingName(root->name);

    QStringList sql;
    if (insertOnly) {
        // Rows flagged as deleted are never inserted; existing rows are never touched.
        const QString source =
            hd.column.isEmpty() ? RS : QStringLiteral("(SELECT * FROM %1 WHERE %2)").arg(RS, hd.notDeleted);
        sql << QStringLiteral("MERGE INTO %1 d USING %2 s ON %3 %4")
                   .arg(R, source, on.join(QStringLiteral(" AND ")), insertBranch(*root));
    } else {
        const QString remove =
            hd.column.isEmpty() ? QString() : QStringLiteral("WHEN MATCHED AND s.%1 THEN DELETE ").arg(hd.deleted);
        sql << QStringLiteral("MERGE INTO %1 d USING %2 s ON %3 %4WHEN MATCHED THEN UPDATE SET %5 %6")
                   .arg(R, RS, on.join(QStringLiteral(" AND ")), remove, updates(*root), insertBranch(*root));
    }
    if (chain.size() < 2)
        return sql;

    const QString rootRowKey = q(rowKey(*root));
    for (int k = 1; k < chain.size(); ++k) {
        const Table *t = schema.table(chain[k]);
        if (!t)
            continue;
        const QString T = client.qualifiedTableName(t->name);
        const QString TS = stagingName(t->name);
        const QString rk = q(rowKey(*t));
        const QString update =
            insertOnly ? QString() : QStringLiteral("WHEN MATCHED THEN UPDATE SET %1 ").arg(updates(*t));
        sql << QStringLiteral("MERGE INTO %1 d USING %2 s ON d.%3 = s.%3 %4%5")
                   .arg(T, TS, rk, update, insertBranch(*t));
        if (insertOnly)
            continue;
        const QString rootKeyColumn = q(rootKey(*t, root->name));
        // Elements no longer in a staged record's list go, and so do the lists of deleted records.
        sql << QStringLiteral("DELETE FROM %1 WHERE %2 IN (SELECT %3 FROM %4) AND %5 NOT IN (SELECT %5 FROM %6)")
                   .arg(T, rootKeyColumn, rootRowKey, RS, rk, TS);
        if (!hd.column.isEmpty())
            sql << QStringLiteral("DELETE FROM %1 WHERE %2 IN (SELECT %3 FROM %4 WHERE %5)")
                       .arg(T, rootKeyColumn, rootRowKey, RS, hd.deleted);
    }
    return sql;
}

} // namespace wharf
