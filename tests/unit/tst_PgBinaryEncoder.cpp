// PostgreSQL binary COPY encoding (destinations/postgres/PgBinaryEncoder.h), byte by byte: the
// header and trailer, NULL, integers of each width, timestamps against PostgreSQL's epoch with
// and without the offset, dates, times, numerics in base 10000, jsonb's version byte, and which
// column types have a binary form at all. No database (tst_PgCopyFormats loads both paths).
#include "Error.h"
#include "postgres/PgBinaryEncoder.h"

#include <QTest>

using namespace wharf;
using namespace wharf::postgres;

namespace {

Column column(DataType type, bool timezone = true)
{
    Column c;
    c.name = QStringLiteral("col");
    c.dataType = type;
    c.timezone = timezone;
    return c;
}

Value text(std::string_view s)
{
    Value v;
    v.kind = ValueKind::String;
    v.text = s;
    return v;
}

Value integer(std::int64_t i)
{
    Value v;
    v.kind = ValueKind::Int;
    v.i = i;
    return v;
}

Value boolean(bool b)
{
    Value v;
    v.setBool(b);
    return v;
}

/// A number as the insert_values reader gives it: the double and its literal.
Value number(double d, std::string_view literal)
{
    Value v;
    v.setDouble(d);
    v.text = literal;
    return v;
}

/// The bytes of one field (length and value) for `v` in a column of `type` sent as `wire`.
QByteArray field(DataType type, PgWire wire, const Value &v, bool timezone = true)
{
    PgBinaryEncoder e({column(type, timezone)}, {wire}, PgCopyEncoder::Options{true, false});
    std::string out;
    e.appendRow(&v, out);
    return QByteArray(out.data() + 2, qsizetype(out.size() - 2)); // without the field count
}

QByteArray hex(const char *h)
{
    return QByteArray::fromHex(h);
}

QByteArray numeric(const char *t)
{
    std::string out;
    if (!PgBinaryEncoder::appendNumeric(out, t))
        return "refused";
    return QByteArray(out.data(), qsizetype(out.size()));
}

} // namespace

class tst_PgBinaryEncoder : public QObject {
    Q_OBJECT

private slots:
    void headerAndTrailer()
    {
        std::string out;
        PgBinaryEncoder::appendHeader(out);
        PgBinaryEncoder::appendTrailer(out);
        QCOMPARE(QByteArray(out.data(), qsizetype(out.size())), hex("5047434f50590aff0d0a00"
                                                                    "00000000"
                                                                    "00000000"
                                                                    "ffff"));
    }

    void scalars()
    {
        Value null;
        QCOMPARE(field(DataType::Bigint, PgWire::Int8, null), hex("ffffffff"));
        QCOMPARE(field(DataType::Bigint, PgWire::Int8, integer(-2)), hex("00000008fffffffffffffffe"));
        QCOMPARE(field(DataType::Bigint, PgWire::Int4, integer(258)), hex("0000000400000102"));
        QCOMPARE(field(DataType::Bigint, PgWire::Int2, integer(-1)), hex("00000002ffff"));
        QCOMPARE(field(DataType::Bool, PgWire::Bool, text("True")), hex("0000000101"));
        QCOMPARE(field(DataType::Text, PgWire::Text, text("a\tb")), hex("00000003"
                                                                        "610962"));
        QCOMPARE(field(DataType::Json, PgWire::Jsonb, text("[1]")), hex("00000004"
                                                                        "01"
                                                                        "5b315d"));
        QCOMPARE(field(DataType::Binary, PgWire::Bytea, text("\\x00ff")), hex("00000002"
                                                                              "00ff"));
        QCOMPARE(field(DataType::Binary, PgWire::Bytea, text("a\\\\\\001")), hex("00000003"
                                                                                 "615c01"));
    }

    void integersOutOfRangeAreNamed()
    {
        try {
            field(DataType::Bigint, PgWire::Int2, integer(40000));
            QFAIL("40000 went into a smallint");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains("out of range for type smallint"), qPrintable(e.message()));
            QCOMPARE(e.location().field, QStringLiteral("col"));
        }
    }

    void temporal()
    {
        // PostgreSQL counts microseconds (and days) from 2000-01-01 00:00 UTC.
        QCOMPARE(field(DataType::Timestamp, PgWire::Timestamptz, text("2000-01-01T00:00:00Z")),
                 hex("00000008"
                     "0000000000000000"));
        // 00:00:01.5 at +01:00 is 23:00:01.5 the day before: -3598.5 s.
        QCOMPARE(field(DataType::Timestamp, PgWire::Timestamptz, text("2000-01-01T00:00:01.5+01:00")),
                 hex("00000008"
                     "ffffffff29833f60"));
        // Without time zone the wall-clock time stays: +1.5 s.
        QCOMPARE(field(DataType::Timestamp, PgWire::Timestamp, text("2000-01-01T00:00:01.5+01:00"), false),
                 hex("00000008"
                     "000000000016e360"));
        // Seven digits round as PostgreSQL's input rounds them (rint of the fraction).
        QCOMPARE(field(DataType::Timestamp, PgWire::Timestamptz, text("2000-01-01T00:00:00.0000015Z")),
                 hex("00000008"
                     "0000000000000002"));
        // Up to six digits the fraction is the microseconds themselves.
        QCOMPARE(field(DataType::Timestamp, PgWire::Timestamptz, text("2000-01-01 00:00:00.045412")),
                 hex("00000008"
                     "000000000000b164"));
        QCOMPARE(field(DataType::Date, PgWire::Date, text("1999-12-31")), hex("00000004"
                                                                              "ffffffff"));
        QCOMPARE(field(DataType::Time, PgWire::Time, text("00:00:01.25+05:00")), hex("00000008"
                                                                                     "00000000001312d0"));
    }

    void numerics()
    {
        // length, ndigits, weight, sign, dscale, base-10000 digits
        QCOMPARE(numeric("12345.678"), hex("0000000e"
                                           "0003"
                                           "0001"
                                           "0000"
                                           "0003"
                                           "0001"
                                           "0929"
                                           "1a7c"));
        QCOMPARE(numeric("-0.0015"), hex("0000000a"
                                         "0001"
                                         "ffff"
                                         "4000"
                                         "0004"
                                         "000f"));
        QCOMPARE(numeric("1e10"), hex("0000000a"
                                      "0001"
                                      "0002"
                                      "0000"
                                      "0000"
                                      "0064"));
        QCOMPARE(numeric("-0.000"), hex("00000008"
                                        "0000"
                                        "0000"
                                        "0000"
                                        "0003"));
        QCOMPARE(numeric("NaN"), hex("00000008"
                                     "0000"
                                     "0000"
                                     "c000"
                                     "0000"));
        QCOMPARE(numeric("-Infinity"), hex("00000008"
                                           "0000"
                                           "0000"
                                           "f000"
                                           "0000"));
        QCOMPARE(numeric("1.5E-3"), hex("0000000a"
                                        "0001"
                                        "ffff"
                                        "0000"
                                        "0004"
                                        "000f"));
        QCOMPARE(numeric("12a"), QByteArray("refused"));
        QCOMPARE(numeric("1e5000"), QByteArray("refused"));
        QCOMPARE(numeric("."), QByteArray("refused"));
    }

    void readerKindsGoAsTheirText()
    {
        // Values of the reader's own kinds take a shorter way than strings: the same bytes.
        QCOMPARE(field(DataType::Bool, PgWire::Bool, boolean(true)), hex("0000000101"));
        QCOMPARE(field(DataType::Bool, PgWire::Bool, boolean(false)), field(DataType::Bool, PgWire::Bool, text("f")));
        QCOMPARE(field(DataType::Double, PgWire::Float8, number(-731.484375, "-731.484375")),
                 field(DataType::Double, PgWire::Float8, text("-731.484375")));
        // An insert_values literal -0.0 is SQL numeric zero: +0.0 in a double column.
        QCOMPARE(field(DataType::Double, PgWire::Float8, number(-0.0, "-0.0")), hex("00000008"
                                                                                    "0000000000000000"));
        QCOMPARE(field(DataType::Decimal, PgWire::Numeric, number(40611.85571063, "40611.855710630")),
                 QByteArray(numeric("40611.855710630")));
        QCOMPARE(field(DataType::Decimal, PgWire::Numeric, integer(7)), QByteArray(numeric("7")));
        QCOMPARE(field(DataType::Text, PgWire::Text, number(1.5, "1.50")), hex("00000004"
                                                                               "312e3530"));
        QCOMPARE(field(DataType::Text, PgWire::Text, integer(-12)), hex("00000003"
                                                                        "2d3132"));
    }

    void wires()
    {
        QCOMPARE(binaryWireFor(DataType::Text, QStringLiteral("varchar")), std::optional(PgWire::Text));
        QCOMPARE(binaryWireFor(DataType::Timestamp, QStringLiteral("timestamp")), std::optional(PgWire::Timestamp));
        QCOMPARE(binaryWireFor(DataType::Json, QStringLiteral("json")), std::optional(PgWire::Json));
        QVERIFY(!binaryWireFor(DataType::Text, QStringLiteral("geometry")));
        QVERIFY(!binaryWireFor(DataType::Bigint, QStringLiteral("numeric"))); // a table made by hand: text
        QVERIFY(!binaryWireFor(DataType::Double, QStringLiteral("float4")));
    }
};

QTEST_GUILESS_MAIN(tst_PgBinaryEncoder)
#include "tst_PgBinaryEncoder.moc"
