#pragma once

// Shared by the reader tests (tst_InputStream, tst_InsertValuesReader, tst_CsvReader,
// tst_JsonlReader, tst_RowReader): read a whole file into memory and describe Values.

#include "Error.h"
#include "TestSupport.h"
#include "formats/RowReader.h"

#include <QDir>

#include <QFile>
#include <QString>
#include <QStringList>
#include <cstdio>
#include <string>
#include <vector>

namespace wharf::test {

/// Every row of a job file, read batch by batch.
struct ReadResult {
    QStringList columns;
    std::vector<std::vector<Value>> rows;
    std::vector<qint64> lines;
    int batches = 0;
    qint64 bytesConsumed = 0;
    qint64 fileSize = 0;
};

inline ReadResult readAll(const QString &path, FileFormat format, ReaderOptions options = {})
{
    ReadResult out;
    const auto reader = openRowReader(path, format, options);
    out.columns = reader->columns();
    out.fileSize = reader->fileSize();
    RowBatch batch;
    qint64 lastConsumed = 0;
    while (reader->readBatch(batch)) {
        ++out.batches;
        if (batch.rowCount() > options.batchRows || batch.columnCount() != std::size_t(out.columns.size()))
            throw Error(ErrorKind::Internal, QStringLiteral("batch shape is wrong"));
        if (reader->bytesConsumed() < lastConsumed)
            throw Error(ErrorKind::Internal, QStringLiteral("bytesConsumed went backwards"));
        lastConsumed = reader->bytesConsumed();
        for (std::size_t r = 0; r < batch.rowCount(); ++r) {
            const Value *row = batch.row(r);
            out.rows.emplace_back(row, row + batch.columnCount());
            out.lines.push_back(batch.line(r));
        }
    }
    if (batch.rowCount() != 0)
        throw Error(ErrorKind::Internal, QStringLiteral("the final batch is not empty"));
    out.bytesConsumed = reader->bytesConsumed();
    return out;
}

inline const char *kindName(ValueKind k)
{
    switch (k) {
    case ValueKind::Null:
        return "Null";
    case ValueKind::Bool:
        return "Bool";
    case ValueKind::Int:
        return "Int";
    case ValueKind::Double:
        return "Double";
    case ValueKind::String:
        return "String";
    case ValueKind::Decimal:
        return "Decimal";
    case ValueKind::Timestamp:
        return "Timestamp";
    case ValueKind::Date:
        return "Date";
    case ValueKind::Time:
        return "Time";
    case ValueKind::Binary:
        return "Binary";
    case ValueKind::Json:
        return "Json";
    }
    return "?";
}

/// "Kind:payload" for comparisons in tests: Int:42, Bool:true, String:abc, Null, Double:1.5|1.5
/// (value|text as written).
inline QString describe(const Value &v)
{
    const QString kind = QString::fromLatin1(kindName(v.kind));
    switch (v.kind) {
    case ValueKind::Null:
        return kind;
    case ValueKind::Bool:
        return kind + (v.b ? QStringLiteral(":true") : QStringLiteral(":false"));
    case ValueKind::Int:
        return kind + QLatin1Char(':') + QString::number(v.i);
    case ValueKind::Double: {
        // snprintf, not QString::number: Qt prints -0.0 as "0".
        char number[40];
        std::snprintf(number, sizeof number, "%.17g", v.d);
        return kind + QLatin1Char(':') + QLatin1String(number) + QLatin1Char('|') + QString::fromStdString(v.text);
    }
    case ValueKind::Binary:
        return kind + QLatin1Char(':') + QString::fromLatin1(QByteArray::fromStdString(v.text).toHex());
    default:
        return kind + QLatin1Char(':') + QString::fromStdString(v.text);
    }
}

inline bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(content) == content.size();
}

/// Runs `f` and returns the wharf::Error it throws; `thrown` tells whether it did.
template <class F> Error catchError(F &&f, bool &thrown)
{
    thrown = false;
    try {
        f();
    } catch (const Error &e) {
        thrown = true;
        return e;
    }
    return Error(ErrorKind::Internal, QStringLiteral("no error was thrown"));
}

/// A file under tests/data/formats/.
inline QString formatsPath(const QString &name)
{
    return dataPath(QStringLiteral("formats/") + name);
}

/// The one real dlt job file under tests/data/formats/real/ whose name starts with `prefix`.
inline QString realFile(const char *prefix)
{
    const QDir dir(dataPath(QStringLiteral("formats/real")));
    const QStringList found = dir.entryList({QLatin1String(prefix) + QLatin1Char('*')}, QDir::Files);
    return found.size() == 1 ? dir.filePath(found.first()) : QString();
}

/// describe() of every value of a row.
inline QStringList describeRow(const std::vector<Value> &row)
{
    QStringList out;
    for (const Value &v : row)
        out << describe(v);
    return out;
}

/// Empty when `e` is a Terminal error for `file` at `line`/`column` (0 = don't check) whose
/// message contains `message`; otherwise what differs.
inline QString terminalErrorMismatch(const Error &e, const QString &file, qint64 line, qint64 column,
                                     const QString &message)
{
    QStringList diffs;
    if (e.kind() != ErrorKind::Terminal)
        diffs << QStringLiteral("kind %1").arg(errorKindName(e.kind()));
    if (e.location().file != file)
        diffs << QStringLiteral("file %1").arg(e.location().file);
    if (line && e.location().line != line)
        diffs << QStringLiteral("line %1, expected %2").arg(e.location().line).arg(line);
    if (column && e.location().column != column)
        diffs << QStringLiteral("column %1, expected %2").arg(e.location().column).arg(column);
    if (!e.message().contains(message))
        diffs << QStringLiteral("message '%1' lacks '%2'").arg(e.message(), message);
    return diffs.join(QStringLiteral("; "));
}

} // namespace wharf::test
