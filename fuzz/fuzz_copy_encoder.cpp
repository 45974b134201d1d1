// libFuzzer target: PostgreSQL's COPY encoders, text and binary, on whatever the readers produce
// (typed-jsonl carries every value kind), for a column of every dlt type in both encodings and
// every binary form it can take; and the binary numeric parser on the raw input.
#include "Error.h"
#include "FuzzSupport.h"
#include "PgBinaryEncoder.h"
#include "PgCopyEncoder.h"
#include "formats/RowReader.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace wharf;
    static const DataType types[] = {DataType::Text,   DataType::Double, DataType::Bool, DataType::Timestamp,
                                     DataType::Bigint, DataType::Binary, DataType::Json, DataType::Decimal,
                                     DataType::Date,   DataType::Time,   DataType::Wei};
    using postgres::PgWire;
    static const PgWire wires[] = {PgWire::Int2,  PgWire::Int4, PgWire::Int8,        PgWire::Float8,
                                   PgWire::Bool,  PgWire::Text, PgWire::Timestamptz, PgWire::Timestamp,
                                   PgWire::Date,  PgWire::Time, PgWire::Numeric,     PgWire::Json,
                                   PgWire::Jsonb, PgWire::Bytea};
    {
        std::string numeric;
        postgres::PgBinaryEncoder::appendNumeric(numeric, std::string_view(reinterpret_cast<const char *>(data), size));
    }
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
                    // Every binary form this type has here.
                    for (const PgWire w : wires) {
                        static const char *names[] = {"int2",    "int4",        "int8",      "float8", "bool",
                                                      "text",    "timestamptz", "timestamp", "date",   "time",
                                                      "numeric", "json",        "jsonb",     "bytea"};
                        if (postgres::binaryWireFor(t, QLatin1String(names[int(w)])) != w)
                            continue;
                        postgres::PgBinaryEncoder binary({c}, {w}, o);
                        for (std::size_t r = 0; r < batch.rowCount(); ++r) {
                            try {
                                binary.appendRow(batch.row(r), out);
                            } catch (const Error &) {
                            }
                        }
                        out.clear();
                    }
                }
            }
        }
    } catch (const Error &) {
    }
    return 0;
}
