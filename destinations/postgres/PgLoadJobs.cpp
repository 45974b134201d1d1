// The three ways PgJobClient loads a job file (PgJobClient.h): csv streamed unparsed into COPY
// (spec 7.3), rows of any readable format encoded into a COPY text stream, and insert_values
// rows as INSERT statements, split as dlt splits them (spec 7.2).
#include "PgBinaryEncoder.h"
#include "PgCopyEncoder.h"
#include "PgCopySupport.h"
#include "PgJobClient.h"

#include "Error.h"
#include "formats/InputStream.h"
#include "formats/RowReader.h"
#include "load/LogCategories.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wharf::postgres {

namespace {

// Read (and inflate) window for csv files, which go to the server unparsed.
constexpr std::size_t kCsvWindow = 1024 * 1024;

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

QString statementForErrors(const QByteArray &sql)
{
    constexpr qsizetype kShown = 2000;
    if (sql.size() <= kShown)
        return QString::fromUtf8(sql);
    return QString::fromUtf8(sql.left(kShown)) + QStringLiteral(" ... (%1 bytes)").arg(sql.size());
}

// One value as a SQL literal of PostgreSQL. Strings go in E'' form, so that the result does
// not depend on standard_conforming_strings; the server converts each literal to its column's
// type, as it does for dlt's statements. False for text holding a NUL byte (the wire protocol
// ends a statement there).
// [+-]digits[.digits][(e|E)[+-]digits], or .digits: safe to write without quotes.
bool isNumericLiteral(std::string_view t)
{
    std::size_t k = 0;
    const auto digits = [&] {
        const std::size_t from = k;
        while (k < t.size() && t[k] >= '0' && t[k] <= '9')
            ++k;
        return k - from;
    };
    if (k < t.size() && (t[k] == '+' || t[k] == '-'))
        ++k;
    std::size_t n = digits();
    if (k < t.size() && t[k] == '.') {
        ++k;
        n += digits();
    }
    if (n == 0)
        return false;
    if (k < t.size() && (t[k] == 'e' || t[k] == 'E')) {
        ++k;
        if (k < t.size() && (t[k] == '+' || t[k] == '-'))
            ++k;
        if (digits() == 0)
            return false;
    }
    return k == t.size();
}

bool appendSqlLiteral(std::string &sql, const Value &v)
{
    const auto quoted = [&sql](std::string_view text) {
        if (text.find('\0') != std::string_view::npos)
            return false;
        sql += "E'";
        for (const char ch : text) {
            if (ch == '\'' || ch == '\\')
                sql += ch;
            sql += ch;
        }
        sql += '\'';
        return true;
    };
    switch (v.kind) {
    case ValueKind::Null:
        sql += "NULL";
        return true;
    case ValueKind::Bool:
        sql += v.b ? "TRUE" : "FALSE";
        return true;
    case ValueKind::Int:
        sql += std::to_string(v.i);
        return true;
    case ValueKind::Double:
    case ValueKind::Decimal: {
        // As written in the file: an unquoted numeric literal is what dlt's statement holds
        // (-0.0 there is numeric zero, not the double -0).
        if (!v.text.empty())
            return isNumericLiteral(v.text) ? (sql += v.text, true) : quoted(v.text);
        if (v.kind == ValueKind::Decimal)
            return quoted(v.text);
        if (std::isnan(v.d))
            return quoted("NaN");
        if (std::isinf(v.d))
            return quoted(v.d > 0 ? "Infinity" : "-Infinity");
        char buf[32];
        const int n = std::snprintf(buf, sizeof buf, "%.17g", v.d);
        sql.append(buf, std::size_t(std::max(0, n)));
        return true;
    }
    case ValueKind::Binary: {
        static const char hex[] = "0123456789abcdef";
        sql += "E'\\\\x";
        for (const char ch : v.text) {
            sql += hex[(static_cast<unsigned char>(ch) >> 4) & 0xF];
            sql += hex[static_cast<unsigned char>(ch) & 0xF];
        }
        sql += "'::bytea";
        return true;
    }
    default:
        return quoted(v.text);
    }
}

// Fields of the csv record that starts `line`, quotes respected (a delimiter inside quotes does
// not count; dlt's naive split would miscount it).
qsizetype csvFieldCount(std::string_view line, char delimiter)
{
    qsizetype fields = 1;
    bool quoted = false;
    for (const char c : line) {
        if (c == '"')
            quoted = !quoted;
        else if (c == delimiter && !quoted)
            ++fields;
    }
    return fields;
}

// A SQL string literal: quotes doubled (the values are validated already; never trust that).
QString sqlStringLiteral(QString text)
{
    return QLatin1Char('\'') + text.replace(QLatin1Char('\''), QLatin1String("''")) + QLatin1Char('\'');
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
    // stripped from each name; every name must be a schema column. Without a header line the
    // first record's fields fill the table's columns in schema order.
    QStringList columns;
    QStringList forceNull;
    const QChar delimiter = QLatin1Char(m_csv.delimiter);
    if (headerBytes > 0 && !m_csv.includeHeader) {
        const QStringList all = table.completeColumnNames();
        const qsizetype fields = csvFieldCount(first, m_csv.delimiter);
        if (fields > all.size())
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("the first row has %1 fields but table %2 has %3 columns (the file has no "
                                       "header line: csv_format.include_header = false)")
                            .arg(fields)
                            .arg(table.name)
                            .arg(all.size()),
                        SourceLocation{path, 1, 0, {}});
        for (const QString &name : all.first(fields))
            columns.append(db.escapeIdentifier(name));
    } else if (headerBytes > 0) {
        const QStringList names = QString::fromUtf8(first.data(), qsizetype(first.size())).trimmed().split(delimiter);
        for (QString name : names) {
            while (name.startsWith(QLatin1Char('"')))
                name.remove(0, 1);
            while (name.endsWith(QLatin1Char('"')))
                name.chop(1);
            if (!findColumn(table, name, db))
                unknownColumn(path, name, table.name);
            columns.append(db.escapeIdentifier(name));
        }
        in.consume(headerBytes);
    }
    // NULL '' plus FORCE_NULL: empty and quoted-empty ("") fields are NULL in nullable
    // columns, as with dlt.
    for (const Column &c : table.columns) {
        const QString quoted = db.escapeIdentifier(c.name);
        if (c.isComplete() && c.nullable && columns.contains(quoted))
            forceNull.append(quoted);
    }

    JobResult result;
    inTransaction(db, [&] {
        if (!columns.isEmpty()) {
            const QString sql =
                QStringLiteral("COPY %1 (%2) FROM STDIN WITH (FORMAT CSV, DELIMITER %3, NULL '', %4ENCODING %5)")
                    .arg(db.qualifiedTableName(table.name), columns.join(QLatin1Char(',')),
                         sqlStringLiteral(QString(delimiter)),
                         forceNull.isEmpty() ? QString()
                                             : QStringLiteral("FORCE_NULL(%1), ").arg(forceNull.join(QLatin1Char(','))),
                         sqlStringLiteral(m_csv.encoding));
            db.beginCopy(sql);
            bool copying = true;
            try {
                // The rest of the decompressed file goes out as it is: the server parses it.
                // Inflated a window at a time, sent in messages of kCopyFlushBytes.
                for (;;) {
                    if (ctx.cancel)
                        ctx.cancel->check();
                    const std::size_t n = std::min(in.fill(1), kCopyFlushBytes);
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
    options.tableColumns = table.completeColumnNames();
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
    // Binary COPY when every column's type in the table has a binary form here; else text,
    // which the server converts from whatever the table holds.
    RowStreamEncoder encoder(columns, m_binaryCopy ? binaryWires(table.name, columns) : std::vector<PgWire>(), eo);
    qCDebug(lcDest).noquote() << "job" << ctx.file.name.jobId()
                              << (encoder.binary() ? "goes as COPY binary" : "goes as COPY text");
    const QString sql = QStringLiteral("COPY %1 (%2) FROM STDIN%3")
                            .arg(db.qualifiedTableName(table.name), quoted.join(QLatin1Char(',')),
                                 encoder.binary() ? QStringLiteral(" (FORMAT binary)") : QString());

    // The second part of a job that an earlier run split (copySplit) and that committed: only
    // the first part's rows go now.
    const std::optional<qint64> secondPart = committedSecondPart(ctx);
    const bool firstPartOnly = secondPart.has_value();
    const qint64 secondPartRows = secondPart.value_or(0);
    if (!firstPartOnly) {
        if (auto helper = splitHelper(ctx)) {
            try {
                return copySplit(ctx, *reader, encoder, sql, *helper);
            } catch (const Error &e) {
                if (!partsWaitedOnEachOther(e))
                    throw;
                qCInfo(lcDest).noquote() << "job" << ctx.ledgerKey
                                         << "loads over one connection: its two parts waited on each other's rows "
                                            "(a unique key in both?)";
            }
            reader = openRowReader(path, format, options);
        }
    }

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
            qint64 index = 0; // of the row in the file
            encoder.begin(buffer);
            while (reader->readBatch(batch)) {
                if (ctx.cancel)
                    ctx.cancel->check();
                for (std::size_t r = 0; r < batch.rowCount(); ++r) {
                    if (firstPartOnly && splitPartOf(index++) == 1)
                        continue;
                    encoder.row(batch, r, path, buffer);
                    lines.add(batch.line(r));
                    if (copyBufferFull(buffer)) {
                        putCopyPieces(db, buffer.data(), buffer.size());
                        resetCopyBuffer(buffer);
                    }
                }
                rows += qint64(batch.rowCount());
                if (ctx.progress)
                    ctx.progress(rows, reader->bytesConsumed());
            }
            encoder.end(buffer);
            putCopyPieces(db, buffer.data(), buffer.size());
            buffer.clear();
            copying = false;
            result.rows = db.endCopy() + secondPartRows;
            if (!firstPartOnly)
                claimWholeJob(ctx);
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

std::vector<PgWire> PgJobClient::binaryWires(const QString &table, const QList<Column> &columns)
{
    PgConnection &db = connection();
    if (columns.isEmpty())
        return {};
    QHash<QString, QString> types;
    const auto rows =
        db.query(QStringLiteral("SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = "
                                "a.atttypid WHERE a.attrelid = %1::regclass AND a.attnum > 0 AND NOT "
                                "a.attisdropped")
                     .arg(db.placeholder(0)),
                 {db.qualifiedTableName(table)});
    for (const QVariantList &row : rows)
        types.insert(row.value(0).toString(), row.value(1).toString());
    std::vector<PgWire> wires;
    for (const Column &c : columns) {
        const auto wire = binaryWireFor(c.dataType.value_or(DataType::Text), types.value(c.name));
        if (!wire)
            return {};
        wires.push_back(*wire);
    }
    return wires;
}

// load_method = "insert". dlt executes the INSERT statements of an insert_values file as they
// are written; Wharf parses the file with the same strict reader the COPY path uses (a header
// for its own table, rows, a final ';', nothing else) and writes the statements again from the
// parsed values, so nothing but rows for the job's table can reach the server. Statements are
// cut as dlt cuts them: at about max_query_length / 2 characters, and at max_rows_per_insert
// rows when that capability is set (dlt/destinations/insert_job_client.py).
JobResult PgJobClient::insertParsedRows(const JobContext &ctx)
{
    PgConnection &db = connection();
    const Table &table = *ctx.table;
    const QString path = ctx.file.path;
    ReaderOptions options;
    options.tableColumns = table.completeColumnNames();
    auto reader = openRowReader(path, ctx.file.name.format, options);
    const QStringList names = reader->columns();
    QStringList quoted;
    for (const QString &name : names) {
        const Column *col = findColumn(table, name, db);
        if (!col)
            unknownColumn(path, name, table.name);
        quoted.append(db.escapeIdentifier(col->name));
    }
    const std::string header = QStringLiteral("INSERT INTO %1(%2)\nVALUES\n")
                                   .arg(db.qualifiedTableName(table.name), quoted.join(QLatin1Char(',')))
                                   .toStdString();
    const std::size_t chunkChars = std::size_t(std::max<qint64>(1, db.capabilities().maxQueryLength / 2));
    const int maxRows = db.capabilities().maxRowsPerInsert;

    // As in copyRows: the first part alone when an earlier COPY committed the second.
    const std::optional<qint64> secondPart = committedSecondPart(ctx);
    const bool firstPartOnly = secondPart.has_value();
    const qint64 secondPartRows = secondPart.value_or(0);
    JobResult result;
    RowBatch batch;
    inTransaction(db, [&] {
        std::string sql;
        qint64 pending = 0;
        qint64 index = 0; // of the row in the file
        const auto execute = [&] {
            sql += ';';
            const QByteArray text = QByteArray::fromStdString(sql);
            try {
                db.executeUtf8(text, statementForErrors(text));
            } catch (Error &e) {
                // The server names the statement, not the row: only the file is known.
                e.withLocation(SourceLocation{path, 0, 0, e.location().field});
                throw;
            }
            result.rows += pending;
            pending = 0;
            sql.clear();
            if (ctx.progress)
                ctx.progress(result.rows, reader->bytesConsumed());
        };
        while (reader->readBatch(batch)) {
            if (ctx.cancel)
                ctx.cancel->check();
            for (std::size_t r = 0; r < batch.rowCount(); ++r) {
                if (firstPartOnly && splitPartOf(index++) == 1)
                    continue;
                if (pending == 0)
                    sql = header;
                else
                    sql += ",\n";
                sql += '(';
                const Value *row = batch.row(r);
                for (std::size_t c = 0; c < batch.columnCount(); ++c) {
                    if (c > 0)
                        sql += ',';
                    if (!appendSqlLiteral(sql, row[c]))
                        throw Error(ErrorKind::Terminal,
                                    QStringLiteral("a text value holds a NUL byte, which PostgreSQL cannot store"),
                                    SourceLocation{path, batch.line(r), 0, names.value(qsizetype(c))});
                }
                sql += ')';
                ++pending;
                if (sql.size() >= chunkChars || (maxRows > 0 && pending >= maxRows))
                    execute();
            }
        }
        if (pending > 0)
            execute();
        if (firstPartOnly)
            result.rows += secondPartRows;
        else
            claimWholeJob(ctx);
        if (ctx.beforeCommit)
            ctx.beforeCommit(*this, result.rows);
    });
    return result;
}

} // namespace wharf::postgres
