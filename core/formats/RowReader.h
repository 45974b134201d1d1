#pragma once

#include "formats/CsvFormat.h"

#include "formats/Value.h"

#include <QString>
#include <QStringList>
#include <memory>

namespace wharf {

/// dlt loader file formats (spec section 1.5). Sql and Reference are internal job types.
enum class FileFormat { InsertValues, Csv, Jsonl, TypedJsonl, Parquet, Model, Sql, Reference, Unknown };

/// "insert_values", "csv", ... as in job file names.
QString fileFormatName(FileFormat f);
/// Parses a job-file format name; Unknown when not recognised.
FileFormat fileFormatFromName(QStringView name);

struct ReaderOptions {
    /// The table's complete columns in schema order. Used by jsonl/typed-jsonl readers to map
    /// keys to positions (an unknown key is an error naming file, line and field) and by csv
    /// files written without a header.
    QStringList tableColumns;
    /// Rows per batch handed out by readBatch(). Small on purpose: a batch's values live until
    /// the next one, once per job running at the same time (256 wide rows are ~0.5 MB).
    std::size_t batchRows = 256;
    /// csv files: delimiter and header line. Without a header the columns are the first
    /// tableColumns, as many as the first record has fields.
    CsvFormat csv;
};

/// A streaming reader of one job file (plain or gzip, sniffed by magic bytes). Memory use is
/// bounded by the batch size and the longest row, never by the file size. Not thread-safe; one
/// reader per job. Every method may throw wharf::Error (Terminal, with file/line/column).
class RowReader {
public:
    virtual ~RowReader() = default;

    /// Column names of the values in every row, in order (header for csv/insert_values,
    /// ReaderOptions::tableColumns for jsonl). Valid after construction.
    virtual const QStringList &columns() const = 0;

    /// Clears `batch`, resets it to columns().size() and appends up to options.batchRows rows.
    /// Returns false when the file had no more rows (batch is then empty).
    virtual bool readBatch(RowBatch &batch) = 0;

    /// Bytes of the file on disk consumed so far (compressed bytes for gzip), for progress.
    virtual qint64 bytesConsumed() const = 0;
    /// Size of the file on disk.
    virtual qint64 fileSize() const = 0;
};

/// Opens a reader for `path` in `format` (InsertValues, Csv, Jsonl, TypedJsonl).
/// Throws wharf::Error(Terminal) for an unreadable file or an unsupported format.
std::unique_ptr<RowReader> openRowReader(const QString &path, FileFormat format, const ReaderOptions &options = {});

} // namespace wharf
