#include "WideTable.h"

#include "BenchData.h"
#include "BenchText.h"

#include <QDir>
#include <QFile>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace wharf::bench {

namespace {

struct ColumnDef {
    const char *name;
    const char *type; // dlt data type
    bool nullable;
};

const ColumnDef kColumns[] = {
    {"id", "bigint", false},
    {"node_id", "text", false},
    {"number", "bigint", false},
    {"title", "text", false},
    {"body", "text", true},
    {"state", "text", false},
    {"locked", "bool", false},
    {"comments", "bigint", false},
    {"created_at", "timestamp", false},
    {"updated_at", "timestamp", false},
    {"closed_at", "timestamp", true},
    {"author_association", "text", false},
    {"user__login", "text", false},
    {"user__id", "bigint", false},
    {"user__site_admin", "bool", false},
    {"reactions__total_count", "bigint", false},
    {"reactions__plus1", "bigint", false},
    {"score", "double", true},
    {"amount", "decimal", true},
    {"meta", "json", true},
    {"_dlt_load_id", "text", false},
    {"_dlt_id", "text", false},
};
constexpr int kColumnCount = int(sizeof kColumns / sizeof kColumns[0]);

const char *kWords[] = {"the",   "loader", "fails",   "when",   "a",        "package", "has",    "many",
                        "jobs",  "and",    "schema",  "column", "type",     "is",      "wrong",  "after",
                        "merge", "into",   "dataset", "with",   "postgres", "index",   "unique", "rows",
                        "it's",  "slow",   "fast",    "error",  "retry",    "timeout", "commit", "\"quoted\""};
constexpr unsigned kWordCount = sizeof kWords / sizeof kWords[0];

struct Row {
    std::string cells[kColumnCount]; // formatted for the target; `null` says which are NULL
    bool null[kColumnCount] = {};
    bool quoted[kColumnCount] = {}; // text-like: quoted in both formats
};

void words(std::string &out, Gen &g, int n)
{
    for (int k = 0; k < n; ++k) {
        if (k)
            out += (g.next() % 29 == 0) ? "\n" : " ";
        out += kWords[g.next() % kWordCount];
    }
}

std::string timestamp(unsigned long long secondsSince2015, unsigned micros)
{
    const long long t = 1420070400LL + (long long)secondsSince2015;
    const long long days = t / 86400;
    const long long rem = t % 86400;
    // civil from days (1970-01-01 epoch)
    long long z = days + 719468;
    const long long era = z / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const long long d = doy - (153 * mp + 2) / 5 + 1;
    const long long m = mp < 10 ? mp + 3 : mp - 9;
    const long long y = yoe + era * 400 + (m <= 2);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%06u+00:00", y, m, d, rem / 3600,
                  rem % 3600 / 60, rem % 60, micros);
    return buf;
}

void makeRow(Gen &g, qint64 i, const char *loadId, Row &r)
{
    for (int c = 0; c < kColumnCount; ++c) {
        r.cells[c].clear();
        r.null[c] = false;
        r.quoted[c] = false;
    }
    const unsigned long long x = g.next();
    const unsigned long long y = g.next();
    int c = 0;
    const auto put = [&](std::string v, bool quoted) {
        r.cells[c] = std::move(v);
        r.quoted[c] = quoted;
        ++c;
    };
    const auto putNull = [&] {
        r.null[c] = true;
        ++c;
    };
    put(std::to_string(1000000000 + i), false); // id
    char node[32];
    std::snprintf(node, sizeof node, "I_kwDOAB%08llX", (unsigned long long)(i * 40503ULL) & 0xFFFFFFFFULL);
    put(node, true);                   // node_id (GitHub's encode the number: little entropy)
    put(std::to_string(i + 1), false); // number
    std::string title;
    words(title, g, 4 + int(x % 6));
    put(title, true); // title
    if (x % 10 == 0) {
        putNull(); // body
    } else {
        std::string body;
        words(body, g, 3 + int((x >> 8) % 10));
        put(body, true);
    }
    const bool closed = (x >> 16) % 3 != 0;
    put(closed ? "closed" : "open", true);              // state
    put((x >> 18) % 17 == 0 ? "True" : "False", false); // locked
    put(std::to_string((x >> 20) % 50), false);         // comments
    const unsigned long long created = (y % 300000000ULL);
    put(timestamp(created, unsigned((y >> 30) % 1000000)), true);                       // created_at
    put(timestamp(created + (x >> 24) % 5000000, unsigned((x >> 40) % 1000000)), true); // updated_at
    if (closed)
        put(timestamp(created + (x >> 28) % 9000000, unsigned((y >> 40) % 1000000)), true); // closed_at
    else
        putNull();
    static const char *assoc[] = {"NONE", "CONTRIBUTOR", "MEMBER", "OWNER", "COLLABORATOR"};
    put(assoc[(x >> 32) % 5], true);                          // author_association
    put("user" + std::to_string((y >> 8) % 50000), true);     // user__login
    put(std::to_string((y >> 8) % 50000 * 37 + 1000), false); // user__id
    put((y >> 12) % 97 == 0 ? "True" : "False", false);       // user__site_admin
    const unsigned long long reactions = (y >> 20) % 12;
    put(std::to_string(reactions), false);     // reactions__total_count
    put(std::to_string(reactions / 2), false); // reactions__plus1
    if ((y >> 44) % 20 == 0) {
        putNull(); // score
    } else {
        char num[40];
        std::snprintf(num, sizeof num, "%.17g", double((long long)((y >> 24) % 2000000) - 1000000) / 128.0);
        put(num, false);
    }
    if ((y >> 50) % 8 == 0) {
        putNull(); // amount
    } else {
        char num[40];
        std::snprintf(num, sizeof num, "%lld.%09lld", (long long)((y >> 5) % 100000),
                      (long long)((x >> 9) % 1000000000));
        put(num, false);
    }
    if ((x >> 48) % 4 == 0)
        putNull(); // meta
    else
        put("{\"milestone\":" + std::to_string((x >> 50) % 40) + ",\"labels\":[\"bug\",\"p" +
                std::to_string((y >> 54) % 4) + "\"],\"draft\":false}",
            true);
    put(loadId, true);   // _dlt_load_id
    put(dltId(g), true); // _dlt_id
}

QString schemaJson()
{
    QString cols;
    for (int c = 0; c < kColumnCount; ++c) {
        const ColumnDef &d = kColumns[c];
        if (c)
            cols += QLatin1Char(',');
        cols += QStringLiteral(R"("%1":{"name":"%1","data_type":"%2","nullable":%3%4})")
                    .arg(QLatin1String(d.name), QLatin1String(d.type), d.nullable ? "true" : "false",
                         QLatin1String(d.name) == QLatin1String("_dlt_id") ? R"(,"unique":true,"row_key":true)" : "");
    }
    return QStringLiteral(
               R"({"version":1,"version_hash":"bench-wide-v1","engine_version":11,"name":"bench_wide","previous_hashes":[],"tables":{)"
               R"("_dlt_version":{"name":"_dlt_version","write_disposition":"skip","columns":{"version":{"name":"version","data_type":"bigint","nullable":false},"engine_version":{"name":"engine_version","data_type":"bigint","nullable":false},"inserted_at":{"name":"inserted_at","data_type":"timestamp","nullable":false},"schema_name":{"name":"schema_name","data_type":"text","nullable":false},"version_hash":{"name":"version_hash","data_type":"text","nullable":false},"schema":{"name":"schema","data_type":"text","nullable":false}}},)"
               R"("_dlt_loads":{"name":"_dlt_loads","write_disposition":"skip","columns":{"load_id":{"name":"load_id","data_type":"text","nullable":false,"precision":64},"schema_name":{"name":"schema_name","data_type":"text","nullable":true},"status":{"name":"status","data_type":"bigint","nullable":false},"inserted_at":{"name":"inserted_at","data_type":"timestamp","nullable":false},"schema_version_hash":{"name":"schema_version_hash","data_type":"text","nullable":true}}},)"
               R"("issues":{"name":"issues","write_disposition":"append","x-normalizer":{"seen-data":true},"columns":{%1}}}})")
        .arg(cols);
}

void writeInsertValuesRow(std::string &b, const Row &r, bool first)
{
    b += first ? "(" : ",\n(";
    for (int c = 0; c < kColumnCount; ++c) {
        if (c)
            b += ',';
        if (r.null[c])
            b += "NULL";
        else if (!r.quoted[c])
            b += r.cells[c];
        else if (kColumns[c].type == std::string_view("timestamp"))
            b += '\'' + r.cells[c] + '\'';
        else
            sqlString(b, r.cells[c]);
    }
    b += ')';
}

void writeInsertValuesHeader(std::string &b)
{
    b += "INSERT INTO {}(";
    for (int c = 0; c < kColumnCount; ++c) {
        if (c)
            b += ',';
        b += '"';
        b += kColumns[c].name;
        b += '"';
    }
    b += ")\nVALUES\n";
}

} // namespace

qint64 writeWidePackage(const QString &root, qint64 rows, int jobs, const QString &loadId)
{
    const QString pkg = startPackage(root, loadId, schemaJson(), QStringLiteral("bench_wide"));

    jobs = int(std::max<qint64>(1, std::min<qint64>(jobs, rows)));
    const QByteArray load = loadId.toUtf8();
    Gen g;
    Row r;
    qint64 total = 0;
    qint64 done = 0;
    for (int j = 0; j < jobs; ++j) {
        const qint64 inJob = rows / jobs + (j < rows % jobs ? 1 : 0);
        const QString name = QStringLiteral("new_jobs/issues.%1.0.insert_values.gz").arg(j, 10, 10, QLatin1Char('0'));
        Sink sink(QDir(pkg).filePath(name), true);
        std::string &b = sink.buf();
        writeInsertValuesHeader(b);
        for (qint64 k = 0; k < inJob; ++k) {
            makeRow(g, done + k, load.constData(), r);
            writeInsertValuesRow(b, r, k == 0);
            sink.maybeFlush();
        }
        b += ';';
        done += inJob;
        total += sink.uncompressedBytes();
    }
    return total;
}

qint64 writeWideCsv(const QString &path, qint64 rows, const QString &loadId)
{
    Sink sink(path, false);
    std::string &b = sink.buf();
    for (int c = 0; c < kColumnCount; ++c) {
        if (c)
            b += ',';
        b += kColumns[c].name;
    }
    b += '\n';
    const QByteArray load = loadId.toUtf8();
    Gen g;
    Row r;
    for (qint64 i = 0; i < rows; ++i) {
        makeRow(g, i, load.constData(), r);
        for (int c = 0; c < kColumnCount; ++c) {
            if (c)
                b += ',';
            if (!r.null[c]) {
                if (r.quoted[c])
                    csvField(b, r.cells[c]);
                else
                    b += r.cells[c];
            }
        }
        b += '\n';
        sink.maybeFlush();
    }
    return sink.uncompressedBytes();
}

QStringList wideNullableColumns()
{
    QStringList out;
    for (const ColumnDef &d : kColumns)
        if (d.nullable)
            out.append(QLatin1String(d.name));
    return out;
}

QString wideFingerprintSql(const QString &schema)
{
    return QStringLiteral(
               "SELECT concat_ws(' ', count(*), count(body), count(closed_at), count(score), count(amount), "
               "count(meta), sum(id), sum(number), sum(comments), sum(user__id), sum(reactions__total_count), "
               "sum(reactions__plus1), sum(score), sum(amount), count(*) FILTER (WHERE locked), "
               "count(*) FILTER (WHERE user__site_admin), sum(extract(epoch FROM created_at)), "
               "sum(extract(epoch FROM updated_at)), sum(extract(epoch FROM closed_at)), "
               "sum(hashtext(node_id)::bigint), sum(hashtext(title)::bigint), sum(hashtext(body)::bigint), "
               "sum(hashtext(state || author_association || user__login)::bigint), "
               "sum(hashtext(meta::text)::bigint), sum(hashtext(_dlt_id)::bigint), min(_dlt_load_id), "
               "max(_dlt_load_id)) FROM %1.issues")
        .arg(schema);
}

} // namespace wharf::bench
