#pragma once

#include "Error.h"
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

protected:
    /// dlt's integer mapping by the precision hint (bits): up to 16 `smallint`, up to 32
    /// `integer`, up to 64 (or none) `bigint`, in the destination's spelling; wider ones throw
    /// Error(Terminal) naming the column and `database`.
    static QString integerType(const Column &column, const Table &table, const QString &smallint,
                               const QString &integer, const QString &bigint, const QString &database)
    {
        const int bits = column.precision.value_or(64);
        if (bits <= 16)
            return smallint;
        if (bits <= 32)
            return integer;
        if (bits <= 64)
            return bigint;
        throw Error(ErrorKind::Terminal, QStringLiteral("column %1.%2: a %3-bit integer can't be mapped to a %4 "
                                                        "integer type")
                                             .arg(table.name, column.name)
                                             .arg(bits)
                                             .arg(database));
    }
};

} // namespace wharf
