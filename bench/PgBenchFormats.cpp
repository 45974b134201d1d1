// The formats case of wharf_bench_postgres: one mixed-type table (bench_rows) as csv,
// insert_values and jsonl, plain and gzip, each loaded into a new dataset, beside `\copy` of
// the same rows into the same DDL.
#include "BenchData.h"
#include "PgBenchCases.h"
#include "PgBenchSupport.h"

#include <QDir>
#include <QFile>

namespace wharf::bench::pg {

namespace {

// The columns a dlt csv may leave empty for NULL: COPY's FORCE_NULL list, as dlt's postgres
// csv job passes it, so that `\copy` loads the same values as Wharf.
const QStringList kNullableColumns = {QStringLiteral("name"),       QStringLiteral("amount"), QStringLiteral("flag"),
                                      QStringLiteral("created_at"), QStringLiteral("price"),  QStringLiteral("payload"),
                                      QStringLiteral("note")};

QString fingerprintSql(const QString &schema)
{
    return QStringLiteral("SELECT concat_ws(' ', count(*), count(name), count(note), sum(id), "
                          "sum(amount), sum(price), "
                          "count(*) FILTER (WHERE flag), sum(extract(epoch FROM created_at)), "
                          "sum(hashtext(name)::bigint), sum(hashtext(note)::bigint), "
                          "sum(hashtext(payload::text)::bigint), "
                          "sum(hashtext(_dlt_id)::bigint), min(_dlt_load_id), max(_dlt_load_id)) FROM "
                          "%1.bench_rows")
        .arg(schema);
}

struct FormatVariant {
    Variant v;
    QString format; // empty: the \copy baseline
    bool gzip = false;
    bool insertMethod = false;
    QString root;
};

} // namespace

int runFormatsCase(const Settings &s, qint64 rows, bool insertMethod)
{
    std::printf("\n== formats: bench_rows (10 columns) as csv, insert_values and jsonl, into a new dataset ==\n");
    std::vector<FormatVariant> variants(1);
    variants[0].v.label = QStringLiteral("psql \\copy (csv)");
    const QString csv = QDir(s.work).filePath(QStringLiteral("bench_%1.csv").arg(rows));
    variants[0].v.dataBytes = writePlainCsv(csv, rows);
    const auto add = [&](const char *label, const char *format, bool gzip, bool insert = false) {
        FormatVariant f;
        f.v.label = QLatin1String(label);
        f.format = QLatin1String(format);
        f.gzip = gzip;
        f.insertMethod = insert;
        f.root = QDir(s.work).filePath(
            QStringLiteral("pkg_%1_%2%3%4").arg(rows).arg(f.format, gzip ? "_gz" : "", insert ? "_insert" : ""));
        writePackage(f.root, rows, f.format, gzip, &f.v.dataBytes);
        variants.push_back(f);
    };
    add("wharf load csv", "csv", false);
    add("wharf load csv.gz", "csv", true);
    add("wharf load insert_values", "insert_values", false);
    add("wharf load insert_values.gz", "insert_values", true);
    add("wharf load jsonl", "jsonl", false);
    add("wharf load jsonl.gz", "jsonl", true);
    if (insertMethod)
        add("wharf load insert_values.gz (insert)", "insert_values", true, true);

    int failures = 0;
    QString expected;
    for (int rep = 0; rep < s.repeat; ++rep) {
        for (std::size_t i = 0; i < variants.size(); ++i) {
            FormatVariant &f = variants[i];
            const QString schema = QStringLiteral("%1_f%2_%3").arg(s.prefix).arg(rows).arg(i);
            if (!runSql(s, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema)))
                return failures + 1;
            Measured m;
            if (f.format.isEmpty()) {
                if (!runSql(s, QStringLiteral("CREATE SCHEMA %1; ").arg(schema) + postgresCreateTableSql(schema)))
                    return failures + 1;
                m = copyWithPsql(s, schema, QStringLiteral("bench_rows"), csv, kNullableColumns);
            } else {
                QMap<QString, QString> env;
                if (f.insertMethod)
                    env.insert(QStringLiteral("DESTINATION__POSTGRES__LOAD_METHOD"), QStringLiteral("insert"));
                m = loadWithWharf(s, f.root, schema, env);
            }
            failures += finishRun(s, fingerprintSql(schema), schema, rows, rep, f.v, expected, m);
        }
    }
    std::vector<Variant> table;
    for (const FormatVariant &f : variants)
        table.push_back(f.v);
    printTable(table, rows, "vs \\copy");
    if (!s.keep) {
        for (const FormatVariant &f : variants)
            if (!f.root.isEmpty())
                QDir(f.root).removeRecursively();
        QFile::remove(csv);
    }
    return failures;
}

} // namespace wharf::bench::pg
