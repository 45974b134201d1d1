#include "formats/TextScan.h"

#include "Error.h"

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

} // namespace wharf
