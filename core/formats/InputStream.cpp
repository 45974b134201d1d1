#include "formats/InputStream.h"

#include "Error.h"

#include <algorithm>
#include <cstring>
#include <isa-l/igzip_lib.h>

namespace wharf {

namespace {

// Compressed bytes handed to the inflater per read. Small next to the window on purpose: inflating
// expands them several times.
constexpr std::size_t kCompressedChunk = 64 * 1024;

} // namespace

InputStream::InputStream(const QString &path, std::size_t windowSize)
    : m_path(path)
    , m_file(path)
{
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        fail(QStringLiteral("cannot open file: %1").arg(m_file.errorString()));
    m_fileSize = m_file.size();

    m_cap = std::max<std::size_t>(windowSize, 64);
    // Zeroed once so that the padding simdjson may read is never uninitialised memory.
    m_buf.reset(new char[m_cap + kPadding]());

    // Sniff the magic bytes; whatever was read is either plain content or compressed input.
    char head[2];
    std::size_t got = 0;
    while (got < sizeof head) {
        const std::size_t n = readRaw(head + got, sizeof head - got);
        if (n == 0)
            break;
        got += n;
    }
    m_gzip = got == 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b;
    if (!m_gzip) {
        std::memcpy(m_buf.get(), head, got);
        m_end = got;
        m_eof = m_fileEof;
        return;
    }

    m_zinCap = kCompressedChunk;
    m_zin.reset(new unsigned char[m_zinCap]);
    std::memcpy(m_zin.get(), head, got);
    m_zs = std::make_unique<inflate_state>();
    isal_inflate_init(m_zs.get());
    // ISAL_GZIP: parse the gzip header and check the CRC-32 and length of the trailer.
    m_zs->crc_flag = ISAL_GZIP;
    m_zs->next_in = m_zin.get();
    m_zs->avail_in = static_cast<uint32_t>(got);
    m_inMember = true;
}

InputStream::~InputStream() = default;

void InputStream::fail(const QString &message) const
{
    throw Error(ErrorKind::Terminal, message, SourceLocation{m_path, 0, 0, {}});
}

qint64 InputStream::bytesConsumed() const
{
    if (!m_gzip)
        return m_position;
    return m_fileRead - qint64(m_zs->avail_in);
}

void InputStream::skipUtf8Bom()
{
    if (fill(3) >= 3 && std::memcmp(data(), "\xEF\xBB\xBF", 3) == 0)
        consume(3);
}

std::size_t InputStream::peekLine(std::string_view &line)
{
    std::size_t scanned = 0;
    for (;;) {
        const char *begin = data();
        const std::size_t avail = available();
        const void *nl = std::memchr(begin + scanned, '\n', avail - scanned);
        if (nl) {
            const std::size_t length = std::size_t(static_cast<const char *>(nl) - begin);
            line = std::string_view(begin, length);
            return length + 1;
        }
        if (m_eof) {
            line = std::string_view(begin, avail);
            return avail;
        }
        scanned = avail;
        fill(avail + 1);
    }
}

std::size_t InputStream::readRaw(char *into, std::size_t room)
{
    if (m_fileEof || room == 0)
        return 0;
    const qint64 n = m_file.read(into, qint64(room));
    if (n < 0)
        fail(QStringLiteral("cannot read file: %1").arg(m_file.errorString()));
    if (n == 0)
        m_fileEof = true;
    m_fileRead += n;
    return std::size_t(n);
}

void InputStream::grow(std::size_t capacity)
{
    std::unique_ptr<char[]> bigger(new char[capacity + kPadding]());
    std::memcpy(bigger.get(), m_buf.get() + m_pos, m_end - m_pos);
    m_end -= m_pos;
    m_pos = 0;
    m_buf = std::move(bigger);
    m_cap = capacity;
}

std::size_t InputStream::fill(std::size_t wanted)
{
    if (m_end - m_pos >= wanted || m_eof)
        return m_end - m_pos;
    if (wanted > kMaxWindow)
        throw Error(
            ErrorKind::Terminal,
            QStringLiteral("a single row is longer than %1 MiB (at byte %2 of the uncompressed data); Wharf reads "
                           "rows of at most that size, so that its memory stays bounded")
                .arg(kMaxWindow >> 20)
                .arg(m_position),
            SourceLocation{m_path, 0, 0, {}});
    if (wanted > m_cap) {
        grow(std::min(kMaxWindow, std::max(wanted, m_cap * 2)));
    } else if (m_pos > 0) {
        // The unconsumed tail is normally one partial row: cheap to move to the front.
        std::memmove(m_buf.get(), m_buf.get() + m_pos, m_end - m_pos);
        m_end -= m_pos;
        m_pos = 0;
    }
    while (m_end < wanted && !m_eof) {
        char *tail = m_buf.get() + m_end;
        const std::size_t room = m_cap - m_end;
        const std::size_t n = m_gzip ? inflateInto(tail, room) : readRaw(tail, room);
        m_end += n;
        if (n == 0)
            m_eof = true;
    }
    return m_end - m_pos;
}

bool InputStream::refillCompressed()
{
    const std::size_t n = readRaw(reinterpret_cast<char *>(m_zin.get()), m_zinCap);
    m_zs->next_in = m_zin.get();
    m_zs->avail_in = static_cast<uint32_t>(n);
    return n > 0;
}

namespace {

const char *isalError(int rc)
{
    switch (rc) {
    case ISAL_INVALID_BLOCK:
        return "invalid deflate block";
    case ISAL_INVALID_SYMBOL:
        return "invalid code";
    case ISAL_INVALID_LOOKBACK:
        return "invalid distance too far back";
    case ISAL_INVALID_WRAPPER:
        return "incorrect header";
    case ISAL_UNSUPPORTED_METHOD:
        return "unknown compression method";
    case ISAL_INCORRECT_CHECKSUM:
        return "incorrect data check";
    default:
        return "unknown error";
    }
}

} // namespace

std::size_t InputStream::inflateInto(char *into, std::size_t room)
{
    inflate_state &zs = *m_zs;
    zs.next_out = reinterpret_cast<uint8_t *>(into);
    zs.avail_out = static_cast<uint32_t>(std::min<std::size_t>(room, 0x40000000));
    const uint32_t offered = zs.avail_out;

    bool drainedAtEnd = false;
    while (zs.avail_out > 0) {
        if (zs.avail_in == 0 && !refillCompressed()) {
            // The file has ended. A member may still hold decoded bytes or the bits of its
            // trailer; one call without input flushes them. No progress then means truncation.
            if (!m_inMember || drainedAtEnd)
                break;
            drainedAtEnd = true;
        }
        if (!m_inMember) {
            // After a member's trailer: gzip tools tolerate zero padding; anything else must be
            // the next member, and the header check rejects it below if it is not.
            while (zs.avail_in > 0 && *zs.next_in == 0) {
                ++zs.next_in;
                --zs.avail_in;
            }
            if (zs.avail_in == 0)
                continue;
            uint8_t *next = zs.next_in;
            const uint32_t avail = zs.avail_in;
            isal_inflate_reset(&zs);
            zs.crc_flag = ISAL_GZIP;
            zs.next_in = next;
            zs.avail_in = avail;
            m_inMember = true;
        }
        const uint32_t outBefore = zs.avail_out;
        const int rc = isal_inflate(&zs);
        if (rc < 0)
            fail(QStringLiteral("corrupt gzip data: %1").arg(QLatin1String(isalError(rc))));
        if (zs.block_state == ISAL_BLOCK_FINISH) {
            m_inMember = false;
            drainedAtEnd = false;
            continue;
        }
        if (drainedAtEnd && zs.avail_out == outBefore)
            break;
    }

    const std::size_t produced = offered - zs.avail_out;
    if (produced == 0 && m_inMember)
        fail(QStringLiteral("truncated gzip data: the file ends in the middle of the compressed "
                            "stream (incomplete download or interrupted write?)"));
    return produced;
}

} // namespace wharf
