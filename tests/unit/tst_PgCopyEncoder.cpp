// PostgreSQL COPY text-format encoding of reader values (destinations/postgres/PgCopyEncoder.h):
// every dlt type, escapes, NULL, unicode, bytea, json, booleans, the insert_values -0.0 rule,
// NaN/Infinity, and bad values naming their field. No database.
#include "Error.h"
#include "postgres/PgCopyEncoder.h"

#include <QTest>
#include <cmath>
#include <limits>
#include <optional>

using namespace wharf;
using wharf::postgres::PgCopyEncoder;

Q_DECLARE_METATYPE(wharf::Column)
Q_DECLARE_METATYPE(wharf::Value)

namespace {

Column column(DataType type, std::optional<int> precision = std::nullopt, bool timezone = true)
{
    Column c;
    c.name = QStringLiteral("col");
    c.dataType = type;
    c.precision = precision;
    c.timezone = timezone;
    return c;
}

Value text(std::string_view s, ValueKind kind = ValueKind::String)
{
    Value v;
    v.setText(kind, s);
    return v;
}

Value integer(std::int64_t i)
{
    Value v;
    v.setInt(i);
    return v;
}

// A double as the readers give it: `written` is the literal's text (insert_values), empty when
// the source had no text form (jsonl).
Value dbl(double d, std::string_view written = {})
{
    Value v;
    v.setDouble(d);
    v.text.assign(written.data(), written.size());
    return v;
}

Value boolean(bool b)
{
    Value v;
    v.setBool(b);
    return v;
}

enum Source { FromInsertValues, FromJsonl, Plain };

PgCopyEncoder::Options optionsFor(Source s)
{
    PgCopyEncoder::Options o;
    o.sqlLiterals = s == FromInsertValues;
    o.jsonSource = s == FromJsonl;
    return o;
}

std::string encodeOne(const Column &c, const Value &v, Source source)
{
    PgCopyEncoder encoder({c}, optionsFor(source));
    std::string out;
    encoder.appendRow(&v, out);
    return out;
}

} // namespace

class tst_PgCopyEncoder : public QObject {
    Q_OBJECT

private slots:
    void encodesValue_data()
    {
        QTest::addColumn<Column>("col");
        QTest::addColumn<Value>("value");
        QTest::addColumn<int>("source");
        QTest::addColumn<QByteArray>("expected"); // the field, without the row's '\n'

        const Column txt = column(DataType::Text);
        QTest::newRow("null") << txt << Value{} << int(Plain) << QByteArray("\\N");
        QTest::newRow("text plain") << txt << text("abc") << int(Plain) << QByteArray("abc");
        QTest::newRow("text empty is not NULL") << txt << text("") << int(Plain) << QByteArray("");
        QTest::newRow("text escapes") << txt << text("a\\b\tc\nd\re") << int(Plain) << QByteArray("a\\\\b\\tc\\nd\\re");
        QTest::newRow("text looking like NULL") << txt << text("\\N") << int(Plain) << QByteArray("\\\\N");
        QTest::newRow("text end-of-data marker") << txt << text("\\.") << int(Plain) << QByteArray("\\\\.");
        QTest::newRow("text quotes and injection")
            << txt << text(", NULL'); DROP TABLE all_types --") << int(FromInsertValues)
            << QByteArray(", NULL'); DROP TABLE all_types --");
        QTest::newRow("text unicode") << txt << text("日本語のテキスト 'quoted' और हिन्दी") << int(Plain)
                                      << QByteArray("日本語のテキスト 'quoted' और हिन्दी");
        QTest::newRow("text other controls kept") << txt
                                                  << text(std::string_view("a\x01\x0b"
                                                                           "b",
                                                                           4))
                                                  << int(Plain)
                                                  << QByteArray("a\x01\x0b"
                                                                "b");
        QTest::newRow("text from int") << txt << integer(-5) << int(Plain) << QByteArray("-5");
        QTest::newRow("text from json") << txt << text("{\"a\":\"x\\ty\"}", ValueKind::Json) << int(Plain)
                                        << QByteArray("{\"a\":\"x\\\\ty\"}");

        const Column big = column(DataType::Bigint);
        QTest::newRow("bigint") << big << integer(-42) << int(Plain) << QByteArray("-42");
        QTest::newRow("bigint max") << big << integer(std::numeric_limits<std::int64_t>::max()) << int(Plain)
                                    << QByteArray("9223372036854775807");
        QTest::newRow("bigint min") << big << integer(std::numeric_limits<std::int64_t>::min()) << int(Plain)
                                    << QByteArray("-9223372036854775808");
        QTest::newRow("bigint from string") << big << text(" 7 ") << int(Plain) << QByteArray("7");

        const Column dbl_ = column(DataType::Double);
        QTest::newRow("double as written") << dbl_ << dbl(3.5, "3.5") << int(FromInsertValues) << QByteArray("3.5");
        QTest::newRow("double exponent as written")
            << dbl_ << dbl(1e20, "1e+20") << int(FromInsertValues) << QByteArray("1e+20");
        QTest::newRow("double digits kept")
            << dbl_ << dbl(0.1, "0.10000000000000001") << int(FromInsertValues) << QByteArray("0.10000000000000001");
        QTest::newRow("double shortest round trip") << dbl_ << dbl(0.1) << int(FromJsonl) << QByteArray("0.1");
        QTest::newRow("double shortest exponent") << dbl_ << dbl(1e20) << int(FromJsonl) << QByteArray("1e+20");
        QTest::newRow("double max") << dbl_ << dbl(std::numeric_limits<double>::max()) << int(FromJsonl)
                                    << QByteArray("1.7976931348623157e+308");
        QTest::newRow("double -0.0 literal in insert_values is 0")
            << dbl_ << dbl(-0.0, "-0.0") << int(FromInsertValues) << QByteArray("0");
        QTest::newRow("double 0.0 literal") << dbl_ << dbl(0.0, "0.0") << int(FromInsertValues) << QByteArray("0");
        QTest::newRow("double -0.0 in jsonl stays -0") << dbl_ << dbl(-0.0) << int(FromJsonl) << QByteArray("-0");
        QTest::newRow("double -0.0 as a string literal stays -0")
            << dbl_ << text("-0.0") << int(FromInsertValues) << QByteArray("-0");
        QTest::newRow("double NaN") << dbl_ << dbl(std::nan(""), "nan") << int(FromInsertValues) << QByteArray("NaN");
        QTest::newRow("double inf") << dbl_ << dbl(HUGE_VAL, "inf") << int(FromInsertValues) << QByteArray("Infinity");
        QTest::newRow("double -inf") << dbl_ << dbl(-HUGE_VAL) << int(FromJsonl) << QByteArray("-Infinity");
        QTest::newRow("double NaN string") << dbl_ << text("NaN") << int(FromJsonl) << QByteArray("NaN");
        QTest::newRow("double from big int exact text")
            << dbl_ << integer(9007199254740993) << int(FromJsonl) << QByteArray("9007199254740993");

        const Column b = column(DataType::Bool);
        QTest::newRow("bool true") << b << boolean(true) << int(FromInsertValues) << QByteArray("t");
        QTest::newRow("bool false") << b << boolean(false) << int(FromInsertValues) << QByteArray("f");
        QTest::newRow("bool from string") << b << text("True") << int(Plain) << QByteArray("t");
        QTest::newRow("bool from 0") << b << integer(0) << int(Plain) << QByteArray("f");

        // Temporal values go as written: PostgreSQL applies or drops the offset itself.
        const Column ts = column(DataType::Timestamp);
        const Column naive = column(DataType::Timestamp, std::nullopt, false);
        QTest::newRow("timestamptz with offset")
            << ts << text("2024-04-05T09:16:59.942779+02:00") << int(FromInsertValues)
            << QByteArray("2024-04-05T09:16:59.942779+02:00");
        QTest::newRow("naive timestamp keeps wall clock")
            << naive << text("2024-04-05T09:16:59.942779+02:00") << int(FromInsertValues)
            << QByteArray("2024-04-05T09:16:59.942779+02:00");
        QTest::newRow("timestamp marker Z") << ts << text("2021-01-01T00:00:00Z", ValueKind::Timestamp)
                                            << int(FromJsonl) << QByteArray("2021-01-01T00:00:00Z");
        QTest::newRow("timestamp precision 3 left to the server")
            << column(DataType::Timestamp, 3) << text("2024-04-05T09:16:59.942779+00:00") << int(FromInsertValues)
            << QByteArray("2024-04-05T09:16:59.942779+00:00");
        QTest::newRow("date") << column(DataType::Date) << text("2024-04-05") << int(FromInsertValues)
                              << QByteArray("2024-04-05");
        QTest::newRow("time") << column(DataType::Time) << text("09:16:59.123456", ValueKind::Time) << int(FromJsonl)
                              << QByteArray("09:16:59.123456");

        const Column dec = column(DataType::Decimal);
        QTest::newRow("decimal exact") << dec << dbl(123.456, "123.456000000") << int(FromInsertValues)
                                       << QByteArray("123.456000000");
        QTest::newRow("decimal tiny negative")
            << dec << text("-0.000000001", ValueKind::Decimal) << int(FromJsonl) << QByteArray("-0.000000001");
        QTest::newRow("decimal int") << dec << integer(1) << int(FromInsertValues) << QByteArray("1");
        QTest::newRow("decimal string") << dec << text("1e3") << int(FromJsonl) << QByteArray("1e3");
        QTest::newRow("wei beyond int64")
            << column(DataType::Wei) << text("100000000000000000000000", ValueKind::Decimal) << int(FromInsertValues)
            << QByteArray("100000000000000000000000");

        const Column js = column(DataType::Json);
        QTest::newRow("json object") << js << text("{\"a\":1,\"b\":[true,null,\"x\"]}", ValueKind::Json)
                                     << int(FromJsonl) << QByteArray("{\"a\":1,\"b\":[true,null,\"x\"]}");
        QTest::newRow("json escapes for COPY") << js << text("{\"k\":\"v'q\\n\"}", ValueKind::Json) << int(FromJsonl)
                                               << QByteArray("{\"k\":\"v'q\\\\n\"}");
        QTest::newRow("json text from insert_values")
            << js << text("[1,2,3]") << int(FromInsertValues) << QByteArray("[1,2,3]");
        QTest::newRow("json string from jsonl is quoted")
            << js << text("a\"b\n") << int(FromJsonl) << QByteArray("\"a\\\\\"b\\\\n\"");
        QTest::newRow("json bool") << js << boolean(true) << int(FromJsonl) << QByteArray("true");
        QTest::newRow("json number") << js << integer(5) << int(FromJsonl) << QByteArray("5");
        QTest::newRow("json double") << js << dbl(2.5) << int(FromJsonl) << QByteArray("2.5");

        const Column bin = column(DataType::Binary);
        QTest::newRow("bytea raw") << bin << text("hello", ValueKind::Binary) << int(FromJsonl)
                                   << QByteArray("\\\\x68656c6c6f");
        QTest::newRow("bytea empty") << bin << text("", ValueKind::Binary) << int(FromJsonl) << QByteArray("\\\\x");
        QTest::newRow("bytea high bytes and NUL") << bin << text(std::string_view("\xff\x00\x80", 3), ValueKind::Binary)
                                                  << int(FromJsonl) << QByteArray("\\\\xff0080");
        QTest::newRow("bytea literal from insert_values")
            << bin << text("\\x68656c6c6f") << int(FromInsertValues) << QByteArray("\\\\x68656c6c6f");
        QTest::newRow("bytea base64 from jsonl") << bin << text("aGk=") << int(FromJsonl) << QByteArray("\\\\x6869");
        QTest::newRow("bytea hex string elsewhere") << bin << text("\\x6869") << int(Plain) << QByteArray("\\\\x6869");
        QTest::newRow("bytea utf-8") << bin << text("\u00e9\u00e8", ValueKind::Binary) << int(FromJsonl)
                                     << QByteArray("\\\\xc3a9c3a8");
    }
    void encodesValue()
    {
        QFETCH(Column, col);
        QFETCH(Value, value);
        QFETCH(int, source);
        QFETCH(QByteArray, expected);
        const std::string out = encodeOne(col, value, Source(source));
        QCOMPARE(QByteArray::fromStdString(out), expected + '\n');
    }

    void badValueNamesItsField_data()
    {
        QTest::addColumn<Column>("col");
        QTest::addColumn<Value>("value");
        QTest::newRow("bigint") << column(DataType::Bigint) << text("abc");
        QTest::newRow("double") << column(DataType::Double) << text("1.2.3");
        QTest::newRow("bool") << column(DataType::Bool) << text("maybe");
        QTest::newRow("timestamp") << column(DataType::Timestamp) << text("yesterday");
        QTest::newRow("date") << column(DataType::Date) << text("2024-02-30");
        QTest::newRow("time") << column(DataType::Time) << text("25:00:00");
        QTest::newRow("decimal") << column(DataType::Decimal) << text("12abc");
        QTest::newRow("bytea hex") << column(DataType::Binary) << text("\\x6");
    }
    void badValueNamesItsField()
    {
        QFETCH(Column, col);
        QFETCH(Value, value);
        col.name = QStringLiteral("the_field");
        const Column ok = column(DataType::Text);
        PgCopyEncoder encoder({ok, col}, optionsFor(FromJsonl));
        std::string out = "previous\n";
        const Value row[2] = {text("fine"), value};
        try {
            encoder.appendRow(row, out);
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
            QCOMPARE(e.location().field, QStringLiteral("the_field"));
        }
        // The failed row left nothing behind.
        QCOMPARE(QByteArray::fromStdString(out), QByteArray("previous\n"));
    }

    void rowsAreTabSeparatedLines()
    {
        PgCopyEncoder encoder(
            {column(DataType::Text), column(DataType::Bigint), column(DataType::Bool), column(DataType::Json)},
            optionsFor(FromInsertValues));
        QCOMPARE(encoder.columnCount(), std::size_t(4));
        std::string out;
        const Value first[4] = {text("a\tb"), integer(1), boolean(true), Value{}};
        const Value second[4] = {Value{}, Value{}, Value{}, text("{}")};
        encoder.appendRow(first, out);
        encoder.appendRow(second, out);
        QCOMPARE(QByteArray::fromStdString(out), QByteArray("a\\tb\t1\tt\t\\N\n\\N\t\\N\t\\N\t{}\n"));
    }

    void escapingChangesOnlyFourBytes()
    {
        std::string all;
        for (int c = 1; c < 256; ++c)
            all.push_back(char(c));
        std::string out;
        PgCopyEncoder::appendEscaped(out, all);
        std::string expected;
        for (int c = 1; c < 256; ++c) {
            switch (c) {
            case '\\':
                expected += "\\\\";
                break;
            case '\t':
                expected += "\\t";
                break;
            case '\n':
                expected += "\\n";
                break;
            case '\r':
                expected += "\\r";
                break;
            default:
                expected.push_back(char(c));
            }
        }
        QCOMPARE(QByteArray::fromStdString(out), QByteArray::fromStdString(expected));
    }

    void escapesAtEveryPositionOfABlock()
    {
        // Runs are scanned sixteen bytes at a time, then byte by byte: each special byte at
        // each position of strings of every length around those blocks.
        for (const char special : {'\\', '\t', '\n', '\r'}) {
            const char *spelled = special == '\\' ? "\\\\" : special == '\t' ? "\\t" : special == '\n' ? "\\n" : "\\r";
            for (std::size_t length = 1; length <= 40; ++length) {
                for (std::size_t at = 0; at < length; ++at) {
                    std::string in(length, 'a');
                    in[at] = special;
                    std::string out;
                    PgCopyEncoder::appendEscaped(out, in);
                    const std::string expected = std::string(at, 'a') + spelled + std::string(length - at - 1, 'a');
                    QCOMPARE(QByteArray::fromStdString(out), QByteArray::fromStdString(expected));
                }
            }
        }
    }

    void jsonStringEscapes()
    {
        std::string out;
        PgCopyEncoder::appendJsonString(out, std::string_view("q\"b\\s\x01\x1f\b\f\t\r\né", 14));
        QCOMPARE(QByteArray::fromStdString(out), QByteArray("\"q\\\"b\\\\s\\u0001\\u001f\\b\\f\\t\\r\\né\""));
    }

    void doublesByName()
    {
        std::string out;
        PgCopyEncoder::appendDouble(out, std::nan(""));
        out += ' ';
        PgCopyEncoder::appendDouble(out, HUGE_VAL, "inf");
        out += ' ';
        PgCopyEncoder::appendDouble(out, -HUGE_VAL);
        out += ' ';
        PgCopyEncoder::appendDouble(out, 5e-324);
        out += ' ';
        PgCopyEncoder::appendDouble(out, 2.5, "2.50");
        QCOMPARE(QByteArray::fromStdString(out), QByteArray("NaN Infinity -Infinity 5e-324 2.50"));
    }
};

QTEST_APPLESS_MAIN(tst_PgCopyEncoder)
#include "tst_PgCopyEncoder.moc"
