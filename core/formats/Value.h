#pragma once

#include <QtGlobal>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wharf {

/// What a reader found in a job file. Readers never consult the destination: they report what
/// the file says, and the load job coerces to the column's dlt type (core/load/Coerce.h).
enum class ValueKind : std::uint8_t {
    Null,
    Bool,      ///< b
    Int,       ///< i (fits in int64)
    Double,    ///< d; text holds the literal as written when the source was text (exact digits)
    String,    ///< text (UTF-8, unescaped)
    Decimal,   ///< text: exact decimal literal (typed-jsonl marker, or an integer too big for int64)
    Timestamp, ///< text: ISO-8601 as written (typed-jsonl marker)
    Date,      ///< text: YYYY-MM-DD
    Time,      ///< text: HH:MM:SS[.ffffff]
    Binary,    ///< text holds the raw bytes (already decoded from base64/hex)
    Json,      ///< text: compact JSON of a nested object/array
};

/// One cell. Kept deliberately plain so that a RowBatch can be reused without reallocating:
/// assigning into `text` keeps its capacity.
struct Value {
    ValueKind kind = ValueKind::Null;
    bool b = false;
    std::int64_t i = 0;
    double d = 0.0;
    std::string text;

    bool isNull() const { return kind == ValueKind::Null; }
    void setNull() { kind = ValueKind::Null; }
    void setBool(bool v)
    {
        kind = ValueKind::Bool;
        b = v;
    }
    void setInt(std::int64_t v)
    {
        kind = ValueKind::Int;
        i = v;
    }
    void setDouble(double v)
    {
        kind = ValueKind::Double;
        d = v;
        text.clear();
    }
    void setText(ValueKind k, std::string_view v)
    {
        kind = k;
        text.assign(v.data(), v.size());
    }
};

/// A batch of rows, row-major. Reused across reads: clear() keeps the allocated Values.
class RowBatch {
public:
    explicit RowBatch(std::size_t columnCount = 0)
        : m_columns(columnCount)
    {}

    void reset(std::size_t columnCount)
    {
        m_columns = columnCount;
        m_rows = 0;
    }
    void clear() { m_rows = 0; }

    std::size_t columnCount() const { return m_columns; }
    std::size_t rowCount() const { return m_rows; }

    /// Appends a row whose cells are all Null and returns its first cell.
    Value *appendRow(qint64 sourceLine)
    {
        const std::size_t need = (m_rows + 1) * m_columns;
        if (m_values.size() < need)
            m_values.resize(need);
        if (m_lines.size() < m_rows + 1)
            m_lines.resize(m_rows + 1);
        m_lines[m_rows] = sourceLine;
        Value *row = m_values.data() + m_rows * m_columns;
        for (std::size_t c = 0; c < m_columns; ++c)
            row[c].kind = ValueKind::Null;
        ++m_rows;
        return row;
    }
    /// Drops the last appended row (used when a row turns out to be malformed).
    void dropLastRow()
    {
        if (m_rows > 0)
            --m_rows;
    }

    Value &at(std::size_t row, std::size_t column) { return m_values[row * m_columns + column]; }
    const Value &at(std::size_t row, std::size_t column) const { return m_values[row * m_columns + column]; }
    const Value *row(std::size_t r) const { return m_values.data() + r * m_columns; }
    /// 1-based line in the (decompressed) source where the row starts.
    qint64 line(std::size_t row) const { return m_lines[row]; }

private:
    std::size_t m_columns = 0;
    std::size_t m_rows = 0;
    std::vector<Value> m_values;
    std::vector<qint64> m_lines;
};

} // namespace wharf
