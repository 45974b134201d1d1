#include "PgTypeMapper.h"

#include "Error.h"

namespace wharf::postgres {

QString PgTypeMapper::toDbType(const Column &c, const Table &table) const
{
    const auto where = [&] { return QStringLiteral("%1.%2").arg(table.name, c.name); };
    // dlt's postgres_adapter: a PostGIS geometry column, SRID 4326 unless the hint says otherwise.
    if (c.extraHints.value(QStringLiteral("x-postgres-geometry")).toBool()) {
        const QVariant srid = c.extraHints.value(QStringLiteral("x-postgres-srid"));
        bool ok = true;
        const qlonglong value = srid.isValid() ? srid.toLongLong(&ok) : 4326;
        if (!ok || (srid.isValid() && srid.typeId() != QMetaType::LongLong) || value < 0 || value > 999999)
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("column %1: x-postgres-srid must be an SRID number, got '%2'")
                            .arg(where(), srid.toString().left(40)));
        return QStringLiteral("geometry(Geometry, %1)").arg(value);
    }
    switch (c.dataType.value_or(DataType::Text)) {
    case DataType::Text:
        return c.precision ? QStringLiteral("varchar(%1)").arg(*c.precision) : QStringLiteral("varchar");
    case DataType::Double:
        return QStringLiteral("double precision");
    case DataType::Bool:
        return QStringLiteral("boolean");
    case DataType::Timestamp: {
        const QString zone = c.timezone ? QStringLiteral("with time zone") : QStringLiteral("without time zone");
        if (!c.precision)
            return QStringLiteral("timestamp ") + zone;
        if (*c.precision < 0 || *c.precision > 6)
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("column %1: Postgres doesn't support precision %2 for timestamp")
                            .arg(where())
                            .arg(*c.precision));
        return QStringLiteral("timestamp (%1) ").arg(*c.precision) + zone;
    }
    case DataType::Time:
        return c.precision ? QStringLiteral("time (%1) without time zone").arg(*c.precision)
                           : QStringLiteral("time without time zone");
    case DataType::Bigint:
        return integerType(c, table, QStringLiteral("smallint"), QStringLiteral("integer"), QStringLiteral("bigint"),
                           QStringLiteral("PostgreSQL"));
    case DataType::Decimal:
        return QStringLiteral("numeric(%1,%2)").arg(c.precision.value_or(m_decP)).arg(c.scale.value_or(m_decS));
    case DataType::Wei:
        return QStringLiteral("numeric(%1,%2)").arg(c.precision.value_or(m_weiP)).arg(c.scale.value_or(m_weiS));
    case DataType::Binary:
        return QStringLiteral("bytea");
    case DataType::Json:
        return table.fileFormat == QLatin1String("parquet") ? QStringLiteral("json") : QStringLiteral("jsonb");
    case DataType::Date:
        return QStringLiteral("date");
    }
    return QStringLiteral("varchar");
}

DataType PgTypeMapper::fromDbType(const QString &t, int precision, int scale)
{
    if (t == QLatin1String("varchar") || t == QLatin1String("character varying"))
        return DataType::Text;
    if (t.startsWith(QLatin1String("json")))
        return DataType::Json;
    if (t == QLatin1String("double precision"))
        return DataType::Double;
    if (t == QLatin1String("boolean"))
        return DataType::Bool;
    if (t.startsWith(QLatin1String("timestamp")))
        return DataType::Timestamp;
    if (t == QLatin1String("date"))
        return DataType::Date;
    if (t == QLatin1String("bigint") || t == QLatin1String("integer") || t == QLatin1String("smallint"))
        return DataType::Bigint;
    if (t == QLatin1String("bytea"))
        return DataType::Binary;
    if (t == QLatin1String("numeric"))
        return precision == 156 && scale == 78 ? DataType::Wei : DataType::Decimal;
    if (t == QLatin1String("time without time zone"))
        return DataType::Time;
    return DataType::Text;
}

} // namespace wharf::postgres
