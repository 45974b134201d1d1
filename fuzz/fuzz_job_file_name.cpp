// libFuzzer target: job file names. Whatever parses must print back to the same name (a job
// never changes identity when it moves between folders).
#include "package/JobFileName.h"

#include <QString>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString name = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto parsed = wharf::JobFileName::tryParse(name)) {
        if (parsed->fileName() != name)
            std::abort();
        const auto again = wharf::JobFileName::tryParse(parsed->nextRetry().fileName());
        if (!again || again->retryCount != parsed->retryCount + 1 || again->jobId() != parsed->jobId())
            std::abort();
    }
    return 0;
}
