// libFuzzer target: JSON text rewritten as Python's json.dumps writes it (SQLite json columns).
// Whatever is accepted must come out as JSON that Qt parses, and rewriting that again must
// change nothing.
#include "formats/PythonJson.h"

#include <QJsonDocument>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view in(reinterpret_cast<const char *>(data), size);
    std::string out;
    if (!wharf::toPythonJson(in, out))
        return 0;
    QJsonParseError error{};
    QJsonDocument::fromJson(QByteArray::fromStdString(out), &error);
    // Qt takes only objects and arrays at the top; a scalar document is checked by the rewrite.
    if (error.error != QJsonParseError::NoError && (out.front() == '{' || out.front() == '['))
        std::abort();
    std::string again;
    if (!wharf::toPythonJson(out, again) || again != out)
        std::abort();
    return 0;
}
