// libFuzzer target: PostgreSQL's COPY text encoder on whatever the readers produce (typed-jsonl
// carries every value kind), for a column of every dlt type in both encodings.
#include "Error.h"
#include "FuzzSupport.h"
#include "PgCopyEncoder.h"
#include "formats/RowReader.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace wharf;
    static const DataType types[] = {DataType::Text,   DataType::Double, DataType::Bool, DataType::Timestamp,
                                     DataType::Bigint, DataType::Binary, DataType::Json, DataType::Decimal};
    const QString path = fuzz::writeInput(data, size, "typed-jsonl");
    try {
        ReaderOptions options;
        options.tableColumns = {QStringLiteral("a")};
        auto reader = openRowReader(path, FileFormat::TypedJsonl, options);
        RowBatch batch;
        std::string out;
        while (reader->readBatch(batch)) {
            for (const DataType t : types) {
                for (const bool literals : {false, true}) {
                    Column c;
                    c.name = QStringLiteral("a");
                    c.dataType = t;
                    postgres::PgCopyEncoder::Options o;
                    o.sqlLiterals = literals;
                    o.jsonSource = !literals;
                    postgres::PgCopyEncoder encoder({c}, o);
                    for (std::size_t r = 0; r < batch.rowCount(); ++r) {
                        try {
                            encoder.appendRow(batch.row(r), out);
                        } catch (const Error &) {
                        }
                    }
                    out.clear();
                }
            }
        }
    } catch (const Error &) {
    }
    return 0;
}
