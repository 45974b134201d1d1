#pragma once

#include "formats/InputStream.h"
#include "formats/RowReader.h"
#include "formats/TextScan.h"

#include <string>
#include <vector>

namespace wharf {

/// Streams the rows of a dlt `csv` job file (spec 7.3): by default delimiter ',' and a header line
/// naming the columns (dlt's default csv_format; ReaderOptions::csv says otherwise), RFC 4180 quoting with "" for a
/// quote and line breaks allowed inside quotes, records ended by \n or \r\n. Every field becomes a String Value (an
/// empty field is the empty string: NULL handling belongs to the load job, as with COPY's
/// FORCE_NULL). A record whose field count differs from the header's is a Terminal error with
/// file and line; so is a quoted field that the file ends in.
class CsvReader : public RowReader {
public:
    CsvReader(const QString &path, const ReaderOptions &options);

    const QStringList &columns() const override { return m_columns; }
    bool readBatch(RowBatch &batch) override;
    qint64 bytesConsumed() const override { return m_in.bytesConsumed(); }
    qint64 fileSize() const override { return m_in.fileSize(); }

private:
    enum class Step { Row, NeedMore, End };

    void readHeader();
    Step parseRecord(RowBatch &batch);
    bool parseField(const char *&p, const char *end, std::string &out);
    void commit(const char *upTo);
    [[noreturn]] void fail(const char *at, const QString &message) const;

    bool isStop(char c) const { return m_stop[static_cast<unsigned char>(c)]; }

    InputStream m_in;
    ReaderOptions m_options;
    char m_delimiter = ',';
    bool m_stop[256] = {}; ///< bytes that end an unquoted field
    QStringList m_columns;
    bool m_done = false;
    LinePosition m_pos;
    Value m_extra;
};

} // namespace wharf
