#pragma once

#include <QString>
#include <QVariant>

namespace wharf {

/// What a filter typed under a column of the dataset browser asks for:
///   text          rows whose value contains `text` (any case), as before
///   = v   <> v    equal / not equal (also != v)
///   < v   <= v    less than, at most
///   > v   >= v    greater than, at least
///   a .. b        from a to b, both included
///   null          no value (also "is null");  not null  a value (also "is not null")
///   like p        SQL LIKE with % and _ (the database's case rules)
///   'text         contains `text` literally, even when it starts like an operator (a lone '
///                 is searched for itself, '' for a quote too)
/// Values compare as the column's type (a number when the text is one; dates and times as the
/// database reads text). Never SQL: values are always bound as parameters.
struct ColumnFilter {
    enum class Op {
        Contains,
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Between,
        IsNull,
        IsNotNull,
        Like
    };
    Op op = Op::Contains;
    QVariant value;  ///< the operand (a number when the text is one)
    QVariant second; ///< the upper bound of Between

    /// Parses a filter's text; throws Error(Config) saying what is wrong with it ("'>' needs a
    /// value after it").
    static ColumnFilter parse(const QString &text);
};

} // namespace wharf
