// libFuzzer target: InputStream's gzip framing (magic sniffing, concatenated members, truncated
// and corrupt streams) and its window growth for long lines.
#include "Error.h"
#include "FuzzSupport.h"
#include "formats/InputStream.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString path = wharf::fuzz::writeInput(data, size, "gz");
    try {
        wharf::InputStream in(path, 4096);
        std::string_view line;
        // Alternate the two ways parsers consume: whole lines and fixed windows.
        for (bool byLine = true; in.fill(in.available() + 1) > 0; byLine = !byLine) {
            if (byLine) {
                const std::size_t n = in.peekLine(line);
                in.consume(n > 0 ? n : in.available());
            } else {
                in.consume(in.available());
            }
        }
    } catch (const wharf::Error &) {
    }
    return 0;
}
