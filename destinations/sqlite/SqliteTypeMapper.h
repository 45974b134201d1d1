#pragma once

#include "sql/TypeMapper.h"

namespace wharf::sqlite {

/// dlt's SQLAlchemy type mapping as the SQLite dialect renders it (spec 6.1).
class SqliteTypeMapper : public TypeMapper {
public:
    QString toDbType(const Column &column, const Table &table) const override;
    /// Reverse mapping of a declared SQLite type to a dlt type (for reflection and the UI).
    static DataType fromDbType(const QString &declared);
};

} // namespace wharf::sqlite
