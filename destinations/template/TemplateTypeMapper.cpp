#include "TemplateTypeMapper.h"

namespace wharf::templ {

QString TemplateTypeMapper::toDbType(const Column &column, const Table &) const
{
    // TODO: your database's names, precision and scale rules.
    switch (column.dataType.value_or(DataType::Text)) {
    case DataType::Text:
        return column.precision ? QStringLiteral("VARCHAR(%1)").arg(*column.precision) : QStringLiteral("TEXT");
    case DataType::Double:
        return QStringLiteral("DOUBLE PRECISION");
    case DataType::Bool:
        return QStringLiteral("BOOLEAN");
    case DataType::Timestamp:
        return QStringLiteral("TIMESTAMP");
    case DataType::Time:
        return QStringLiteral("TIME");
    case DataType::Date:
        return QStringLiteral("DATE");
    case DataType::Bigint:
        return QStringLiteral("BIGINT");
    case DataType::Decimal:
        return QStringLiteral("NUMERIC(%1, %2)").arg(column.precision.value_or(38)).arg(column.scale.value_or(9));
    case DataType::Wei:
        return QStringLiteral("NUMERIC(38, 0)");
    case DataType::Binary:
        return QStringLiteral("BLOB");
    case DataType::Json:
        return QStringLiteral("JSON");
    }
    return QStringLiteral("TEXT");
}

} // namespace wharf::templ
