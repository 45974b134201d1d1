// libFuzzer target: connection strings (dlt's credentials URLs). A parsed password never shows
// in the display form.
#include "Error.h"
#include "config/ConnectionString.h"

#include <QString>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    try {
        const wharf::ConnectionString cs = wharf::ConnectionString::parse(text);
        const QString shown = cs.toDisplayString();
        // Where a URL carries the password (":<password>@"), the display form has "***". The
        // same letters may stand elsewhere (a scheme or host that happens to contain them).
        if (cs.password && !cs.password->isEmpty() &&
            shown.contains(QLatin1Char(':') + *cs.password + QLatin1Char('@')))
            std::abort();
    } catch (const wharf::Error &) {
    }
    return 0;
}
