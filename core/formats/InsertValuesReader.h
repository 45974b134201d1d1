#pragma once

#include "formats/InputStream.h"
#include "formats/RowReader.h"
#include "formats/TextScan.h"

#include <string>

namespace wharf {

/// Streams the rows of a dlt `insert_values` job file (spec 7.1):
///
///     INSERT INTO {}("a","b")
///     VALUES
///     (1,E'x'),
///     (NULL,E'y');
///
/// and its `select_union` variant (`SELECT 1,E'x' UNION ALL\n...;`). Literals are decoded to
/// Values: NULL, True/False, integers (Int, or Decimal text beyond int64), other numbers incl.
/// nan/inf (Double, text = the literal as written), E'...' strings with backslash escapes
/// decoded, and plain '...' strings (only '' is special; timestamps and bytea hex come so).
/// Never holds more than the current window of the file. Throws wharf::Error (Terminal) with
/// file, line and column for anything malformed, including a truncated file.
class InsertValuesReader : public RowReader {
public:
    InsertValuesReader(const QString &path, const ReaderOptions &options);

    const QStringList &columns() const override { return m_columns; }
    bool readBatch(RowBatch &batch) override;
    qint64 bytesConsumed() const override { return m_in.bytesConsumed(); }
    qint64 fileSize() const override { return m_in.fileSize(); }

private:
    enum class Step { Row, NeedMore, End };

    void readHeader();
    Step parseRow(RowBatch &batch);
    bool parseLiteral(const char *&p, const char *end, Value &v);
    bool parseEscapedString(const char *&p, const char *end, Value &v);
    bool parsePlainString(const char *&p, const char *end, Value &v);
    void parseBareWord(const char *begin, const char *end, Value &v);
    void commit(const char *upTo);
    [[noreturn]] void fail(const char *at, const QString &message) const;
    [[noreturn]] void failEof(const char *at, const QString &what) const;

    InputStream m_in;
    ReaderOptions m_options;
    QStringList m_columns;
    bool m_selectUnion = false;
    bool m_firstRow = true;
    bool m_sawEnd = false;
    bool m_done = false;
    // Line of data() and the stream offset where that line starts, for error locations.
    LinePosition m_pos;
    // Scratch cell for values beyond the header's columns (counted to report the error).
    Value m_extra;
};

} // namespace wharf
