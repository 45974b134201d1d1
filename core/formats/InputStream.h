#pragma once

#include <QFile>
#include <QString>
#include <QtGlobal>
#include <cstddef>
#include <memory>
#include <string_view>

struct inflate_state;

namespace wharf {

/// Forward-only byte source over one job file, plain or gzip. gzip is recognised by its magic
/// bytes 1f 8b, never by the file name, and inflated on the fly with ISA-L's streaming inflate
/// (about three times zlib's speed, with a fixed state of under 100 KiB); concatenated gzip
/// members read as one stream (as `zcat` does), and every member's CRC and length are checked.
///
/// Parsers work directly on a window of the internal buffer instead of copying:
///
///     while (in.fill(in.available() + 1) > 0) { parse in.data() .. + available(); in.consume(n); }
///
/// The window holds windowSize bytes (256 KiB) and grows only when a caller asks for more
/// unconsumed bytes than it can hold (one line longer than the window), so memory stays bounded
/// whatever the file size. kPadding readable bytes always follow data() + available() (simdjson
/// reads past the end of its input). Not thread-safe. Throws wharf::Error (Terminal, naming the
/// file) for an unreadable file and for corrupt or truncated gzip data.
class InputStream {
public:
    static constexpr std::size_t kWindowSize = 256 * 1024;
    static constexpr std::size_t kPadding = 64;
    /// The largest window: one row (line, or csv record) longer than this is an error, never
    /// gigabytes of memory for a small gzip file that inflates into one huge value.
    static constexpr std::size_t kMaxWindow = 128 * 1024 * 1024;

    explicit InputStream(const QString &path, std::size_t windowSize = kWindowSize);
    ~InputStream();
    InputStream(const InputStream &) = delete;
    InputStream &operator=(const InputStream &) = delete;

    const QString &path() const { return m_path; }
    bool isGzip() const { return m_gzip; }

    /// Unconsumed bytes. Valid until the next fill().
    const char *data() const { return m_buf.get() + m_pos; }
    std::size_t available() const { return m_end - m_pos; }
    /// Marks `n` bytes (n <= available()) as processed.
    void consume(std::size_t n)
    {
        m_pos += n;
        m_position += qint64(n);
    }

    /// Makes at least `wanted` unconsumed bytes available, reading and inflating as needed (it
    /// reads as much as fits, so usually more). Fewer only when the file has ended. May move the
    /// window: pointers into data() are invalid afterwards. Returns available().
    std::size_t fill(std::size_t wanted);
    /// True when the file has no bytes beyond the window: available() is all that is left.
    bool sourceExhausted() const { return m_eof; }
    /// True when everything has been consumed.
    bool atEnd() const { return m_eof && m_pos == m_end; }
    /// Skips a UTF-8 byte order mark at the current position (call before parsing).
    void skipUtf8Bom();
    /// Makes the whole next line available at data() and points `line` at it (without its
    /// '\n'). Returns the bytes to consume() to pass it (line plus terminator), 0 at the end of
    /// the file. `line` is valid until the next fill().
    std::size_t peekLine(std::string_view &line);

    /// Offset of data() in the (decompressed) content.
    qint64 position() const { return m_position; }
    /// Bytes of the file on disk read so far: for gzip the compressed bytes inflated so far.
    qint64 bytesConsumed() const;
    /// Size of the file on disk.
    qint64 fileSize() const { return m_fileSize; }

private:
    std::size_t readRaw(char *into, std::size_t room);
    std::size_t inflateInto(char *into, std::size_t room);
    bool refillCompressed();
    void grow(std::size_t capacity);
    [[noreturn]] void fail(const QString &message) const;

    QString m_path;
    QFile m_file;
    qint64 m_fileSize = 0;
    qint64 m_fileRead = 0;
    bool m_fileEof = false;

    std::unique_ptr<char[]> m_buf;
    std::size_t m_cap = 0;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    qint64 m_position = 0;
    bool m_eof = false;

    bool m_gzip = false;
    bool m_inMember = false;
    std::unique_ptr<inflate_state> m_zs;
    std::unique_ptr<unsigned char[]> m_zin;
    std::size_t m_zinCap = 0;
};

} // namespace wharf
