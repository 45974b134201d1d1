#pragma once

#include "sql/TypeMapper.h"

namespace wharf::mysql {

/// dlt's types as its sqlalchemy destination declares them on MySQL / MariaDB
/// (MysqlVariantTypeMapper): TEXT (VARCHAR(128) when unique, VARCHAR(n) with a precision),
/// DOUBLE, BOOL, DATETIME(p) and TIME(p) (p = 6 unless hinted), DATE, SMALLINT/INTEGER/BIGINT,
/// NUMERIC(p, s), BLOB, JSON.
class MysqlTypeMapper : public TypeMapper {
public:
    MysqlTypeMapper(int decimalPrecision, int decimalScale, int weiPrecision, int weiScale, int timestampPrecision)
        : m_decP(decimalPrecision)
        , m_decS(decimalScale)
        , m_weiP(weiPrecision)
        , m_weiS(weiScale)
        , m_timeP(timestampPrecision)
    {}
    QString toDbType(const Column &column, const Table &table) const override;

private:
    int m_decP, m_decS, m_weiP, m_weiS, m_timeP;
};

} // namespace wharf::mysql
