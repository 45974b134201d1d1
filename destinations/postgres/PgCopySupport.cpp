#include "PgCopySupport.h"

#include <QRegularExpression>

#include <typeinfo>

namespace wharf::postgres {

void putCopyPieces(PgConnection &db, const char *data, std::size_t size)
{
    while (size > 0) {
        const std::size_t n = std::min(size, kMaxCopyMessage);
        db.putCopyData(data, qsizetype(n));
        data += n;
        size -= n;
    }
}

RowStreamEncoder::RowStreamEncoder(const QList<Column> &columns, std::vector<PgWire> wires,
                                   PgCopyEncoder::Options options)
{
    if (wires.empty())
        m_text.emplace(columns, options);
    else
        m_binary.emplace(columns, std::move(wires), options);
}

void RowStreamEncoder::begin(std::string &out) const
{
    if (m_binary)
        PgBinaryEncoder::appendHeader(out);
}

void RowStreamEncoder::end(std::string &out) const
{
    if (m_binary)
        PgBinaryEncoder::appendTrailer(out);
}

void resetCopyBuffer(std::string &buffer)
{
    buffer.clear();
    if (buffer.capacity() > 16 * kCopyFlushBytes) { // after a huge row: give it back
        std::string().swap(buffer);
        buffer.reserve(kCopyFlushBytes + 64 * 1024);
    }
}

[[noreturn]] void rethrowForFile(const Error &e, const QString &file, const std::function<qint64(qint64)> &fileLine)
{
    if (e.sqlState.isEmpty()) {
        // One that knows its file, or of a type the loader reacts to (AlreadyRecorded), as it is.
        if (!e.location().file.isEmpty() || typeid(e) != typeid(Error))
            throw;
        Error located = e;
        SourceLocation where = e.location();
        where.file = file;
        located.withLocation(where);
        throw located;
    }
    if (const auto *missing = dynamic_cast<const UndefinedRelation *>(&e)) {
        UndefinedRelation located = *missing;
        located.withLocation(SourceLocation{file, 0, 0, {}});
        throw located;
    }
    static const QRegularExpression context(
        QStringLiteral("CONTEXT: COPY [^\\n]*?(, line (\\d+))(?:, column ([^:\\n]+))?"));
    QString message = e.message();
    SourceLocation where{file, 0, 0, {}};
    const QRegularExpressionMatch m = context.match(message);
    if (m.hasMatch()) {
        where.line = fileLine(m.captured(2).toLongLong());
        where.field = m.captured(3);
        message.remove(m.capturedStart(1), m.capturedLength(1));
    }
    Error located(e.kind(), message, where);
    located.sqlState = e.sqlState;
    located.detail = e.detail;
    located.hint = e.hint;
    located.table = e.table;
    located.statement = e.statement;
    // A session the server ended (57P01 on a restart) is an outage, not the job's own failure.
    located.connectionLost = e.connectionLost;
    throw located;
}

} // namespace wharf::postgres
