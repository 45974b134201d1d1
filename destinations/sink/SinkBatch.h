#pragma once

#include "formats/RowReader.h"
#include "load/Coerce.h"
#include "schema/Schema.h"

#include <QByteArray>
#include <vector>

namespace wharf::sink {

/// One batch of a table's rows as JSON lines, one object per row with the file's columns:
/// numbers as numbers, booleans as true/false, json columns as JSON, binary as base64,
/// timestamps as ISO-8601 in UTC, decimals and wei as strings (every digit), NaN and infinities
/// as the strings "NaN", "Infinity", "-Infinity".
class SinkBatch {
public:
    /// `skipDlt`: the `_dlt_*` columns are left out.
    SinkBatch(const Table &table, const QStringList &fileColumns, FileFormat format, const QString &path, bool skipDlt);

    /// Adds a row; throws Error(Terminal) naming the file, line and column of a bad value.
    void add(const Value *row, qint64 line);
    int rowCount() const { return m_rows; }
    const QByteArray &lines() const { return m_lines; }
    void clear();
    /// The table as the receiver sees it (WHARF_SCHEMA, X-Wharf-Schema): name and columns with
    /// dlt's types, as ASCII JSON.
    QByteArray tableSchemaJson() const;

private:
    void appendValue(const Cell &cell, DataType type);
    void appendString(std::string_view text);

    const Table &m_table;
    QString m_path;
    bool m_skipDlt;
    std::vector<Coercer> m_coercers;
    std::vector<DataType> m_types;
    std::vector<QByteArray> m_keys; ///< `"name":` of each file column, JSON-escaped
    std::vector<bool> m_sent;       ///< the file column is part of the rows sent
    QByteArray m_lines;
    int m_rows = 0;
};

} // namespace wharf::sink
