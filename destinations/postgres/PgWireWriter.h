#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace wharf::postgres {

/// The bytes of one binary COPY row while they are built: big-endian integers and byte runs
/// appended through a pointer, with one capacity check each and no library call. The storage
/// is kept between rows; view() is what the row adds to the COPY stream.
class PgWireWriter {
public:
    void clear() { m_size = 0; }
    /// Gives the storage back when it grew past `keep` bytes (one huge value), so that it is
    /// not held for the rest of the job.
    void shrinkTo(std::size_t keep)
    {
        if (m_buf.size() > keep) {
            std::string().swap(m_buf);
            m_size = 0;
        }
    }
    std::string_view view() const { return {m_buf.data(), m_size}; }

    /// A pointer to `n` writable bytes at the end; advance() then says how many were written.
    char *room(std::size_t n)
    {
        if (m_buf.size() - m_size < n) [[unlikely]]
            grow(n);
        return m_buf.data() + m_size;
    }
    void advance(std::size_t n) { m_size += n; }

    void put8(std::uint8_t v)
    {
        *room(1) = char(v);
        ++m_size;
    }
    void put16(std::uint16_t v)
    {
        char *p = room(2);
        p[0] = char(v >> 8);
        p[1] = char(v);
        m_size += 2;
    }
    void put32(std::uint32_t v)
    {
        char *p = room(4);
        p[0] = char(v >> 24);
        p[1] = char(v >> 16);
        p[2] = char(v >> 8);
        p[3] = char(v);
        m_size += 4;
    }
    void put64(std::uint64_t v)
    {
        put32(std::uint32_t(v >> 32));
        put32(std::uint32_t(v));
    }
    void putBytes(std::string_view bytes)
    {
        if (!bytes.empty())
            std::memcpy(room(bytes.size()), bytes.data(), bytes.size());
        m_size += bytes.size();
    }
    /// A field: its length, then its bytes.
    void putField(std::string_view bytes)
    {
        put32(std::uint32_t(bytes.size()));
        putBytes(bytes);
    }

private:
    [[gnu::noinline]] void grow(std::size_t n) { m_buf.resize(std::max(m_buf.size() * 2, m_size + n + 512)); }

    std::string m_buf; ///< its size is the capacity; m_size bytes are written
    std::size_t m_size = 0;
};

} // namespace wharf::postgres
