#pragma once

#include "formats/InputStream.h"

#include <QString>
#include <string_view>

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
