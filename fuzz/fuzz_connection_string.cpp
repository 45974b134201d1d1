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
        if (cs.password && cs.password->size() >= 6 && shown.contains(*cs.password) &&
            !cs.username.contains(*cs.password) && !cs.host.contains(*cs.password) &&
            !cs.database.contains(*cs.password))
            std::abort();
    } catch (const wharf::Error &) {
    }
    return 0;
}
