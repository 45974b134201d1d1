#pragma once

#include "destination/Destination.h"
#include "formats/RowReader.h"
#include "load/Coerce.h"

#include <exception>
#include <string>
#include <vector>

namespace wharf::mysql {

/// A job file as the text LOAD DATA LOCAL INFILE reads: one line per row, fields separated by
/// tabs, `\N` for NULL, backslash escapes for tab, newline, carriage return, backslash and NUL,
/// binary columns in hex (turned back by UNHEX in the statement). Produced batch by batch while
/// the server asks, so memory stays flat whatever the file's size.
class MysqlRowStream {
public:
    /// `binary[k]`: the k-th file column is a binary column (written in hex).
    MysqlRowStream(const JobContext &ctx, std::unique_ptr<RowReader> reader, std::vector<Coercer> coercers,
                   std::vector<bool> binary);

    /// Fills `buffer` with up to `size` bytes; 0 at the end; -1 on an error, which error() then
    /// holds (with file, line and column).
    long fill(char *buffer, unsigned size);

    std::exception_ptr error() const { return m_error; }
    qint64 rows() const { return m_rows; }

private:
    bool produce(); ///< encodes the next batch into m_pending; false at the end
    void encode(const Cell &cell, bool binary);

    const JobContext &m_ctx;
    std::unique_ptr<RowReader> m_reader;
    std::vector<Coercer> m_coercers;
    std::vector<bool> m_binary;
    RowBatch m_batch;
    std::string m_pending;
    std::size_t m_offset = 0;
    qint64 m_rows = 0;
    bool m_done = false;
    std::exception_ptr m_error;
};

} // namespace wharf::mysql
