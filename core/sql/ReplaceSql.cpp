#include "sql/ReplaceSql.h"

#include "sql/TableKeys.h"

namespace wharf {

QStringList replaceFromStagingSql(const Schema &schema, const QStringList &chain, const SqlClient &client,
                                  const QString &stagingDataset, bool optimized)
{
    QStringList sql;
    for (const QString &name : chain) {
        const Table *t = schema.table(name);
        if (!t)
            continue;
        if (optimized) {
            const QStringList swap = client.swapInStagingTableSql(name, stagingDataset);
            if (!swap.isEmpty()) {
                sql << swap;
                continue;
            }
        }
        const QString list = columnList(*t, client);
        const QString finalTable = client.qualifiedTableName(name);
        sql << client.truncateTableSql(finalTable)
            << QStringLiteral("INSERT INTO %1(%2) SELECT %2 FROM %3")
                   .arg(finalTable, list, client.qualifiedTableName(stagingDataset, name));
    }
    return sql;
}

} // namespace wharf
