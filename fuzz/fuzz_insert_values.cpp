// libFuzzer target: the insert_values reader (plain or gzip) and the coercion of its values into every
// dlt type, as a load job runs them.
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString path = wharf::fuzz::writeInput(data, size, "insert_values");
    wharf::fuzz::readAndCoerce(
        path, wharf::FileFormat::InsertValues,
        {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("value"), QStringLiteral("_dlt_id")});
    return 0;
}
