#include "sql/SqlClient.h"

#include "Error.h"

namespace wharf {

QList<QVariantList> SqlClient::queryNamed(const QString &, QStringList *)
{
    throw Error(ErrorKind::Config, QStringLiteral("this destination cannot run SQL typed in the console"));
}

QString SqlClient::escapeIdentifier(const QString &name) const
{
    QString folded = m_caps.casefoldLower ? name.toLower() : name;
    if (m_caps.escapeIdentifierBackslashes)
        folded.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    return quoteIdentifier(folded);
}

QString SqlClient::quoteIdentifier(const QString &name) const
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString SqlClient::translatePlaceholders(const QString &sql) const
{
    if (!sql.contains(QLatin1Char('%')))
        return sql;
    QString out;
    out.reserve(sql.size());
    int n = 0;
    QChar quote;
    for (qsizetype k = 0; k < sql.size(); ++k) {
        const QChar c = sql[k];
        if (!quote.isNull()) {
            out += c;
            if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            quote = c;
            out += c;
        } else if (c == QLatin1Char('-') && k + 1 < sql.size() && sql[k + 1] == QLatin1Char('-')) {
            const qsizetype end = sql.indexOf(QLatin1Char('\n'), k);
            out += sql.mid(k, end < 0 ? -1 : end - k);
            if (end < 0)
                break;
            k = end - 1;
        } else if (c == QLatin1Char('%') && k + 1 < sql.size() && sql[k + 1] == QLatin1Char('s')) {
            out += placeholder(n++);
            ++k;
        } else if (c == QLatin1Char('%') && k + 1 < sql.size() && sql[k + 1] == QLatin1Char('%')) {
            out += QLatin1Char('%');
            ++k;
        } else {
            out += c;
        }
    }
    return out;
}

QString SqlClient::qualifiedTableName(const QString &table) const
{
    return qualifiedTableName(m_dataset, table);
}

QString SqlClient::qualifiedTableName(const QString &dataset, const QString &table) const
{
    return escapeIdentifier(dataset) + QLatin1Char('.') + escapeIdentifier(table);
}

QString SqlClient::truncateTableSql(const QString &qualifiedTable) const
{
    return m_caps.supportsTruncateCommand ? QStringLiteral("TRUNCATE TABLE %1").arg(qualifiedTable)
                                          : QStringLiteral("DELETE FROM %1").arg(qualifiedTable);
}

QString SqlClient::concatSql(const QStringList &expressions) const
{
    return QStringLiteral("CONCAT(%1)").arg(expressions.join(QStringLiteral(", ")));
}

QStringList SqlClient::swapInStagingTableSql(const QString &, const QString &) const
{
    return {};
}

QString SqlClient::aliasedDeleteSql(const QString &qualifiedTable, const QString &alias) const
{
    return QStringLiteral("DELETE FROM %1 AS %2").arg(qualifiedTable, alias);
}

QString SqlClient::timestampLiteral(const QString &utc) const
{
    return QStringLiteral("'%1+00:00'").arg(utc);
}

} // namespace wharf
