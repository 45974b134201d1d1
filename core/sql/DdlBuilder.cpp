#include "sql/DdlBuilder.h"

namespace wharf {

QString DdlBuilder::columnDefinition(const Column &column, const Table &table, bool withIndexes) const
{
    QStringList hints;
    if (withIndexes && m_createIndexes && column.unique)
        hints.append(QStringLiteral("UNIQUE"));
    return m_client.escapeIdentifier(column.name) + QLatin1Char(' ') + m_types.toDbType(column, table) +
           QLatin1Char(' ') + hints.join(QLatin1Char(' ')) + QLatin1Char(' ') +
           (column.nullable ? QString() : QStringLiteral("NOT NULL"));
}

QStringList DdlBuilder::statements(const TableUpdate &update, const Table &table, bool withIndexes) const
{
    const Capabilities &caps = m_client.capabilities();
    const QString qualified = m_client.qualifiedTableName(table.name);
    QStringList defs;
    for (const auto &c : update.newColumns)
        defs.append(columnDefinition(c, table, withIndexes || update.exists));
    if (!update.exists) {
        const QString ifNotExists =
            table.isDltTable() && caps.supportsCreateTableIfNotExists ? QStringLiteral("IF NOT EXISTS ") : QString();
        return {QStringLiteral("CREATE TABLE ") + ifNotExists + qualified + QStringLiteral(" (\n") +
                defs.join(QStringLiteral(",\n")) + QLatin1Char(')')};
    }
    const QString head = QStringLiteral("ALTER TABLE ") + qualified + QStringLiteral("\nADD COLUMN ");
    if (caps.alterAddMultiColumn)
        return {head + defs.join(QStringLiteral(",\nADD COLUMN "))};
    QStringList out;
    for (const auto &d : defs)
        out.append(head + d);
    return out;
}

bool DdlBuilder::hasIndexes(const Table &table) const
{
    if (!m_createIndexes)
        return false;
    for (const Column &c : table.columns)
        if (c.unique && c.isComplete())
            return true;
    return false;
}

QStringList DdlBuilder::indexStatements(const Table &table) const
{
    QStringList adds;
    for (const Column &c : table.columns)
        if (m_createIndexes && c.unique && c.isComplete())
            adds.append(QStringLiteral("ADD UNIQUE (%1)").arg(m_client.escapeIdentifier(c.name)));
    if (adds.isEmpty())
        return {};
    return {QStringLiteral("ALTER TABLE %1 %2")
                .arg(m_client.qualifiedTableName(table.name), adds.join(QStringLiteral(", ")))};
}

} // namespace wharf
