#pragma once

#include "formats/InputStream.h"
#include "formats/RowReader.h"

#include <simdjson.h>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wharf {

/// Streams the rows of a dlt `jsonl` file (one JSON object per line, spec 7.4) or `typed-jsonl`
/// file (one JSON array of row objects per line, spec 7.5). Keys are matched to
/// ReaderOptions::tableColumns, which are the reader's columns(); a key missing from a row
/// leaves the cell Null, an unknown key is a Terminal error naming file, line and field.
/// JSON null/bool/integer/number/string map to Null/Bool/Int/Double/String (an unsigned
/// integer beyond int64 to Decimal text), objects and arrays to compact Json text. In
/// typed-jsonl, strings starting with one of dlt's private-use markers U+F026..U+F02D are
/// decoded (decimal, datetime, date, uuid, hex bytes, base64 bytes, wei, time); a value that
/// does not decode stays the raw String. Integers beyond 64 bits (Python writes them) read as
/// Decimal text. Empty lines are skipped. One simdjson parser per reader,
/// one line in memory at a time.
class JsonlReader : public RowReader {
public:
    /// `format` is FileFormat::Jsonl or FileFormat::TypedJsonl.
    JsonlReader(const QString &path, FileFormat format, const ReaderOptions &options);

    const QStringList &columns() const override { return m_columns; }
    bool readBatch(RowBatch &batch) override;
    qint64 bytesConsumed() const override { return m_in.bytesConsumed(); }
    qint64 fileSize() const override { return m_in.fileSize(); }

private:
    bool parseNextLine(simdjson::dom::element &root);
    bool quoteBigIntegers(std::string_view line);
    void addRow(simdjson::dom::object object, RowBatch &batch);
    void convert(simdjson::dom::element element, Value &v);
    void decodeMarked(std::string_view s, Value &v);
    int columnIndex(std::string_view key, std::size_t position);
    [[noreturn]] void fail(const QString &message, const QString &field = {}) const;

    InputStream m_in;
    ReaderOptions m_options;
    bool m_typed = false;
    QStringList m_columns;
    std::vector<std::string> m_columnNames; // UTF-8, same order as m_columns
    std::unordered_map<std::string_view, int> m_columnIndex;
    // Column index of the key at each position in the previous row: rows of one file nearly
    // always list their keys in the same order, so a comparison usually replaces the hash.
    std::vector<int> m_keyOrder;

    simdjson::dom::parser m_parser;
    std::string m_scratch;     // a line rewritten by quoteBigIntegers()
    bool m_markedLine = false; // decode type markers in the current line's strings
    qint64 m_line = 0;         // line of the document being read
    qint64 m_rowLine = 0;      // line of the row being added
    // typed-jsonl: rows of the current line's array not yet handed out.
    bool m_inArray = false;
    simdjson::dom::array::iterator m_next;
    simdjson::dom::array::iterator m_arrayEnd;
    std::size_t m_item = 0;
};

} // namespace wharf
