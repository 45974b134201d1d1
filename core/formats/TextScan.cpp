#include "formats/TextScan.h"

#include "Error.h"

#include <cstdint>
#include <cstring>

namespace wharf {

void LinePosition::consume(InputStream &in, const char *upTo)
{
    const char *begin = in.data();
    const char *lastNewline = nullptr;
    const char *q = begin;
    while (q < upTo) {
        const void *nl = std::memchr(q, '\n', std::size_t(upTo - q));
        if (!nl)
            break;
        lastNewline = static_cast<const char *>(nl);
        ++line;
        q = lastNewline + 1;
    }
    if (lastNewline)
        lineStart = in.position() + (lastNewline + 1 - begin);
    in.consume(std::size_t(upTo - begin));
}

void LinePosition::fail(const InputStream &in, const char *at, const QString &message) const
{
    const char *begin = in.data();
    qint64 l = line;
    qint64 start = lineStart;
    for (const char *q = begin; q < at; ++q) {
        if (*q == '\n') {
            ++l;
            start = in.position() + (q + 1 - begin);
        }
    }
    const qint64 column = in.position() + (at - begin) - start + 1;
    throw Error(ErrorKind::Terminal, message, SourceLocation{in.path(), l, column, {}});
}

const char *textProblem(std::string_view text)
{
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const auto *const end = p + text.size();
    while (p < end) {
        // Eight ASCII bytes at once: no high bit set and no zero byte among them.
        if (end - p >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            const bool ascii = (w & 0x8080808080808080ULL) == 0;
            const bool zero = ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0;
            if (ascii && !zero) {
                p += 8;
                continue;
            }
        }
        const unsigned char c = *p;
        if (c == 0)
            return "a NUL byte";
        if (c < 0x80) {
            ++p;
            continue;
        }
        // RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
        int n = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return "invalid UTF-8";
        }
        if (end - p <= n)
            return "invalid UTF-8";
        for (int k = 1; k <= n; ++k) {
            if ((p[k] & 0xC0) != 0x80)
                return "invalid UTF-8";
            cp = (cp << 6) | (p[k] & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return "invalid UTF-8";
        p += n + 1;
    }
    return nullptr;
}

} // namespace wharf
