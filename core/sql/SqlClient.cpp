#include "sql/SqlClient.h"

namespace wharf {

QString SqlClient::escapeIdentifier(const QString &name) const
{
    QString folded = m_caps.casefoldLower ? name.toLower() : name;
    folded.replace(QLatin1Char('"'), QLatin1String("\"\""));
    if (m_caps.escapeIdentifierBackslashes)
        folded.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    return QLatin1Char('"') + folded + QLatin1Char('"');
}

QString SqlClient::qualifiedTableName(const QString &table) const
{
    return escapeIdentifier(m_dataset) + QLatin1Char('.') + escapeIdentifier(table);
}

} // namespace wharf
