// libFuzzer target, built once per job file format (fuzz/CMakeLists.txt sets WHARF_FUZZ_FORMAT
// and WHARF_FUZZ_SUFFIX): the reader (plain or gzip) and the coercion of its values into every
// dlt type, as a load job runs them.
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString path = wharf::fuzz::writeInput(data, size, WHARF_FUZZ_SUFFIX);
    wharf::fuzz::readAndCoerce(
        path, wharf::FileFormat::WHARF_FUZZ_FORMAT,
        {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("value"), QStringLiteral("_dlt_id")});
    return 0;
}
