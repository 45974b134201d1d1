// The three ways PgJobClient loads a job file (PgJobClient.h): csv streamed unparsed into COPY
// (spec 7.3), rows of any readable format encoded into a COPY text stream, and insert_values
// executed as dlt executes it (spec 7.2).
#include "PgCopyEncoder.h"
#include "PgJobClient.h"

#include "Error.h"
#include "formats/InputStream.h"
#include "formats/RowReader.h"

#include <QRegularExpression>
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace wharf::postgres {

namespace {

// PostgreSQL refuses any protocol message above 1 GiB - 1 (MaxAllocSize,
// src/common/stringinfo.c). COPY data may be cut anywhere, so, like ADBC's PostgreSQL driver
// (apache/arrow-adbc#1921, FlushCopyWriterToConn in c/driver/postgresql/bind_stream.h), no
// CopyData message we send is larger than 16 MiB.
constexpr std::size_t kMaxCopyMessage = 16 * 1024 * 1024;
// Encoded rows are handed to libpq once about this much has accumulated: large enough that
// the per-message cost vanishes, small enough that the buffer stays cheap to reuse.
constexpr std::size_t kCopyFlushBytes = 1024 * 1024;
// Read window for csv files, which go to the server unparsed in pieces of this size.
constexpr std::size_t kCsvWindow = 1024 * 1024;

void putCopyPieces(PgConnection &db, const char *data, std::size_t size)
{
    while (size > 0) {
        const std::size_t n = std::min(size, kMaxCopyMessage);
        db.putCopyData(data, qsizetype(n));
        data += n;
        size -= n;
    }
}

// Which line of the job file each row of a COPY stream came from, so that an error the server
// reports by COPY line can name the file's line. Kept as runs in which the source line stays
// the same or grows by one per row: one run covers a whole insert_values or jsonl file, and
// typed-jsonl (many rows per line) takes one run per line. Memory never grows per row.
class StreamLines {
public:
    void add(qint64 sourceLine)
    {
        ++m_rows;
        if (!m_runs.empty()) {
            Run &run = m_runs.back();
            const qint64 offset = m_rows - run.firstRow;
            if (run.step < 0 && (sourceLine == run.firstLine || sourceLine == run.firstLine + 1)) {
                run.step = int(sourceLine - run.firstLine);
                return;
            }
            if (run.step >= 0 && sourceLine == run.firstLine + run.step * offset)
                return;
        }
        m_runs.push_back({m_rows, sourceLine, -1});
    }

    /// Source line of the 1-based COPY line `row`; 0 when unknown.
    qint64 sourceLine(qint64 row) const
    {
        if (row < 1 || row > m_rows)
            return 0;
        auto it = std::upper_bound(m_runs.begin(), m_runs.end(), row,
                                   [](qint64 r, const Run &run) { return r < run.firstRow; });
        --it;
        return it->firstLine + std::max(it->step, 0) * (row - it->firstRow);
    }

private:
    struct Run {
        qint64 firstRow;
        qint64 firstLine;
        int step; ///< -1 while the run has one row
    };
    std::vector<Run> m_runs;
    qint64 m_rows = 0;
};

// The physical line of a csv job file where the record starts that PostgreSQL calls "line
// `copyLine`". COPY counts one line per record plus the line breaks inside quoted fields, but
// only once it has seen the first unquoted line end (CopyReadLineText compares against the
// detected end-of-line type, still unknown within the first record), and it reports the count
// reached at the end of the record. The header line was not sent. Used on the error path only:
// it reads the file again. Returns 0 when the file cannot be read.
qint64 csvRecordLine(const QString &path, qint64 copyLine)
{
    try {
        InputStream in(path, kCsvWindow);
        in.skipUtf8Bom();
        std::string_view header;
        in.consume(in.peekLine(header));
        qint64 physical = 2;
        qint64 counted = 0;
        qint64 recordStart = 2;
        bool inRecord = false;
        bool inQuote = false;
        bool eolKnown = false;
        while (in.fill(1) > 0) {
            const char *p = in.data();
            const std::size_t n = in.available();
            for (std::size_t k = 0; k < n; ++k) {
                const char c = p[k];
                if (!inRecord) {
                    inRecord = true;
                    recordStart = physical;
                    ++counted;
                }
                if (c == '"') {
                    inQuote = !inQuote;
                } else if (c == '\n') {
                    ++physical;
                    if (inQuote) {
                        counted += eolKnown ? 1 : 0;
                    } else {
                        eolKnown = true;
                        inRecord = false;
                        if (counted >= copyLine)
                            return recordStart;
                    }
                }
            }
            in.consume(n);
        }
        return recordStart;
    } catch (const Error &) {
        return 0;
    }
}

// Rethrows the exception being handled with the job file named. A server error from COPY
// carries "CONTEXT: COPY <table>, line N[, column C]: ..." (PgConnection::endCopy), where N
// counts lines of the data we streamed: that becomes the file's line (via `fileLine`) and C
// the field, and ", line N" leaves the message so that only the file's line is shown.
[[noreturn]] void rethrowForFile(const Error &e, const QString &file, const std::function<qint64(qint64)> &fileLine)
{
    if (e.sqlState.isEmpty()) {
        if (!e.location().file.isEmpty())
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
    throw located;
}

// The schema column a file names: by exact name, else as PostgreSQL will resolve it (dlt
// compares the case-folded, quoted names).
const Column *findColumn(const Table &table, const QString &name, const PgConnection &db)
{
    if (const Column *c = table.column(name))
        return c->isComplete() ? c : nullptr;
    const QString quoted = db.escapeIdentifier(name);
    for (const Column &c : table.columns)
        if (c.isComplete() && db.escapeIdentifier(c.name) == quoted)
            return &c;
    return nullptr;
}

[[noreturn]] void unknownColumn(const QString &file, const QString &name, const QString &table)
{
    throw Error(ErrorKind::Terminal,
                QStringLiteral("column %1 is not a column of table %2 in the schema").arg(name, table),
                SourceLocation{file, 1, 0, name});
}

// Python's readline() on the file: the next line including its '\n', empty at the end.
QByteArray readLine(InputStream &in)
{
    std::string_view line;
    const std::size_t n = in.peekLine(line);
    if (n == 0)
        return {};
    QByteArray out(line.data(), qsizetype(line.size()));
    if (n > line.size())
        out.append('\n');
    in.consume(n);
    return out;
}

// Python's read(n) on a UTF-8 text file: up to `chars` characters (code points), so the cut
// never splits a character.
void readChars(InputStream &in, qint64 chars, QByteArray &out)
{
    qint64 count = 0;
    while (in.fill(1) > 0) {
        const char *const begin = in.data();
        const std::size_t available = in.available();
        std::size_t k = 0;
        bool full = false;
        for (; k < available; ++k) {
            if ((static_cast<unsigned char>(begin[k]) & 0xC0) != 0x80) {
                if (count == chars) {
                    full = true;
                    break;
                }
                ++count;
            }
        }
        out.append(begin, qsizetype(k));
        in.consume(k);
        if (full)
            return;
    }
}

QString statementForErrors(const QByteArray &sql)
{
    constexpr qsizetype kShown = 2000;
    if (sql.size() <= kShown)
        return QString::fromUtf8(sql);
    return QString::fromUtf8(sql.left(kShown)) + QStringLiteral(" ... (%1 bytes)").arg(sql.size());
}

} // namespace

JobResult PgJobClient::copyCsv(const JobContext &ctx)
{
    PgConnection &db = connection();
    const Table &table = *ctx.table;
    const QString path = ctx.file.path;

    InputStream in(path, kCsvWindow);
    in.skipUtf8Bom();
    std::string_view first;
    const std::size_t headerBytes = in.peekLine(first);

    // dlt's csv job: the header line decoded, stripped and split by the delimiter, quotes
    // stripped from each name; every name must be a schema column.
    QStringList columns;
    QStringList forceNull;
    if (headerBytes > 0) {
        const QStringList names =
            QString::fromUtf8(first.data(), qsizetype(first.size())).trimmed().split(QLatin1Char(','));
        for (QString name : names) {
            while (name.startsWith(QLatin1Char('"')))
                name.remove(0, 1);
            while (name.endsWith(QLatin1Char('"')))
                name.chop(1);
            if (!findColumn(table, name, db))
                unknownColumn(path, name, table.name);
            columns.append(db.escapeIdentifier(name));
        }
        // NULL '' plus FORCE_NULL: empty and quoted-empty ("") fields are NULL in nullable
        // columns, as with dlt.
        for (const Column &c : table.columns) {
            const QString quoted = db.escapeIdentifier(c.name);
            if (c.isComplete() && c.nullable && columns.contains(quoted))
                forceNull.append(quoted);
        }
        in.consume(headerBytes);
    }

    JobResult result;
    inTransaction(db, [&] {
        if (!columns.isEmpty()) {
            const QString sql =
                QStringLiteral("COPY %1 (%2) FROM STDIN WITH (FORMAT CSV, DELIMITER ',', NULL '', %3ENCODING "
                               "'utf-8')")
                    .arg(db.qualifiedTableName(table.name), columns.join(QLatin1Char(',')),
                         forceNull.isEmpty()
                             ? QString()
                             : QStringLiteral("FORCE_NULL(%1), ").arg(forceNull.join(QLatin1Char(','))));
            db.beginCopy(sql);
            bool copying = true;
            try {
                // The rest of the decompressed file goes out as it is: the server parses it.
                for (;;) {
                    if (ctx.cancel)
                        ctx.cancel->check();
                    const std::size_t n = std::min(in.fill(1), kMaxCopyMessage);
                    if (n == 0)
                        break;
                    db.putCopyData(in.data(), qsizetype(n));
                    in.consume(n);
                    if (ctx.progress)
                        ctx.progress(0, in.bytesConsumed());
                }
                copying = false;
                result.rows = db.endCopy();
            } catch (const Error &e) {
                if (copying)
                    db.abortCopy(QStringLiteral("the load job failed: ") + e.message());
                rethrowForFile(e, path, [&](qint64 line) { return csvRecordLine(path, line); });
            } catch (...) {
                if (copying)
                    db.abortCopy(QStringLiteral("the load job failed"));
                throw;
            }
        }
        if (ctx.progress)
            ctx.progress(result.rows, in.bytesConsumed());
        if (ctx.beforeCommit)
            ctx.beforeCommit(*this, result.rows);
    });
    return result;
}

JobResult PgJobClient::copyRows(const JobContext &ctx)
{
    PgConnection &db = connection();
    const Table &table = *ctx.table;
    const QString path = ctx.file.path;
    const FileFormat format = ctx.file.name.format;

    ReaderOptions options;
    for (const Column &c : table.columns)
        if (c.isComplete())
            options.tableColumns.append(c.name);
    auto reader = openRowReader(path, format, options);

    QList<Column> columns;
    QStringList quoted;
    for (const QString &name : reader->columns()) {
        const Column *col = findColumn(table, name, db);
        if (!col)
            unknownColumn(path, name, table.name);
        columns.append(*col);
        quoted.append(db.escapeIdentifier(col->name));
    }
    PgCopyEncoder::Options eo;
    eo.sqlLiterals = format == FileFormat::InsertValues;
    eo.jsonSource = format == FileFormat::Jsonl || format == FileFormat::TypedJsonl;
    PgCopyEncoder encoder(columns, eo);
    const QString sql =
        QStringLiteral("COPY %1 (%2) FROM STDIN").arg(db.qualifiedTableName(table.name), quoted.join(QLatin1Char(',')));

    JobResult result;
    RowBatch batch;
    std::string buffer;
    buffer.reserve(kCopyFlushBytes + 64 * 1024);
    StreamLines lines;
    inTransaction(db, [&] {
        db.beginCopy(sql);
        bool copying = true;
        try {
            qint64 rows = 0;
            while (reader->readBatch(batch)) {
                if (ctx.cancel)
                    ctx.cancel->check();
                for (std::size_t r = 0; r < batch.rowCount(); ++r) {
                    try {
                        encoder.appendRow(batch.row(r), buffer);
                    } catch (Error &e) {
                        e.withLocation(SourceLocation{path, batch.line(r), 0, e.location().field});
                        throw;
                    }
                    lines.add(batch.line(r));
                    if (buffer.size() >= kCopyFlushBytes) {
                        putCopyPieces(db, buffer.data(), buffer.size());
                        buffer.clear();
                    }
                }
                rows += qint64(batch.rowCount());
                if (ctx.progress)
                    ctx.progress(rows, reader->bytesConsumed());
            }
            putCopyPieces(db, buffer.data(), buffer.size());
            buffer.clear();
            copying = false;
            result.rows = db.endCopy();
        } catch (const Error &e) {
            if (copying)
                db.abortCopy(QStringLiteral("the load job failed: ") + e.message());
            rethrowForFile(e, path, [&](qint64 line) { return lines.sourceLine(line); });
        } catch (...) {
            if (copying)
                db.abortCopy(QStringLiteral("the load job failed"));
            throw;
        }
        if (ctx.beforeCommit)
            ctx.beforeCommit(*this, result.rows);
    });
    return result;
}

JobResult PgJobClient::insertValuesAsDlt(const JobContext &ctx)
{
    PgConnection &db = connection();
    const QString path = ctx.file.path;
    InputStream in(path);

    // Line 1: `INSERT INTO {}("a","b",...)`. dlt case-folds the whole line (keywords and
    // quoted names alike, which is what makes the names match PostgreSQL's lower-cased
    // columns) and then puts the qualified table name in place of {}.
    QByteArray headerLine = readLine(in);
    if (!headerLine.startsWith("INSERT INTO {}"))
        throw Error(ErrorKind::Terminal,
                    QStringLiteral("not a dlt insert_values file: line 1 must start with "
                                   "'INSERT INTO {}'"),
                    SourceLocation{path, 1, 0, {}});
    if (headerLine.endsWith("\r\n"))
        headerLine.remove(headerLine.size() - 2, 1);
    QString folded = QString::fromUtf8(headerLine);
    if (db.capabilities().casefoldLower)
        folded = folded.toLower();
    folded.replace(folded.indexOf(QLatin1String("{}")), 2, db.qualifiedTableName(ctx.table->name));
    const QByteArray header = folded.toUtf8();
    static const QByteArray valuesMark("VALUES\n");
    const QByteArray marker = readLine(in);
    if (marker != valuesMark && marker != "VALUES\r\n")
        throw Error(ErrorKind::Terminal,
                    QStringLiteral("not a dlt insert_values file: line 2 must be VALUES (the default writer)"),
                    SourceLocation{path, 2, 0, {}});

    const qint64 chunkChars = std::max<qint64>(1, db.capabilities().maxQueryLength / 2);
    const int maxRows = db.capabilities().maxRowsPerInsert;
    JobResult result;
    inTransaction(db, [&] {
        QByteArray sql;
        qint64 pendingRows = 0;
        const auto execute = [&] {
            if (ctx.cancel)
                ctx.cancel->check();
            try {
                db.executeUtf8(sql, statementForErrors(sql));
            } catch (const Error &e) {
                rethrowForFile(e, path, [](qint64) { return qint64(0); });
            }
            result.rows += pendingRows;
            pendingRows = 0;
            sql.clear();
            if (ctx.progress)
                ctx.progress(result.rows, in.bytesConsumed());
        };
        QByteArray content;
        for (;;) {
            if (ctx.cancel)
                ctx.cancel->check();
            content.clear();
            readChars(in, chunkChars, content);
            if (content.isEmpty())
                break;
            // Complete the line the chunk ends in (or, when it ended right before a line
            // break, take the next line) so that its separator can become the statement's end.
            QByteArray rest = readLine(in);
            const bool freshLine = rest == "\n" || content.endsWith('\n');
            if (rest == "\n")
                rest = readLine(in);
            while (rest.startsWith('\n'))
                rest.remove(0, 1);
            while (rest.endsWith('\n'))
                rest.chop(1);
            const bool eof = rest.isEmpty() || rest.endsWith(';');
            if (!eof)
                rest[rest.size() - 1] = ';'; // the row separator ','
            pendingRows +=
                content.count('\n') + (content.endsWith('\n') ? 0 : 1) + (freshLine && !rest.isEmpty() ? 1 : 0);
            if (maxRows <= 0) {
                sql += header;
                sql += valuesMark;
                sql += content;
                sql += rest;
            } else {
                // At most max_rows_per_insert rows per INSERT: groups of max_rows - 1 lines
                // (the completed last line may add one), all but the last ended with ';'.
                QList<QByteArray> rowLines;
                qsizetype from = 0;
                while (from < content.size()) {
                    qsizetype nl = content.indexOf('\n', from);
                    const qsizetype to = nl < 0 ? content.size() : nl + 1;
                    rowLines.append(content.mid(from, to - from));
                    from = to;
                }
                const qsizetype group = std::max(1, maxRows - 1);
                for (qsizetype g = 0; g < rowLines.size(); g += group) {
                    QByteArray part;
                    for (qsizetype k = g; k < std::min(rowLines.size(), g + group); ++k)
                        part += rowLines[k];
                    sql += header;
                    sql += valuesMark;
                    if (g + group >= rowLines.size()) {
                        sql += part;
                        sql += rest;
                    } else {
                        part = part.trimmed();
                        part.chop(1);
                        sql += part;
                        sql += ";\n";
                    }
                }
            }
            if (!eof)
                execute();
        }
        if (!sql.isEmpty())
            execute();
        if (ctx.beforeCommit)
            ctx.beforeCommit(*this, result.rows);
    });
    return result;
}

} // namespace wharf::postgres
