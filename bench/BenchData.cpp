#include "BenchData.h"
#include "BenchText.h"

#include <QDir>
#include <QFile>
#include <cstdio>
#include <string>
#include <string_view>
#include <zlib.h>

namespace wharf::bench {

namespace {

const char *kLoadId = "1800000001.000001";

struct Row {
    long long id;
    std::string name;
    double amount;
    bool flag;
    std::string createdAt;
    std::string price;
    std::string payload;
    bool noteNull;
    std::string note;
    std::string dltId;
};

} // namespace

std::string dltId(Gen &g)
{
    // As dlt's normalizer makes them: 10 random bytes in base64 without the padding, so that
    // the UNIQUE index on _dlt_id gets keys in random order (as on a real load).
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned long long a = g.next();
    const unsigned long long b = g.next();
    std::string id(14, 'A');
    for (int k = 0; k < 14; ++k)
        id[std::size_t(k)] = alphabet[((k < 10 ? a >> (6 * k) : b >> (6 * (k - 10)))) & 63];
    return id;
}

namespace {

void makeRow(Gen &g, long long i, Row &r)
{
    static const char *names[] = {"O'Brien, Patrick",         "Zoë \"the\" Zebra", "plain name",
                                  "日本語 テキスト",          "back\\slash",       "multi\nline, text",
                                  "d'Artagnan; \"musketeer\""};
    const unsigned long long x = g.next();
    r.id = i;
    r.name = names[x % 7];
    r.name += " #";
    r.name += std::to_string(i);
    r.amount = double(static_cast<long long>(x % 2000000) - 1000000) / 64.0;
    r.flag = (x >> 20) & 1;
    char ts[40];
    std::snprintf(ts, sizeof ts, "20%02d-%02d-%02dT%02d:%02d:%02d.%06d+00:00", int(10 + x % 15), int(1 + (x >> 8) % 12),
                  int(1 + (x >> 12) % 28), int((x >> 16) % 24), int((x >> 24) % 60), int((x >> 30) % 60),
                  int((x >> 36) % 1000000));
    r.createdAt = ts;
    char price[40];
    std::snprintf(price, sizeof price, "%lld.%09lld", (long long)((x >> 5) % 100000),
                  (long long)((x >> 9) % 1000000000));
    r.price = price;
    r.payload = "{\"k\":" + std::to_string(x % 1000) + ",\"tags\":[\"a\",\"b\"],\"ok\":true}";
    r.noteNull = (x >> 40) % 3 == 0;
    r.note = r.noteNull ? std::string() : "note " + std::to_string(x % 97);
    r.dltId = dltId(g);
}

const char *kColumns[] = {"id",    "name",    "amount", "flag",         "created_at",
                          "price", "payload", "note",   "_dlt_load_id", "_dlt_id"};

void writeCsvRows(Sink &sink, qint64 rows)
{
    std::string &b = sink.buf();
    for (int c = 0; c < 10; ++c) {
        if (c)
            b += ',';
        b += '"';
        b += kColumns[c];
        b += '"';
    }
    b += '\n';
    Gen g;
    Row r;
    char num[64];
    for (qint64 i = 0; i < rows; ++i) {
        makeRow(g, i, r);
        b += std::to_string(r.id);
        b += ',';
        csvField(b, r.name);
        std::snprintf(num, sizeof num, ",%.17g,", r.amount);
        b += num;
        b += r.flag ? "True," : "False,";
        csvField(b, r.createdAt);
        b += ',';
        csvField(b, r.price);
        b += ',';
        csvField(b, r.payload);
        b += ',';
        csvField(b, r.note); // "" for NULL, as dlt writes it
        b += ',';
        csvField(b, kLoadId);
        b += ',';
        csvField(b, r.dltId);
        b += '\n';
        sink.maybeFlush();
    }
}

void writeInsertValues(Sink &sink, qint64 rows)
{
    std::string &b = sink.buf();
    b += "INSERT INTO {}(";
    for (int c = 0; c < 10; ++c) {
        if (c)
            b += ',';
        b += '"';
        b += kColumns[c];
        b += '"';
    }
    b += ")\nVALUES\n";
    Gen g;
    Row r;
    char num[64];
    for (qint64 i = 0; i < rows; ++i) {
        makeRow(g, i, r);
        b += i ? ",\n(" : "(";
        b += std::to_string(r.id);
        b += ',';
        sqlString(b, r.name);
        std::snprintf(num, sizeof num, ",%.17g,", r.amount);
        b += num;
        b += r.flag ? "True,'" : "False,'";
        b += r.createdAt;
        b += "',";
        b += r.price;
        b += ',';
        sqlString(b, r.payload);
        b += ',';
        if (r.noteNull)
            b += "NULL";
        else
            sqlString(b, r.note);
        b += ',';
        sqlString(b, kLoadId);
        b += ',';
        sqlString(b, r.dltId);
        b += ')';
        sink.maybeFlush();
    }
    b += ';';
}

// dlt's jsonl (spec 7.4): one object per line as its normalizer leaves rows — timestamps as ISO
// strings with an offset, decimals as JSON strings, json columns as nested JSON, floats with a
// fraction part, and a None value left out of the row.
void writeJsonl(Sink &sink, qint64 rows)
{
    std::string &b = sink.buf();
    Gen g;
    Row r;
    char num[64];
    for (qint64 i = 0; i < rows; ++i) {
        makeRow(g, i, r);
        b += "{\"id\":";
        b += std::to_string(r.id);
        b += ",\"name\":";
        jsonString(b, r.name);
        const int len = std::snprintf(num, sizeof num, "%.17g", r.amount);
        b += ",\"amount\":";
        b.append(num, std::size_t(len));
        if (std::string_view(num, std::size_t(len)).find_first_of(".e") == std::string_view::npos)
            b += ".0";
        b += r.flag ? ",\"flag\":true" : ",\"flag\":false";
        b += ",\"created_at\":\"";
        b += r.createdAt;
        b += "\",\"price\":\"";
        b += r.price;
        b += "\",\"payload\":";
        b += r.payload;
        if (!r.noteNull) {
            b += ",\"note\":";
            jsonString(b, r.note);
        }
        b += ",\"_dlt_load_id\":\"";
        b += kLoadId;
        b += "\",\"_dlt_id\":\"";
        b += r.dltId;
        b += "\"}\n";
        sink.maybeFlush();
    }
}

QString schemaJson()
{
    return QStringLiteral(
        R"({"version":1,"version_hash":"bench-v1","engine_version":11,"name":"bench","tables":{)"
        R"("_dlt_version":{"name":"_dlt_version","write_disposition":"skip","columns":{"version":{"name":"version","data_type":"bigint","nullable":false},"engine_version":{"name":"engine_version","data_type":"bigint","nullable":false},"inserted_at":{"name":"inserted_at","data_type":"timestamp","nullable":false},"schema_name":{"name":"schema_name","data_type":"text","nullable":false},"version_hash":{"name":"version_hash","data_type":"text","nullable":false},"schema":{"name":"schema","data_type":"text","nullable":false}}},)"
        R"("_dlt_loads":{"name":"_dlt_loads","write_disposition":"skip","columns":{"load_id":{"name":"load_id","data_type":"text","nullable":false,"precision":64},"schema_name":{"name":"schema_name","data_type":"text","nullable":true},"status":{"name":"status","data_type":"bigint","nullable":false},"inserted_at":{"name":"inserted_at","data_type":"timestamp","nullable":false},"schema_version_hash":{"name":"schema_version_hash","data_type":"text","nullable":true}}},)"
        R"("bench_rows":{"name":"bench_rows","write_disposition":"append","x-normalizer":{"seen-data":true},"columns":{)"
        R"("id":{"name":"id","data_type":"bigint","nullable":false},"name":{"name":"name","data_type":"text","nullable":true},)"
        R"("amount":{"name":"amount","data_type":"double","nullable":true},"flag":{"name":"flag","data_type":"bool","nullable":true},)"
        R"("created_at":{"name":"created_at","data_type":"timestamp","nullable":true},"price":{"name":"price","data_type":"decimal","nullable":true},)"
        R"("payload":{"name":"payload","data_type":"json","nullable":true},"note":{"name":"note","data_type":"text","nullable":true},)"
        R"("_dlt_load_id":{"name":"_dlt_load_id","data_type":"text","nullable":false},"_dlt_id":{"name":"_dlt_id","data_type":"text","nullable":false,"unique":true,"row_key":true}}}}})");
}

} // namespace

QString createTableSql()
{
    return QStringLiteral("CREATE TABLE bench_rows (id BIGINT NOT NULL, name TEXT, amount DOUBLE, flag BOOLEAN, "
                          "created_at DATETIME, price NUMERIC(38, 9), payload JSON, note TEXT, "
                          "_dlt_load_id TEXT NOT NULL, _dlt_id VARCHAR(128) NOT NULL);");
}

QString postgresCreateTableSql(const QString &schema)
{
    return QStringLiteral("CREATE TABLE %1.bench_rows (id bigint NOT NULL, name varchar, amount double "
                          "precision, "
                          "flag boolean, created_at timestamp with time zone, price numeric(38,9), payload "
                          "jsonb, "
                          "note varchar, _dlt_load_id varchar NOT NULL, _dlt_id varchar UNIQUE NOT NULL)")
        .arg(schema);
}

QString writePackage(const QString &root, qint64 rows, const QString &format, bool gzip, qint64 *uncompressedBytes)
{
    const QString pkg = startPackage(root, QLatin1String(kLoadId), schemaJson(), QStringLiteral("bench"));
    QString name = QStringLiteral("bench_rows.0000000001.0.") + format;
    if (gzip)
        name += QStringLiteral(".gz");
    Sink sink(QDir(pkg).filePath(QStringLiteral("new_jobs/") + name), gzip);
    if (format == QLatin1String("csv"))
        writeCsvRows(sink, rows);
    else if (format == QLatin1String("jsonl"))
        writeJsonl(sink, rows);
    else
        writeInsertValues(sink, rows);
    if (uncompressedBytes)
        *uncompressedBytes = sink.uncompressedBytes();
    return root;
}

qint64 writePlainCsv(const QString &path, qint64 rows)
{
    Sink sink(path, false);
    writeCsvRows(sink, rows);
    return sink.uncompressedBytes();
}

} // namespace wharf::bench
