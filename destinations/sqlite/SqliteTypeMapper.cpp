#include "SqliteTypeMapper.h"

namespace wharf::sqlite {

QString SqliteTypeMapper::toDbType(const Column &column, const Table &table) const
{
    switch (column.dataType.value_or(DataType::Text)) {
    case DataType::Text:
        if (column.precision)
            return QStringLiteral("VARCHAR(%1)").arg(*column.precision);
        // SQLAlchemy gives unique text columns a length so that an index could be built.
        return column.unique ? QStringLiteral("VARCHAR(128)") : QStringLiteral("TEXT");
    case DataType::Double:
        return QStringLiteral("FLOAT"); // SQLAlchemy's Float, as dlt's sqlalchemy destination declares it
    case DataType::Bool:
        return QStringLiteral("BOOLEAN");
    case DataType::Timestamp:
        return QStringLiteral("DATETIME");
    case DataType::Time:
        return QStringLiteral("TIME");
    case DataType::Date:
        return QStringLiteral("DATE");
    case DataType::Bigint:
        return integerType(column, table, QStringLiteral("SMALLINT"), QStringLiteral("INTEGER"),
                           QStringLiteral("BIGINT"), QStringLiteral("SQLite"));
    case DataType::Decimal:
        return QStringLiteral("NUMERIC(%1, %2)").arg(column.precision.value_or(38)).arg(column.scale.value_or(9));
    case DataType::Wei:
        return QStringLiteral("NUMERIC(%1, %2)").arg(column.precision.value_or(38)).arg(column.scale.value_or(0));
    case DataType::Binary:
        return QStringLiteral("BLOB");
    case DataType::Json:
        return QStringLiteral("JSON");
    }
    return QStringLiteral("TEXT");
}

DataType SqliteTypeMapper::fromDbType(const QString &declared)
{
    const QString t = declared.trimmed().toUpper();
    if (t.startsWith(QLatin1String("VARCHAR")) || t == QLatin1String("TEXT"))
        return DataType::Text;
    if (t == QLatin1String("DOUBLE") || t == QLatin1String("FLOAT") || t == QLatin1String("REAL"))
        return DataType::Double;
    if (t == QLatin1String("BOOLEAN"))
        return DataType::Bool;
    if (t == QLatin1String("DATETIME") || t == QLatin1String("TIMESTAMP"))
        return DataType::Timestamp;
    if (t == QLatin1String("TIME"))
        return DataType::Time;
    if (t == QLatin1String("DATE"))
        return DataType::Date;
    if (t.endsWith(QLatin1String("INT")) || t == QLatin1String("INTEGER"))
        return DataType::Bigint;
    if (t.startsWith(QLatin1String("NUMERIC")) || t.startsWith(QLatin1String("DECIMAL")))
        return DataType::Decimal;
    if (t == QLatin1String("BLOB"))
        return DataType::Binary;
    if (t == QLatin1String("JSON"))
        return DataType::Json;
    return DataType::Text;
}

} // namespace wharf::sqlite
