#pragma once

#include "schema/Schema.h"

#include <QString>

namespace wharf {

/// Maps dlt column types to a destination's SQL types (spec 6.1).
class TypeMapper {
public:
    virtual ~TypeMapper() = default;
    /// The SQL type for `column` of `table`. Throws Error(Terminal) for an unmappable type
    /// (e.g. a 128-bit integer), naming the table and column.
    virtual QString toDbType(const Column &column, const Table &table) const = 0;
};

} // namespace wharf
