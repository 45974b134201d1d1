#pragma once

#include "sql/TypeMapper.h"

namespace wharf::templ {

/// Step 6 of the guide: dlt's types as your database declares them (dlt's type mapper of the
/// destination is the reference; destinations/mysql/MysqlTypeMapper.cpp is an example).
class TemplateTypeMapper : public TypeMapper {
public:
    QString toDbType(const Column &column, const Table &table) const override;
};

} // namespace wharf::templ
