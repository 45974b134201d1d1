// Issue 13: rows Wharf parses go to PostgreSQL as COPY binary. The binary path must store the
// very values the text path stores (and, for insert_values, what executing dlt's INSERT stores):
// every dlt type, NULLs, the extremes of each type, NaN and the infinities, fractions of
// seconds that round, offsets, precision hints, bytea in both of its text forms.
#include "LoadTarget.h"
#include "PgTestSupport.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf;
using namespace wharf::test;

namespace {

const QString kLoadId = QStringLiteral("1800000000.000001");

const char *kHeader =
    "INSERT INTO {}(\"col_text\",\"col_bigint\",\"col_double\",\"col_bool\",\"col_ts\",\"col_ts_naive\",\"col_date\","
    "\"col_time\",\"col_decimal\",\"col_wei\",\"col_json\",\"col_binary\",\"col_required\",\"col_small\",\"col_int\","
    "\"col_ts3\",\"col_time3\",\"_dlt_load_id\",\"_dlt_id\")\nVALUES\n";

// One row per line: the extremes and the awkward cases of every column.
const char *kInsertRows[] = {
    "(E'tab\\there, newline\\nthere, back\\\\slash',9223372036854775807,1.7976931348623157e308,True,"
    "'9999-12-31T23:59:59.999999+00:00','9999-12-31T23:59:59.999999','9999-12-31','23:59:59.999999',"
    "99999999999999999999999999999.999999999,1157920892373161954235709850086879078532699846656405640394575840079131,"
    "E'{\"a\":[1,2,{\"b\":null}],\"u\":\"Zo\\u00eb\"}','\\x00ff10',E'r1',32767,2147483647,'2024-01-01T12:00:00.1235+05:"
    "30',"
    "'12:34:56.7895',E'1800000000.000001',E'x_01')",
    "(E'',-9223372036854775808,-0.0,False,'0001-01-01T00:00:00+00:00','0001-01-01T00:00:00','0001-01-01',"
    "'00:00:00',-0.000000001,0,E'[]','\\x',E'r2',-32768,-2147483648,'2024-01-01T12:00:00.1234999Z','00:00:00.0005',"
    "E'1800000000.000001',E'x_02')",
    "(E'Zo\\u00eb 日本語 \"quoted\" ''single''',0,5e-324,NULL,'2024-02-29','2024-02-29','2024-02-29T10:00:00+02:00',"
    "'10:00:00+02:00',1e10,1,E'\"just a string\"',E'\\\\001\\\\\\\\a',E'r3',0,0,'2024-01-01T23:59:59.9999999Z',"
    "'23:59:59.9999',E'1800000000.000001',E'x_03')",
    "(NULL,NULL,'NaN',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,E'r4',NULL,NULL,NULL,NULL,E'1800000000.000001',"
    "E'x_04')",
    "(E'x',1,'Infinity',True,'2024-04-05T09:16:59.942779-08:00','2024-04-05T09:16:59.942779-08:00','1970-01-01',"
    "'09:16:59.123456',1.5E-3,42,E'true',E'\\\\x41',E'r5',1,1,'1969-12-31T23:59:59.9995+00:00','12:00',"
    "E'1800000000.000001',E'x_05')",
    "(E'y',-1,'-Infinity',False,'2000-01-01 00:00:00','2000-01-01 00:00:00','2000-01-01','00:00:01',-0,"
    "0000,E'3.5',E'\\\\x',E'r6',-1,-1,'2000-01-01T00:00:00.0000005Z','00:00:00.9999995',E'1800000000.000001',"
    "E'x_06')",
};

const char *kJsonlRows[] = {
    R"({"col_text":"line\nbreak \\ and \t tab","col_bigint":9223372036854775807,"col_double":-0.0,"col_bool":true,)"
    R"("col_ts":"2024-04-05T09:16:59.942779+02:00","col_ts_naive":"2024-04-05T09:16:59.942779+02:00",)"
    R"("col_date":"2024-04-05","col_time":"09:16:59.1234567","col_decimal":"-12345678901234567890123456789.123456789",)"
    R"("col_wei":"115792089237316195423570985008687907853269984665640564039457584007913129639935",)"
    R"("col_json":{"a":1,"b":[true,null,"x"]},"col_binary":"aGVsbG8=","col_required":"j1","col_small":-32768,)"
    R"("col_int":2147483647,"col_ts3":"2024-01-01T00:00:00.0005Z","col_time3":"23:59:59.9996",)"
    R"("_dlt_load_id":"1800000000.000001","_dlt_id":"j_01"})",
    R"({"col_text":"","col_double":1e+20,"col_json":"a json string","col_decimal":"1E+10","col_binary":"",)"
    R"("col_required":"j2","_dlt_load_id":"1800000000.000001","_dlt_id":"j_02"})",
    R"({"col_double":0.1,"col_json":[1,2.50,"z"],"col_decimal":"0.0000000005","col_required":"j3",)"
    R"("col_bigint":-9223372036854775808,"_dlt_load_id":"1800000000.000001","_dlt_id":"j_03"})",
};

QJsonObject column(const char *name, const char *type, std::optional<int> precision = {})
{
    QJsonObject c{{QStringLiteral("name"), QLatin1String(name)},
                  {QStringLiteral("data_type"), QLatin1String(type)},
                  {QStringLiteral("nullable"), true}};
    if (precision)
        c.insert(QStringLiteral("precision"), *precision);
    return c;
}

/// types_append's schema with four more columns (precision hints), and our two job files.
bool writePackage(const QString &root)
{
    QFile schemaFile(QDir(root).filePath(kLoadId + QStringLiteral("/schema.json")));
    if (!schemaFile.open(QIODevice::ReadOnly))
        return false;
    QJsonObject schema = QJsonDocument::fromJson(schemaFile.readAll()).object();
    schemaFile.close();
    QJsonObject tables = schema.value(QStringLiteral("tables")).toObject();
    QJsonObject table = tables.value(QStringLiteral("all_types")).toObject();
    QJsonObject oldColumns = table.value(QStringLiteral("columns")).toObject();
    // Keep dlt's column order, with the new ones before the _dlt columns.
    QJsonObject columns;
    const QStringList order = {
        QStringLiteral("col_text"),    QStringLiteral("col_bigint"), QStringLiteral("col_double"),
        QStringLiteral("col_bool"),    QStringLiteral("col_ts"),     QStringLiteral("col_ts_naive"),
        QStringLiteral("col_date"),    QStringLiteral("col_time"),   QStringLiteral("col_decimal"),
        QStringLiteral("col_wei"),     QStringLiteral("col_json"),   QStringLiteral("col_binary"),
        QStringLiteral("col_required")};
    for (const QString &name : order)
        columns.insert(name, oldColumns.value(name));
    columns.insert(QStringLiteral("col_small"), column("col_small", "bigint", 16));
    columns.insert(QStringLiteral("col_int"), column("col_int", "bigint", 32));
    columns.insert(QStringLiteral("col_ts3"), column("col_ts3", "timestamp", 3));
    columns.insert(QStringLiteral("col_time3"), column("col_time3", "time", 3));
    columns.insert(QStringLiteral("_dlt_load_id"), oldColumns.value(QStringLiteral("_dlt_load_id")));
    columns.insert(QStringLiteral("_dlt_id"), oldColumns.value(QStringLiteral("_dlt_id")));
    table.insert(QStringLiteral("columns"), columns);
    tables.insert(QStringLiteral("all_types"), table);
    schema.insert(QStringLiteral("tables"), tables);
    schema.insert(QStringLiteral("version_hash"), QStringLiteral("extremes-v1"));
    if (!schemaFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    schemaFile.write(QJsonDocument(schema).toJson());
    schemaFile.close();

    const QString jobs = QDir(root).filePath(kLoadId + QStringLiteral("/new_jobs/"));
    for (const QString &f : QDir(jobs).entryList(QDir::Files))
        QFile::remove(jobs + f);
    QByteArray iv = kHeader;
    for (std::size_t i = 0; i < std::size(kInsertRows); ++i)
        iv += (i ? ",\n" : "") + QByteArray(kInsertRows[i]);
    iv += ";";
    QByteArray jsonl;
    for (const char *row : kJsonlRows)
        jsonl += QByteArray(row) + "\n";
    QFile a(jobs + QStringLiteral("all_types.ivextremes.0.insert_values"));
    QFile b(jobs + QStringLiteral("all_types.jlextremes.0.jsonl"));
    return a.open(QIODevice::WriteOnly) && a.write(iv) == iv.size() && b.open(QIODevice::WriteOnly) &&
           b.write(jsonl) == jsonl.size();
}

/// Every row of the table (those `where` keeps) as PostgreSQL prints it, in _dlt_id order.
QString rowsAsText(const QString &dataset, const QString &where = {})
{
    return pg::psqlValue(
        QStringLiteral("SELECT string_agg(t::text, E'\\n' ORDER BY _dlt_id) FROM %1.all_types t").arg(dataset) + where);
}

} // namespace

class tst_PgCopyFormats : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_serial = 0;

    bool load(LoadTarget &t, const QMap<QString, QString> &settings, QString *log)
    {
        if (pg::testPg().isEmpty())
            return false;
        t.type = QStringLiteral("postgres");
        t.dataset = QStringLiteral("wharf_fmt_%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_serial);
        t.work = freshDir(m_tmp.path(), t.dataset);
        t.drop();
        const QString root = copyPackage(t.work, QStringLiteral("types_append"));
        if (!writePackage(root))
            return false;
        QMap<QString, QString> env = t.env();
        for (auto it = settings.cbegin(); it != settings.cend(); ++it)
            env.insert(it.key(), it.value());
        const CliResult r = runWharf(t.args("load", root) << "--log-level"
                                                          << "debug",
                                     t.work, env);
        *log = r.all();
        return r.exitCode == 0;
    }

private slots:
    void initTestCase()
    {
        if (pg::testPg().isEmpty() && qEnvironmentVariableIsSet("CI"))
            QFAIL("WHARF_TEST_PG is not set under CI: the PostgreSQL tests cannot run");
        QVERIFY(m_tmp.isValid());
    }

    void binaryStoresWhatTextStores()
    {
        LoadTarget binary, text;
        QString log;
        if (pg::testPg().isEmpty())
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        QVERIFY2(load(binary, {}, &log), qPrintable(log));
        QVERIFY2(log.contains("all_types.ivextremes.insert_values goes as COPY binary") &&
                     log.contains("all_types.jlextremes.jsonl goes as COPY binary"),
                 qPrintable(log));
        QVERIFY2(load(text, {{"DESTINATION__POSTGRES__COPY_FORMAT", "text"}}, &log), qPrintable(log));
        QVERIFY2(log.contains("goes as COPY text"), qPrintable(log));

        const QString have = rowsAsText(binary.dataset);
        QCOMPARE(binary.count("all_types"), qint64(std::size(kInsertRows) + std::size(kJsonlRows)));
        QCOMPARE(have, rowsAsText(text.dataset));
        // A few values spelled out, so that both paths being wrong the same way shows too.
        const auto value = [&](const QString &expr, const char *id) {
            return pg::psqlValue(
                QStringLiteral("SELECT %1 FROM %2.all_types WHERE _dlt_id = '%3'").arg(expr, binary.dataset, id));
        };
        QCOMPARE(value("col_double::text", "x_02"), QStringLiteral("0")); // insert_values: numeric literal, no -0
        QCOMPARE(value("col_double::text", "j_01"), QStringLiteral("-0"));
        QCOMPARE(value("col_double::text", "x_04"), QStringLiteral("NaN"));
        QCOMPARE(value("col_double::text", "x_06"), QStringLiteral("-Infinity"));
        QCOMPARE(value("col_ts::text", "x_05"), QStringLiteral("2024-04-05 17:16:59.942779+00"));
        QCOMPARE(value("col_ts_naive::text", "x_05"), QStringLiteral("2024-04-05 09:16:59.942779"));
        QCOMPARE(value("col_ts3::text", "x_01"), QStringLiteral("2024-01-01 06:30:00.124+00"));
        QCOMPARE(value("col_ts3::text", "x_03"), QStringLiteral("2024-01-02 00:00:00+00"));
        QCOMPARE(value("col_time3::text", "x_06"), QStringLiteral("00:00:01"));
        QCOMPARE(value("col_date::text", "x_03"), QStringLiteral("2024-02-29"));
        QCOMPARE(value("col_decimal::text", "x_05"), QStringLiteral("0.001500000"));
        QCOMPARE(value("col_decimal::text", "j_03"), QStringLiteral("0.000000001")); // rounded half up
        QCOMPARE(value("encode(col_binary, 'hex')", "x_03"), QStringLiteral("015c61"));
        QCOMPARE(value("col_json::text", "j_02"), QStringLiteral("\"a json string\""));
        QCOMPARE(value("col_small::text || ' ' || col_int::text", "x_01"), QStringLiteral("32767 2147483647"));
        binary.drop();
        text.drop();
    }

    // insert_values also as dlt runs it (load_method = "insert": the server executes the
    // statements): the binary COPY of those rows must equal what the INSERTs store.
    void binaryStoresWhatInsertStores()
    {
        if (pg::testPg().isEmpty())
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        LoadTarget binary, insert;
        QString log;
        QVERIFY2(load(binary, {}, &log), qPrintable(log));
        QVERIFY2(load(insert, {{"DESTINATION__POSTGRES__LOAD_METHOD", "insert"}}, &log), qPrintable(log));
        const QString only = QStringLiteral(" WHERE _dlt_id LIKE 'x%'");
        QCOMPARE(rowsAsText(binary.dataset, only), rowsAsText(insert.dataset, only));
        QVERIFY(!rowsAsText(binary.dataset, only).isEmpty());
        binary.drop();
        insert.drop();
    }

    // A value a smaller integer column cannot hold fails its job with the column named, as the
    // server's own check does on the text path.
    void outOfRangeIsNamed()
    {
        if (pg::testPg().isEmpty())
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        LoadTarget t;
        t.type = QStringLiteral("postgres");
        t.dataset = QStringLiteral("wharf_fmt_%1_range").arg(QCoreApplication::applicationPid());
        t.work = freshDir(m_tmp.path(), t.dataset);
        t.drop();
        const QString root = copyPackage(t.work, QStringLiteral("types_append"));
        QVERIFY(writePackage(root));
        const QString jobs = QDir(root).filePath(kLoadId + QStringLiteral("/new_jobs/"));
        QFile::remove(jobs + QStringLiteral("all_types.ivextremes.0.insert_values"));
        QFile f(jobs + QStringLiteral("all_types.jlextremes.0.jsonl"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(R"({"col_required":"a","col_small":32768,"_dlt_load_id":"1800000000.000001","_dlt_id":"r_1"})"
                "\n");
        f.close();
        const CliResult r = runWharf(t.args("load", root), t.work, t.env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.all().contains("col_small") && r.all().contains("32768") && r.all().contains("smallint"),
                 qPrintable(r.all()));
        t.drop();
    }
};

QTEST_GUILESS_MAIN(tst_PgCopyFormats)
#include "tst_PgCopyFormats.moc"
