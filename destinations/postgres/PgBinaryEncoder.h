#pragma once

#include "PgCopyEncoder.h"
#include "PgWireWriter.h"

#include <QString>
#include <optional>
#include <string>
#include <vector>

namespace wharf::postgres {

/// The binary form a column's values take in `COPY ... (FORMAT binary)`: the type's send/recv
/// representation, chosen from the column's type in the catalog (pg_type.typname).
enum class PgWire {
    Int2,
    Int4,
    Int8,
    Float8,
    Bool,
    Text,
    Timestamptz,
    Timestamp,
    Date,
    Time,
    Numeric,
    Json,
    Jsonb,
    Bytea
};

/// The wire form for a column that the schema gives dlt type `type` and the table stores as
/// `typname`; nullopt when the pair has none here (a PostGIS geometry, a domain, a table made
/// by hand with other types): the job then goes as COPY text, which the server converts.
std::optional<PgWire> binaryWireFor(DataType type, const QString &typname);

/// Turns reader rows into PostgreSQL's binary COPY format: a header, per row a field count and
/// per field a length and the value in its binary (recv) form, a trailer. The server then
/// parses no text: integers, doubles, booleans, timestamps and numerics arrive as numbers, text
/// as its bytes without escaping.
///
/// Every value goes through the same Coercer as PgCopyEncoder's, and each is converted to the
/// very value the server's text input function would make of what PgCopyEncoder writes:
/// timestamps with an offset are converted to UTC for timestamptz and keep their wall-clock
/// time for timestamp (as PostgreSQL does with the text), fractions of seconds round as
/// PostgreSQL rounds them, numerics keep the digits and display scale of their text, json goes
/// as the same text. The column's typmod (precision, scale, length) is still applied by the
/// server's receive function. One encoder per job; not thread-safe.
class PgBinaryEncoder {
public:
    PgBinaryEncoder(const QList<Column> &columns, std::vector<PgWire> wires, PgCopyEncoder::Options options);

    /// The 19 bytes before the first row.
    static void appendHeader(std::string &out);
    /// The two bytes after the last row.
    static void appendTrailer(std::string &out);

    /// Appends one row of the columns' values to `out`. Throws Error(Terminal) whose location
    /// names the field; `out` is then left as it was.
    void appendRow(const Value *row, std::string &out);

    /// Numeric's binary form of a decimal number in text (as numeric_in reads it: sign, digits,
    /// point, exponent; NaN, Infinity). False when it is not one.
    static bool appendNumeric(std::string &out, std::string_view text);

private:
    static bool numericInto(PgWireWriter &w, std::string_view text);
    void appendValue(std::size_t index, const Value &v);
    void appendTemporal(std::size_t index, const Value &v);
    void appendFloat8(double d, const Value &v);

    struct Target {
        QString name;
        DataType type;
        PgWire wire;
    };
    std::vector<Target> m_columns;
    std::vector<Coercer> m_coercers;
    PgCopyEncoder::Options m_options;
    std::string m_scratch;
    PgWireWriter m_row; ///< the row being built
};

} // namespace wharf::postgres
