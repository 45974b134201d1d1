#pragma once

// What PgJobClient's COPY loads share (PgLoadJobs.cpp, PgSplitCopy.cpp): message sizes, the map
// from COPY lines back to the job file's lines, and how a job's rows split over two streams.
#include "PgBinaryEncoder.h"
#include "PgConnection.h"

#include "Error.h"
#include "formats/Value.h"

#include <QtGlobal>
#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wharf::postgres {

// PostgreSQL refuses any protocol message above 1 GiB - 1 (MaxAllocSize,
// src/common/stringinfo.c). COPY data may be cut anywhere, so, like ADBC's PostgreSQL driver
// (apache/arrow-adbc#1921, FlushCopyWriterToConn in c/driver/postgresql/bind_stream.h), no
// CopyData message we send is larger than 16 MiB.
constexpr std::size_t kMaxCopyMessage = 16 * 1024 * 1024;
// Encoded rows are handed to libpq once about this much has accumulated: large enough that
// the per-message cost vanishes, small enough that the server starts on them while the next
// ones are encoded (libpq's blocking send holds the encoder until the socket takes all of a
// message: 256 KiB made a 1M-row load 0.3 s slower than 32 KiB, wharf_bench_postgres) and
// that this buffer and libpq's own stay small for each of 20 jobs running at once.
constexpr std::size_t kCopyFlushBytes = 32 * 1024;

/// A job split over two connections (PgJobClient::copySplit) sends its rows in blocks of this
/// many, by their position in the file: blocks 0, 2, 4, ... to the first part, the others to
/// the second. A part that committed is skipped by a later run through this rule alone, so it
/// must never change.
constexpr qint64 kSplitBlockRows = 256;
/// The part (0 or 1) the `row`-th row of a file (from 0) belongs to.
inline int splitPartOf(qint64 row)
{
    return int((row / kSplitBlockRows) & 1);
}

/// The two parts of a split job waited on each other's rows (a unique key in both): the lock
/// timeout the split sets (55P03), or the deadlock PostgreSQL finds first when each part holds a
/// key the other wants (40P01). The job then loads over one connection.
inline bool partsWaitedOnEachOther(const Error &e)
{
    return e.sqlState == QLatin1String("55P03") || e.sqlState == QLatin1String("40P01");
}

/// Hands `size` bytes of COPY data to libpq in messages of at most kMaxCopyMessage.
void putCopyPieces(PgConnection &db, const char *data, std::size_t size);

/// A job's rows as a COPY stream: binary (PgBinaryEncoder) when every column has a binary
/// form, else text (PgCopyEncoder). Not thread-safe.
class RowStreamEncoder {
public:
    /// Binary when `wires` is not empty.
    RowStreamEncoder(const QList<Column> &columns, std::vector<PgWire> wires, PgCopyEncoder::Options options);
    bool binary() const { return m_binary.has_value(); }
    /// What the stream starts with (binary: its header).
    void begin(std::string &out) const;
    /// What the stream ends with (binary: its trailer).
    void end(std::string &out) const;
    /// Appends row `r` of `batch`; on Error, which then names the file `path` and the row's
    /// line, `out` is left as it was.
    void row(const RowBatch &batch, std::size_t r, const QString &path, std::string &out)
    {
        try {
            if (m_binary)
                m_binary->appendRow(batch.row(r), out);
            else
                m_text->appendRow(batch.row(r), out);
        } catch (Error &e) {
            e.withLocation(SourceLocation{path, batch.line(r), 0, e.location().field});
            throw;
        }
    }

private:
    std::optional<PgBinaryEncoder> m_binary;
    std::optional<PgCopyEncoder> m_text;
};

/// A buffer of encoded rows that goes out once it holds kCopyFlushBytes.
inline bool copyBufferFull(const std::string &buffer)
{
    return buffer.size() >= kCopyFlushBytes;
}
/// Empties `buffer` after it was sent, giving back the memory a huge row made it take.
void resetCopyBuffer(std::string &buffer);

// Which line of the job file each row of a COPY stream came from, so that an error the server
// reports by COPY line can name the file's line. Kept as runs in which the source line stays
// the same or grows by one per row: one run covers a whole insert_values or jsonl file, and
// typed-jsonl (many rows per line) takes one run per line, and each part of a split job one run
// per block of kSplitBlockRows. Memory never grows per row.
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

// Rethrows the exception being handled with the job file named. A server error from COPY
// carries "CONTEXT: COPY <table>, line N[, column C]: ..." (PgConnection::endCopy), where N
// counts lines of the data we streamed: that becomes the file's line (via `fileLine`) and C
// the field, and ", line N" leaves the message so that only the file's line is shown.
[[noreturn]] void rethrowForFile(const Error &e, const QString &file, const std::function<qint64(qint64)> &fileLine);

} // namespace wharf::postgres
