#include "MysqlRowStream.h"

#include "Error.h"
#include "formats/TextScan.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace wharf::mysql {

MysqlRowStream::MysqlRowStream(const JobContext &ctx, std::unique_ptr<RowReader> reader, std::vector<Coercer> coercers,
                               std::vector<bool> binary)
    : m_ctx(ctx)
    , m_reader(std::move(reader))
    , m_coercers(std::move(coercers))
    , m_binary(std::move(binary))
{}

long MysqlRowStream::fill(char *buffer, unsigned size)
{
    if (m_error)
        return -1;
    try {
        while (m_offset == m_pending.size()) {
            m_pending.clear();
            m_offset = 0;
            if (m_done || !produce()) {
                m_done = true;
                return 0;
            }
        }
    } catch (...) {
        m_error = std::current_exception();
        return -1;
    }
    const std::size_t n = std::min<std::size_t>(size, m_pending.size() - m_offset);
    std::memcpy(buffer, m_pending.data() + m_offset, n);
    m_offset += n;
    return long(n);
}

void MysqlRowStream::encode(const Cell &cell, bool binary)
{
    static const char hex[] = "0123456789abcdef";
    switch (cell.type) {
    case Cell::Type::Null:
        m_pending += "\\N";
        return;
    case Cell::Type::Int: {
        char digits[24];
        const auto r = std::to_chars(digits, digits + sizeof digits, cell.i);
        m_pending.append(digits, r.ptr);
        return;
    }
    case Cell::Type::Double: {
        // DOUBLE holds neither NaN nor infinities; the shortest text that reads back the same.
        if (!std::isfinite(cell.d))
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("MySQL cannot store %1 in a DOUBLE column")
                            .arg(std::isnan(cell.d) ? QStringLiteral("NaN") : QStringLiteral("an infinite value")));
        char digits[32];
        const auto r = std::to_chars(digits, digits + sizeof digits, cell.d);
        m_pending.append(digits, r.ptr);
        return;
    }
    case Cell::Type::Text:
    case Cell::Type::Blob:
        break;
    }
    if (binary) {
        m_pending.reserve(m_pending.size() + cell.s.size() * 2);
        for (const unsigned char c : cell.s) {
            m_pending += hex[c >> 4];
            m_pending += hex[c & 15];
        }
        return;
    }
    // Other destinations refuse such text: a dataset must not depend on where it was loaded.
    if (const char *problem = textProblem(cell.s))
        throw Error(ErrorKind::Terminal,
                    QStringLiteral("the text holds %1, which cannot be stored as text").arg(QLatin1String(problem)));
    for (const char c : cell.s) {
        switch (c) {
        case '\\':
            m_pending += "\\\\";
            break;
        case '\t':
            m_pending += "\\t";
            break;
        case '\n':
            m_pending += "\\n";
            break;
        case '\r':
            m_pending += "\\r";
            break;
        default:
            m_pending += c;
        }
    }
}

bool MysqlRowStream::produce()
{
    if (m_ctx.cancel)
        m_ctx.cancel->check();
    if (!m_reader->readBatch(m_batch))
        return false;
    const std::size_t ncols = m_batch.columnCount();
    for (std::size_t r = 0; r < m_batch.rowCount(); ++r) {
        const Value *row = m_batch.row(r);
        std::size_t c = 0;
        try {
            for (; c < ncols; ++c) {
                if (c)
                    m_pending += '\t';
                encode(m_coercers[c].convert(row[c]), m_binary[c]);
            }
        } catch (Error &e) {
            e.withLocation(SourceLocation{m_ctx.file.path, m_batch.line(r), 0,
                                          c < ncols ? m_coercers[c].columnName() : e.location().field});
            throw;
        }
        m_pending += '\n';
    }
    m_rows += qint64(m_batch.rowCount());
    if (m_ctx.progress)
        m_ctx.progress(m_rows, m_reader->bytesConsumed());
    return true;
}

} // namespace wharf::mysql
