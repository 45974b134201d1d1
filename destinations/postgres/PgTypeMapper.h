#pragma once

#include "sql/TypeMapper.h"

namespace wharf::postgres {

/// dlt's PostgreSQL type mapping (spec 6.1), both directions.
class PgTypeMapper : public TypeMapper {
public:
    PgTypeMapper(int decimalPrecision = 38, int decimalScale = 9, int weiPrecision = 156, int weiScale = 78)
        : m_decP(decimalPrecision)
        , m_decS(decimalScale)
        , m_weiP(weiPrecision)
        , m_weiS(weiScale)
    {}
    QString toDbType(const Column &column, const Table &table) const override;
    /// INFORMATION_SCHEMA data_type (+ numeric precision/scale) back to a dlt type.
    static DataType fromDbType(const QString &dataType, int precision = 0, int scale = 0);

private:
    int m_decP, m_decS, m_weiP, m_weiS;
};

} // namespace wharf::postgres
