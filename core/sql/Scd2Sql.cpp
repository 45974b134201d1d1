// dlt's `scd2` merge strategy (spec 8.4): slowly changing dimensions type 2 on the root table,
// insert-only nested tables.
#include "Error.h"
#include "load/Coerce.h"
#include "sql/MergeSql.h"
#include "sql/TableKeys.h"

namespace wharf {

QString datetimeLiteral(const SqlClient &client, const QString &iso, int precision)
{
    // Python's isoformat timespec as dlt picks it: seconds, milliseconds or microseconds.
    const int digits = precision >= 6 ? 6 : precision >= 3 ? 3 : 0;
    std::string out;
    if (!normalizeTimestamp(iso.toStdString(), TemporalStyle::SqliteUtc, digits, out))
        throw Error(ErrorKind::Terminal, QStringLiteral("'%1' is not an ISO-8601 timestamp").arg(iso.left(60)));
    return client.timestampLiteral(QString::fromStdString(out));
}

QStringList scd2MergeSql(const Schema &schema, const QStringList &chain, const SqlClient &client,
                         const QString &stagingDataset, const QString &packageCreatedAt)
{
    const auto q = [&](const QString &name) { return client.escapeIdentifier(name); };
    const auto stagingName = [&](const QString &t) { return client.qualifiedTableName(stagingDataset, t); };
    const Table *root = schema.table(chain.value(0));
    if (!root)
        mergeError(QStringLiteral("the chain has no root table"));
    const Column *fromColumn = firstWith(*root, &Column::validFrom);
    const Column *toColumn = firstWith(*root, &Column::validTo);
    if (!fromColumn || !toColumn)
        mergeError(QStringLiteral("table %1 has no validity columns (x-valid-from, x-valid-to), which merge strategy "
                                  "scd2 needs")
                       .arg(root->name));
    const QString from = q(fromColumn->name);
    const QString to = q(toColumn->name);
    const Column *versionColumn = firstWith(*root, &Column::rowVersion);
    const QString version = q(versionColumn ? versionColumn->name : QStringLiteral("_dlt_id"));

    const int precision = client.capabilities().timestampPrecision;
    const QString boundaryIso = root->boundaryTimestamp.isEmpty() ? packageCreatedAt : root->boundaryTimestamp;
    if (boundaryIso.isEmpty())
        mergeError(
            QStringLiteral("table %1: the package has no created_at, the default scd2 boundary").arg(root->name));
    const QString boundary = datetimeLiteral(client, boundaryIso, precision);
    // Active rows: `to` IS NULL, or `to` equals the active record timestamp when one is set.
    QString active = QStringLiteral("NULL");
    for (const Column &c : root->columns)
        if (c.isComplete() && c.hasActiveRecordTimestamp) {
            if (!c.activeRecordTimestamp.isEmpty())
                active = datetimeLiteral(client, c.activeRecordTimestamp, precision);
            break;
        }
    const QString isActive = active == QLatin1String("NULL") ? QStringLiteral("%1 IS NULL").arg(to)
                                                             : QStringLiteral("%1 = %2").arg(to, active);

    const QString R = client.qualifiedTableName(root->name);
    const QString RS = stagingName(root->name);
    QStringList sql;
    // Retire active rows whose version is not staged; with merge keys, only within the staged keys.
    QString retire = QStringLiteral("UPDATE %1 SET %2 = %3 WHERE %4 AND %5 NOT IN (SELECT %5 FROM %6)")
                         .arg(R, to, boundary, isActive, version, RS);
    const auto mk = columnsWith(*root, &Column::mergeKey);
    if (!mk.isEmpty()) {
        QStringList keyColumns;
        for (const Column &c : mk)
            keyColumns.append(q(c.name));
        const QString key = keyColumns.size() == 1 ? keyColumns.first() : client.concatSql(keyColumns);
        retire += QStringLiteral(" AND %1 IN (SELECT %1 FROM %2)").arg(key, RS);
    }
    sql << retire;

    // New versions become active from the boundary on.
    QStringList cols;
    for (const QString &c : root->completeColumnNames())
        if (c != fromColumn->name && c != toColumn->name)
            cols.append(q(c));
    const QString colList = cols.join(QStringLiteral(", "));
    sql << QStringLiteral("INSERT INTO %1 (%2, %3, %4) SELECT %2, %5 AS %3, %6 AS %4 FROM %7 AS s WHERE %8 NOT IN "
                          "(SELECT %8 FROM %1 WHERE %9)")
               .arg(R, colList, from, to, boundary, active, RS, version, isActive);

    // Nested rows are insert-only, keyed by their row key.
    for (int k = 1; k < chain.size(); ++k) {
        const Table *t = schema.table(chain[k]);
        if (!t)
            continue;
        const QString list = columnList(*t, client);
        const QString T = client.qualifiedTableName(t->name);
        sql << QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3 WHERE %4 NOT IN (SELECT %4 FROM %1)")
                   .arg(T, list, stagingName(t->name), q(rowKey(*t)));
    }
    return sql;
}

} // namespace wharf
