#include "MysqlTypeMapper.h"

namespace wharf::mysql {

QString MysqlTypeMapper::toDbType(const Column &column, const Table &table) const
{
    switch (column.dataType.value_or(DataType::Text)) {
    case DataType::Text:
        if (column.precision)
            return QStringLiteral("VARCHAR(%1)").arg(*column.precision);
        // A key needs a bounded length: SQLAlchemy's String(128) for unique columns, as dlt declares them.
        return column.unique ? QStringLiteral("VARCHAR(128)") : QStringLiteral("TEXT");
    case DataType::Double:
        return QStringLiteral("DOUBLE");
    case DataType::Bool:
        return QStringLiteral("BOOL");
    case DataType::Timestamp:
        return QStringLiteral("DATETIME(%1)").arg(qBound(0, column.precision.value_or(m_timeP), 6));
    case DataType::Time:
        return QStringLiteral("TIME(%1)").arg(qBound(0, column.precision.value_or(m_timeP), 6));
    case DataType::Date:
        return QStringLiteral("DATE");
    case DataType::Bigint:
        return integerType(column, table, QStringLiteral("SMALLINT"), QStringLiteral("INTEGER"),
                           QStringLiteral("BIGINT"), QStringLiteral("MySQL"));
    case DataType::Decimal:
        return QStringLiteral("NUMERIC(%1, %2)")
            .arg(column.precision.value_or(m_decP))
            .arg(column.scale.value_or(column.precision ? 0 : m_decS));
    case DataType::Wei:
        return QStringLiteral("NUMERIC(%1, %2)").arg(m_weiP).arg(m_weiS);
    case DataType::Binary:
        return column.precision ? QStringLiteral("BLOB(%1)").arg(*column.precision) : QStringLiteral("BLOB");
    case DataType::Json:
        return QStringLiteral("JSON");
    }
    return QStringLiteral("TEXT");
}

} // namespace wharf::mysql
