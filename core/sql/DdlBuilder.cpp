#include "sql/DdlBuilder.h"

namespace wharf {

QString DdlBuilder::columnDefinition(const Column &column, const Table &table) const
{
    QStringList hints;
    if (m_createIndexes && column.unique)
        hints.append(QStringLiteral("UNIQUE"));
    return m_client.escapeIdentifier(column.name) + QLatin1Char(' ') + m_types.toDbType(column, table) +
           QLatin1Char(' ') + hints.join(QLatin1Char(' ')) + QLatin1Char(' ') +
           (column.nullable ? QString() : QStringLiteral("NOT NULL"));
}

QStringList DdlBuilder::statements(const TableUpdate &update, const Table &table) const
{
    const Capabilities &caps = m_client.capabilities();
    const QString qualified = m_client.qualifiedTableName(table.name);
    QStringList defs;
    for (const auto &c : update.newColumns)
        defs.append(columnDefinition(c, table));
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

} // namespace wharf
