#pragma once

#include "formats/Value.h"
#include "load/Coerce.h"
#include "schema/Schema.h"

#include <QList>
#include <string>
#include <string_view>
#include <vector>

namespace wharf::postgres {

/// Turns reader rows into PostgreSQL's COPY text format (`COPY ... FROM STDIN`, the default
/// FORMAT text): fields separated by a tab, rows ended by '\n', NULL as `\N`, and backslash,
/// tab, newline and carriage return written as `\\`, `\t`, `\n`, `\r`.
///
/// Every value goes through a Coercer for its column's dlt type first (so a bad value fails
/// here, naming the field, before the server sees it); what is written is then the text the
/// column's input function reads to the same value that executing dlt's INSERT would store:
/// booleans `t`/`f`, bytea `\x<hex>` (with its backslash escaped for COPY), json as its text,
/// decimals exactly as written, doubles as written or in shortest round-trip form, NaN and
/// infinities as PostgreSQL spells them. Timestamps, dates and times are written as they
/// appear in the file, so that PostgreSQL itself applies the offset (timestamptz), ignores it
/// (timestamp/time without time zone) and rounds to the column's precision, exactly as for an
/// INSERT literal.
///
/// One encoder per job; not thread-safe (the coercers own scratch buffers).
class PgCopyEncoder {
public:
    struct Options {
        /// Values come from an insert_values file, whose numbers are SQL numeric literals: a
        /// literal -0.0 is numeric zero there, so a double column receives 0, not -0. A quoted
        /// string for a bytea column is handed to bytea's input function as written.
        bool sqlLiterals = false;
        /// Values come from jsonl/typed-jsonl: a string in a json column is a JSON string and
        /// is stored quoted; binary values written as strings are base64.
        bool jsonSource = false;
    };

    /// `columns` are the file's columns, in the order of the values of each row. They must
    /// all have a data type.
    PgCopyEncoder(const QList<Column> &columns, Options options);

    std::size_t columnCount() const { return m_columns.size(); }
    const QString &columnName(std::size_t index) const { return m_columns[index].name; }

    /// Appends one row of columnCount() values and its '\n' to `out`. Throws Error(Terminal)
    /// whose location names the field (file and line are the caller's to add); `out` is then
    /// left as it was.
    void appendRow(const Value *row, std::string &out);

    /// `s` escaped for a COPY text field.
    static void appendEscaped(std::string &out, std::string_view s);
    /// Bytes as a bytea hex literal inside a COPY text field: `\\x` + lowercase hex.
    static void appendBytea(std::string &out, std::string_view bytes);
    /// A double: NaN/Infinity/-Infinity by name; else `literal` when not empty (the digits as
    /// written in the file); else the shortest text that reads back to `d`.
    static void appendDouble(std::string &out, double d, std::string_view literal = {});
    /// `s` as a JSON string literal (quotes, backslash and control characters escaped).
    static void appendJsonString(std::string &out, std::string_view s);

    /// The text a json/jsonb column's input function gets for `v` (converted to `cell`), before
    /// any COPY escaping; may point into `scratch`. Shared with the binary encoder, so that both
    /// store the same document.
    static std::string_view jsonText(const Value &v, const Cell &cell, const Options &options, std::string &scratch);
    /// The same for a numeric column: the digits as written, or the number formatted.
    static std::string_view decimalText(const Cell &cell, std::string &scratch);

private:
    void appendValue(std::size_t index, const Value &v, std::string &out);

    struct Target {
        QString name;
        DataType type;
    };
    std::vector<Target> m_columns;
    std::vector<Coercer> m_coercers;
    Options m_options;
    std::string m_json; ///< scratch for a JSON-quoted string
};

} // namespace wharf::postgres
