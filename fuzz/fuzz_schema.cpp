// libFuzzer target: schema.json parsing and everything the loader derives from a schema before
// any DDL (verification, table chains, dispositions, merge keys, DDL and merge SQL text).
#include "Error.h"
#include "destination/Capabilities.h"
#include "schema/Schema.h"
#include "schema/SchemaVerifier.h"
#include "sql/MergeSql.h"

#include <QByteArray>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace wharf;
    try {
        const Schema s = Schema::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)),
                                          QStringLiteral("fuzz/schema.json"));
        QStringList names;
        for (const Table &t : s.tables)
            names.append(t.name);
        Capabilities caps;
        try {
            verifySchema(s, caps, names);
        } catch (const Error &) {
        }
        for (const Table &t : s.tables) {
            (void)s.effectiveDisposition(t.name);
            const Table *root = s.rootOf(t.name);
            if (!root)
                continue;
            const QStringList chain = s.tableChain(root->name);
            for (const char *strategy : {"delete-insert", "upsert", "insert-only", "scd2"}) {
                try {
                    checkMergeChain(s, chain, QLatin1String(strategy));
                } catch (const Error &) {
                }
            }
        }
    } catch (const Error &) {
    }
    return 0;
}
