#pragma once

#include "formats/InputStream.h"

#include <QString>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wharf {

/// Character tests shared by the parsers (ASCII only, locale-free).
inline bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Value of a hex digit, or -1.
inline int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// The first byte in [p, end) that is `a` or `b`, or `end`. Reads whole 16-byte blocks, so up
/// to 15 bytes past `end`: only for an InputStream's window, which has kPadding bytes after it.
inline const char *findEither(const char *p, const char *end, char a, char b)
{
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8(a);
    const __m128i vb = _mm_set1_epi8(b);
    for (; p < end; p += 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, va), _mm_cmpeq_epi8(block, vb)));
        if (mask) {
            const char *hit = p + __builtin_ctz(unsigned(mask));
            return hit < end ? hit : end;
        }
    }
    return end;
#else
    for (; p < end; ++p)
        if (*p == a || *p == b)
            return p;
    return end;
#endif
}

/// Why `text` cannot be stored as text by a database that keeps UTF-8 (PostgreSQL refuses both):
/// "a NUL byte", "invalid UTF-8", or nullptr when it can. ASCII runs are checked a word at a time.
const char *textProblem(std::string_view text);

/// Where the unconsumed part of an InputStream starts: 1-based line and the stream offset of
/// that line's first byte. Parsers count lines only when they consume (cheap, with memchr);
/// a column is computed only when an error is reported.
struct LinePosition {
    qint64 line = 1;
    qint64 lineStart = 0;

    /// Consumes the stream's window up to `upTo`, counting the line breaks in it.
    void consume(InputStream &in, const char *upTo);
    /// Throws Error(Terminal) for the byte at `at` (inside the current window) with its
    /// file, line and column.
    [[noreturn]] void fail(const InputStream &in, const char *at, const QString &message) const;
};

} // namespace wharf
