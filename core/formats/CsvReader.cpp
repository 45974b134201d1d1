#include "formats/CsvReader.h"

#include "Error.h"

#include <algorithm>
#include <cstring>

namespace wharf {

CsvReader::CsvReader(const QString &path, const ReaderOptions &options)
    : m_in(path)
    , m_options(options)
    , m_delimiter(options.csv.delimiter)
{
    m_stop[static_cast<unsigned char>(m_delimiter)] = true;
    m_stop[static_cast<unsigned char>('\n')] = true;
    m_stop[static_cast<unsigned char>('\r')] = true;
    readHeader();
}

void CsvReader::fail(const char *at, const QString &message) const
{
    m_pos.fail(m_in, at, message);
}

void CsvReader::commit(const char *upTo)
{
    m_pos.consume(m_in, upTo);
}

bool CsvReader::parseField(const char *&p, const char *end, std::string &out)
{
    const bool eof = m_in.sourceExhausted();
    if (p < end && *p == '"') {
        const char *const open = p++;
        out.clear();
        for (;;) {
            const void *found = std::memchr(p, '"', std::size_t(end - p));
            if (!found) {
                if (!eof)
                    return false;
                fail(open, QStringLiteral("unterminated quoted field (the file ends inside it)"));
            }
            const char *q = static_cast<const char *>(found);
            out.append(p, std::size_t(q - p));
            if (q + 1 == end) {
                if (!eof)
                    return false;
                p = q + 1;
                return true;
            }
            if (q[1] == '"') {
                out.push_back('"');
                p = q + 2;
                continue;
            }
            p = q + 1;
            if (!isStop(*p))
                fail(p, QStringLiteral("unexpected character after a closing quote (a quote "
                                       "inside a quoted field must be doubled)"));
            return true;
        }
    }
    const char *q = p;
    while (q < end && !isStop(*q))
        ++q;
    if (q == end && !eof)
        return false;
    out.assign(p, std::size_t(q - p));
    p = q;
    return true;
}

void CsvReader::readHeader()
{
    m_in.skipUtf8Bom();
    std::string field;
    for (;;) {
        const char *const begin = m_in.data();
        const char *const end = begin + m_in.available();
        const bool eof = m_in.sourceExhausted();
        if (begin == end) {
            if (!eof) {
                m_in.fill(1);
                continue;
            }
            // An empty file: no header and no rows.
            m_columns = m_options.tableColumns;
            m_done = true;
            return;
        }
        QStringList names;
        const char *p = begin;
        bool complete = false;
        for (;;) {
            if (!parseField(p, end, field))
                break;
            names.append(QString::fromUtf8(field.data(), qsizetype(field.size())));
            if (p == end) {
                complete = true;
                break;
            }
            const char c = *p++;
            if (c == m_delimiter)
                continue;
            if (c == '\r') {
                if (p == end && !eof)
                    break;
                if (p < end && *p == '\n')
                    ++p;
            }
            complete = true;
            break;
        }
        if (!complete) {
            m_in.fill(m_in.available() + 1);
            continue;
        }
        if (!m_options.csv.includeHeader) {
            // No header (csv_format.include_header = false): the first record is data, and its
            // fields fill the table's columns in schema order, as dlt's csv job maps them.
            const QStringList &table = m_options.tableColumns;
            if (names.size() > table.size())
                fail(begin, QStringLiteral("the first row has %1 fields but table has %2 columns (the file has no "
                                           "header line: csv_format.include_header = false)")
                                .arg(names.size())
                                .arg(table.size()));
            m_columns = table.first(names.size());
            return;
        }
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (names[i].isEmpty())
                fail(begin, QStringLiteral("the header names no column at position %1").arg(i + 1));
        }
        m_columns = names;
        commit(p);
        return;
    }
}

bool CsvReader::readBatch(RowBatch &batch)
{
    batch.reset(std::size_t(m_columns.size()));
    const std::size_t limit = std::max<std::size_t>(1, m_options.batchRows);
    while (batch.rowCount() < limit && !m_done) {
        if (parseRecord(batch) != Step::NeedMore)
            continue;
        const std::size_t before = m_in.available();
        const bool wasExhausted = m_in.sourceExhausted();
        if (m_in.fill(before + 1) == before && wasExhausted)
            throw Error(ErrorKind::Internal, QStringLiteral("csv parser asked for data past the end"),
                        SourceLocation{m_in.path(), m_pos.line, 0, {}});
    }
    return batch.rowCount() > 0;
}

CsvReader::Step CsvReader::parseRecord(RowBatch &batch)
{
    const char *const begin = m_in.data();
    const char *const end = begin + m_in.available();
    const bool eof = m_in.sourceExhausted();
    if (begin == end) {
        if (!eof)
            return Step::NeedMore;
        m_done = true;
        return Step::End;
    }

    const char *p = begin;
    Value *row = batch.appendRow(m_pos.line);
    const std::size_t columnCount = std::size_t(m_columns.size());
    std::size_t column = 0;
    for (;;) {
        Value &v = column < columnCount ? row[column] : m_extra;
        v.kind = ValueKind::String;
        if (!parseField(p, end, v.text)) {
            batch.dropLastRow();
            return Step::NeedMore;
        }
        ++column;
        if (p == end) // the last record of a file without a final line break
            break;
        const char c = *p++;
        if (c == m_delimiter)
            continue;
        if (c == '\r') {
            if (p == end && !eof) {
                batch.dropLastRow();
                return Step::NeedMore;
            }
            if (p < end && *p == '\n')
                ++p;
        }
        break;
    }
    if (column != columnCount) {
        batch.dropLastRow();
        fail(begin, QStringLiteral("row has %1 fields but the %2 has %3")
                        .arg(column)
                        .arg(m_options.csv.includeHeader ? QStringLiteral("header") : QStringLiteral("first row"))
                        .arg(columnCount));
    }
    commit(p);
    return Step::Row;
}

} // namespace wharf
