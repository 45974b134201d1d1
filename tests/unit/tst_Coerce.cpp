// Coercion of reader values to a column's dlt type (core/load/Coerce.h): timestamps in UTC in
// both text styles, integers, doubles, booleans, decimals, binary, csv's empty-is-NULL and text.
#include "Error.h"
#include "load/Coerce.h"

#include <QTest>
#include <cmath>
#include <optional>

using namespace wharf;

Q_DECLARE_METATYPE(wharf::Column)
Q_DECLARE_METATYPE(wharf::Value)
Q_DECLARE_METATYPE(wharf::Coercer::Options)
Q_DECLARE_METATYPE(wharf::TemporalStyle)

namespace {

Column column(DataType type, std::optional<int> precision = std::nullopt, bool nullable = true,
              const QString &name = QStringLiteral("col"))
{
    Column c;
    c.name = name;
    c.dataType = type;
    c.precision = precision;
    c.nullable = nullable;
    return c;
}

Value str(std::string_view s, ValueKind kind = ValueKind::String)
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

Value dbl(double d, std::string_view asWritten = {})
{
    Value v;
    v.setDouble(d);
    v.text.assign(asWritten.data(), asWritten.size());
    return v;
}

Value boolean(bool b)
{
    Value v;
    v.setBool(b);
    return v;
}

Value null()
{
    return Value{};
}

Coercer::Options options(bool nativeBool = true, bool emptyIsNull = false,
                         TemporalStyle style = TemporalStyle::SqliteUtc, bool base64Binary = false)
{
    Coercer::Options o;
    o.nativeBool = nativeBool;
    o.emptyIsNull = emptyIsNull;
    o.temporal = style;
    o.base64Binary = base64Binary;
    return o;
}

/// A cell as comparable text: "null", "int:42", "double:1.5", "text:abc", "blob:6869" (hex).
QString render(const Cell &c)
{
    switch (c.type) {
    case Cell::Type::Null:
        return QStringLiteral("null");
    case Cell::Type::Int:
        return QStringLiteral("int:") + QString::number(c.i);
    case Cell::Type::Double:
        return QStringLiteral("double:") + QString::number(c.d, 'g', 17);
    case Cell::Type::Text:
        return QStringLiteral("text:") + QString::fromUtf8(c.s.data(), qsizetype(c.s.size()));
    case Cell::Type::Blob:
        return QStringLiteral("blob:") + QString::fromLatin1(QByteArray(c.s.data(), qsizetype(c.s.size())).toHex());
    }
    return QStringLiteral("?");
}

} // namespace

class tst_Coerce : public QObject {
    Q_OBJECT
private slots:
    void normalizeTimestamp_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("precision");
        QTest::addColumn<QString>("sqlite");
        QTest::addColumn<QString>("iso");

        QTest::newRow("Z") << "2024-03-05T10:20:30Z" << 6 << "2024-03-05 10:20:30.000000"
                           << "2024-03-05T10:20:30.000000+00:00";
        QTest::newRow("lower-case t and z") << "2024-03-05t10:20:30z" << 6 << "2024-03-05 10:20:30.000000"
                                            << "2024-03-05T10:20:30.000000+00:00";
        QTest::newRow("+02:00") << "2024-03-05T10:20:30+02:00" << 6 << "2024-03-05 08:20:30.000000"
                                << "2024-03-05T08:20:30.000000+00:00";
        QTest::newRow("-0530") << "2024-03-05T10:20:30-0530" << 6 << "2024-03-05 15:50:30.000000"
                               << "2024-03-05T15:50:30.000000+00:00";
        QTest::newRow("+0100") << "2024-03-05T10:20:30+0100" << 6 << "2024-03-05 09:20:30.000000"
                               << "2024-03-05T09:20:30.000000+00:00";
        QTest::newRow("+00:00") << "2024-03-05T10:20:30+00:00" << 6 << "2024-03-05 10:20:30.000000"
                                << "2024-03-05T10:20:30.000000+00:00";
        QTest::newRow("no offset is UTC") << "2024-03-05T10:20:30" << 6 << "2024-03-05 10:20:30.000000"
                                          << "2024-03-05T10:20:30.000000+00:00";
        QTest::newRow("space separator") << "2024-03-05 10:20:30+02:00" << 6 << "2024-03-05 08:20:30.000000"
                                         << "2024-03-05T08:20:30.000000+00:00";
        QTest::newRow("no seconds") << "2024-03-05T10:20Z" << 6 << "2024-03-05 10:20:00.000000"
                                    << "2024-03-05T10:20:00.000000+00:00";
        QTest::newRow("surrounding blanks") << "  2024-03-05T10:20:30Z\t" << 6 << "2024-03-05 10:20:30.000000"
                                            << "2024-03-05T10:20:30.000000+00:00";

        // Fractions of every length, truncated (never rounded) to the precision.
        QTest::newRow("fraction 1 digit") << "2024-03-05T10:20:30.1Z" << 6 << "2024-03-05 10:20:30.100000"
                                          << "2024-03-05T10:20:30.100000+00:00";
        QTest::newRow("fraction 2 digits") << "2024-03-05T10:20:30.12Z" << 6 << "2024-03-05 10:20:30.120000"
                                           << "2024-03-05T10:20:30.120000+00:00";
        QTest::newRow("fraction 3 digits") << "2024-03-05T10:20:30.123Z" << 6 << "2024-03-05 10:20:30.123000"
                                           << "2024-03-05T10:20:30.123000+00:00";
        QTest::newRow("fraction 4 digits") << "2024-03-05T10:20:30.1234Z" << 6 << "2024-03-05 10:20:30.123400"
                                           << "2024-03-05T10:20:30.123400+00:00";
        QTest::newRow("fraction 5 digits") << "2024-03-05T10:20:30.12345Z" << 6 << "2024-03-05 10:20:30.123450"
                                           << "2024-03-05T10:20:30.123450+00:00";
        QTest::newRow("fraction 6 digits") << "2024-03-05T10:20:30.123456Z" << 6 << "2024-03-05 10:20:30.123456"
                                           << "2024-03-05T10:20:30.123456+00:00";
        QTest::newRow("fraction 7 digits truncated")
            << "2024-03-05T10:20:30.1234567Z" << 6 << "2024-03-05 10:20:30.123456"
            << "2024-03-05T10:20:30.123456+00:00";
        QTest::newRow("fraction 8 digits truncated")
            << "2024-03-05T10:20:30.12345678Z" << 6 << "2024-03-05 10:20:30.123456"
            << "2024-03-05T10:20:30.123456+00:00";
        QTest::newRow("fraction 9 digits truncated not rounded")
            << "2024-03-05T10:20:30.999999999Z" << 6 << "2024-03-05 10:20:30.999999"
            << "2024-03-05T10:20:30.999999+00:00";
        QTest::newRow("fraction comma") << "2024-03-05T10:20:30,5Z" << 6 << "2024-03-05 10:20:30.500000"
                                        << "2024-03-05T10:20:30.500000+00:00";
        QTest::newRow("fraction with offset") << "2024-03-05T10:20:30.25+02:00" << 6 << "2024-03-05 08:20:30.250000"
                                              << "2024-03-05T08:20:30.250000+00:00";
        QTest::newRow("precision 3") << "2024-03-05T10:20:30.987654Z" << 3 << "2024-03-05 10:20:30.987"
                                     << "2024-03-05T10:20:30.987+00:00";
        QTest::newRow("precision 0 drops the fraction") << "2024-03-05T10:20:30.987654Z" << 0 << "2024-03-05 10:20:30"
                                                        << "2024-03-05T10:20:30+00:00";
        QTest::newRow("precision 9 keeps nanoseconds")
            << "2024-03-05T10:20:30.123456789Z" << 9 << "2024-03-05 10:20:30.123456789"
            << "2024-03-05T10:20:30.123456789+00:00";
        QTest::newRow("precision out of range means 6")
            << "2024-03-05T10:20:30.1234567Z" << 12 << "2024-03-05 10:20:30.123456"
            << "2024-03-05T10:20:30.123456+00:00";

        QTest::newRow("date only") << "2024-03-05" << 6 << "2024-03-05 00:00:00.000000"
                                   << "2024-03-05T00:00:00.000000+00:00";

        // Converting to UTC crosses day, month and year boundaries.
        QTest::newRow("rollover back to previous year")
            << "2024-01-01T01:00:00+02:00" << 6 << "2023-12-31 23:00:00.000000"
            << "2023-12-31T23:00:00.000000+00:00";
        QTest::newRow("rollover forward to next year")
            << "2023-12-31T23:30:00-01:00" << 6 << "2024-01-01 00:30:00.000000"
            << "2024-01-01T00:30:00.000000+00:00";
        QTest::newRow("rollover to previous month") << "2024-05-01T00:15:00+0030" << 6 << "2024-04-30 23:45:00.000000"
                                                    << "2024-04-30T23:45:00.000000+00:00";
        QTest::newRow("leap day forward") << "2024-02-28T23:00:00-02:00" << 6 << "2024-02-29 01:00:00.000000"
                                          << "2024-02-29T01:00:00.000000+00:00";
        QTest::newRow("leap day to March") << "2024-02-29T23:00:00-02:00" << 6 << "2024-03-01 01:00:00.000000"
                                           << "2024-03-01T01:00:00.000000+00:00";
        QTest::newRow("March back to leap day") << "2024-03-01T00:30:00+01:00" << 6 << "2024-02-29 23:30:00.000000"
                                                << "2024-02-29T23:30:00.000000+00:00";
        QTest::newRow("March back to Feb 28 in a common year")
            << "2023-03-01T00:30:00+01:00" << 6 << "2023-02-28 23:30:00.000000"
            << "2023-02-28T23:30:00.000000+00:00";
        QTest::newRow("century leap year 2000") << "2000-03-01T00:30:00+01:00" << 6 << "2000-02-29 23:30:00.000000"
                                                << "2000-02-29T23:30:00.000000+00:00";
        QTest::newRow("Feb 29 in 2000 (leap year)") << "2000-02-29T12:00:00Z" << 6 << "2000-02-29 12:00:00.000000"
                                                    << "2000-02-29T12:00:00.000000+00:00";
        QTest::newRow("before the epoch") << "1960-01-01T00:30:00+01:00" << 6 << "1959-12-31 23:30:00.000000"
                                          << "1959-12-31T23:30:00.000000+00:00";
        QTest::newRow("epoch crossing") << "1970-01-01T00:00:00.5+00:01" << 6 << "1969-12-31 23:59:00.500000"
                                        << "1969-12-31T23:59:00.500000+00:00";
    }
    void normalizeTimestamp()
    {
        QFETCH(QString, input);
        QFETCH(int, precision);
        const std::string in = input.toStdString();
        std::string out = "garbage";
        QVERIFY(wharf::normalizeTimestamp(in, TemporalStyle::SqliteUtc, precision, out));
        QTEST(QString::fromStdString(out), "sqlite");
        QVERIFY(wharf::normalizeTimestamp(in, TemporalStyle::IsoUtc, precision, out));
        QTEST(QString::fromStdString(out), "iso");
    }

    void normalizeTimestampRejects_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("empty") << "";
        QTest::newRow("word") << "yesterday";
        QTest::newRow("slashes") << "2024/03/05";
        QTest::newRow("short year") << "24-03-05";
        QTest::newRow("month 13") << "2024-13-01";
        QTest::newRow("month 0") << "2024-00-10";
        QTest::newRow("day 32") << "2024-01-32";
        QTest::newRow("day 0") << "2024-01-00";
        QTest::newRow("hour 25") << "2024-01-01T25:00:00";
        QTest::newRow("minute 60") << "2024-01-01T10:60:00";
        QTest::newRow("second 61") << "2024-01-01T10:00:61";
        QTest::newRow("hour only") << "2024-01-01T10";
        QTest::newRow("bad separator") << "2024-01-01X10:00:00";
        QTest::newRow("dot without digits") << "2024-01-01T10:00:00.Z";
        QTest::newRow("one-digit offset") << "2024-01-01T10:00:00+2";
        QTest::newRow("zone name") << "2024-01-01T10:00:00 UTC";
        QTest::newRow("trailing text") << "2024-01-01T10:00:00Zjunk";
        QTest::newRow("letters in time") << "2024-01-01Tab:cd:ef";
        // Calendar validity: these days do not exist (Python's datetime and pendulum reject them).
        QTest::newRow("Feb 29 in a common year") << "2023-02-29T00:00:00";
        QTest::newRow("Feb 30") << "2024-02-30";
        QTest::newRow("Apr 31") << "2024-04-31T12:00:00Z";
        QTest::newRow("Feb 29 in 1900 (not a leap year)") << "1900-02-29T00:00:00Z";
    }
    void dltTimestampFormReadsAsTheGeneralForm_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("valid");
        QTest::newRow("dlt's form") << "2023-11-21T12:32:54.045412+00:00" << true;
        QTest::newRow("leap day") << "2024-02-29T23:59:59.999999+00:00" << true;
        QTest::newRow("year 1") << "0001-01-01T00:00:00.000000+00:00" << true;
        QTest::newRow("Feb 29 in a common year") << "2023-02-29T00:00:00.000000+00:00" << false;
        QTest::newRow("hour 24") << "2023-01-01T24:00:00.000000+00:00" << false;
        QTest::newRow("letter in the fraction") << "2023-01-01T10:00:00.00a000+00:00" << false;
        QTest::newRow("sign in the fraction") << "2023-01-01T10:00:00.-00000+00:00" << false;
    }
    void dltTimestampFormReadsAsTheGeneralForm()
    {
        // dlt's own 32-character form has a fixed-position reader; the same text with a space
        // after it (trimmed) goes through the general one. Both must say the same.
        QFETCH(QString, input);
        QFETCH(bool, valid);
        const std::string fast = input.toStdString();
        const std::string general = fast + " ";
        TimestampParts a, b;
        QCOMPARE(wharf::parseTimestamp(fast, a), valid);
        QCOMPARE(wharf::parseTimestamp(general, b), valid);
        if (!valid)
            return;
        QCOMPARE(std::tie(a.year, a.month, a.day, a.hour, a.minute, a.second, a.nanos, a.offsetMinutes),
                 std::tie(b.year, b.month, b.day, b.hour, b.minute, b.second, b.nanos, b.offsetMinutes));
        QCOMPARE(a.fraction, b.fraction);
        QCOMPARE(a.fraction.size(), std::size_t(6));
    }

    void checkTimestampAgreesWithConvert()
    {
        // The COPY text encoder only checks a timestamp (and sends it as written): it must
        // refuse exactly what convert() refuses, with the same message.
        Coercer::Options o;
        o.temporal = TemporalStyle::IsoUtc;
        Coercer c(column(DataType::Timestamp), o);
        const QList<Value> values{str("2023-11-21T12:32:54.045412+00:00"),
                                  str("2024-01-01 10:00:00"),
                                  str("  2024-01-01T10:00:00Z "),
                                  str("2024-02-30"),
                                  str("yesterday"),
                                  str("2024-01-01T10:00:00.Z"),
                                  str("2024-01-01", ValueKind::Date),
                                  str("2024-01-01T00:00:00", ValueKind::Timestamp),
                                  integer(1700000000),
                                  boolean(true),
                                  dbl(1.5)};
        for (const Value &v : values) {
            QString viaConvert, viaCheck;
            try {
                c.convert(v);
            } catch (const Error &e) {
                viaConvert = e.message();
            }
            try {
                c.checkTimestamp(v);
            } catch (const Error &e) {
                viaCheck = e.message();
            }
            QCOMPARE(viaCheck, viaConvert);
        }
    }

    void normalizeTimestampRejects()
    {
        QFETCH(QString, input);
        std::string out;
        QVERIFY2(!wharf::normalizeTimestamp(input.toStdString(), TemporalStyle::SqliteUtc, 6, out),
                 qPrintable(QStringLiteral("accepted as %1").arg(QString::fromStdString(out))));
    }

    void convert_data()
    {
        QTest::addColumn<Column>("col");
        QTest::addColumn<Coercer::Options>("opts");
        QTest::addColumn<Value>("value");
        QTest::addColumn<QString>("expected");

        const auto ts = column(DataType::Timestamp);
        const auto sqlite = options();
        const auto iso = options(true, false, TemporalStyle::IsoUtc);

        // NULL stays NULL whatever the type.
        QTest::newRow("null bigint") << column(DataType::Bigint) << sqlite << null() << "null";
        QTest::newRow("null not-null text") << column(DataType::Text, {}, false) << sqlite << null() << "null";

        // Timestamps through the column (precision from the column, default 6).
        QTest::newRow("timestamp string +02:00")
            << ts << sqlite << str("2024-01-01T01:00:00+02:00") << "text:2023-12-31 23:00:00.000000";
        QTest::newRow("timestamp iso style")
            << ts << iso << str("2024-01-01T01:00:00+02:00") << "text:2023-12-31T23:00:00.000000+00:00";
        QTest::newRow("timestamp typed marker") << ts << sqlite << str("2024-06-30T22:00:00-0200", ValueKind::Timestamp)
                                                << "text:2024-07-01 00:00:00.000000";
        QTest::newRow("date value into timestamp column")
            << ts << sqlite << str("2024-03-05", ValueKind::Date) << "text:2024-03-05 00:00:00.000000";
        QTest::newRow("date string into timestamp column")
            << ts << iso << str("2024-02-29") << "text:2024-02-29T00:00:00.000000+00:00";
        QTest::newRow("timestamp 9 digits into precision 3")
            << column(DataType::Timestamp, 3) << sqlite << str("2024-03-05T10:20:30.123456789Z")
            << "text:2024-03-05 10:20:30.123";
        QTest::newRow("timestamp precision 0")
            << column(DataType::Timestamp, 0) << iso << str("2024-03-05 10:20:30.9+01:00")
            << "text:2024-03-05T09:20:30+00:00";
        QTest::newRow("timestamp 1 digit default precision")
            << ts << sqlite << str("2024-03-05 10:20:30.5") << "text:2024-03-05 10:20:30.500000";

        // Dates are kept as written (first 10 characters).
        QTest::newRow("date") << column(DataType::Date) << sqlite << str("2024-02-29") << "text:2024-02-29";
        QTest::newRow("date from timestamp text")
            << column(DataType::Date) << sqlite << str("2024-02-29T10:00:00", ValueKind::Timestamp)
            << "text:2024-02-29";

        // Times.
        QTest::newRow("time") << column(DataType::Time) << sqlite << str("10:20:30") << "text:10:20:30.000000";
        QTest::newRow("time typed with fraction")
            << column(DataType::Time) << sqlite << str("10:20:30.5", ValueKind::Time) << "text:10:20:30.500000";
        QTest::newRow("time without seconds")
            << column(DataType::Time) << sqlite << str("07:05") << "text:07:05:00.000000";
        QTest::newRow("time 9 digits truncated")
            << column(DataType::Time) << sqlite << str("23:59:59.999999999") << "text:23:59:59.999999";
        QTest::newRow("time precision 3")
            << column(DataType::Time, 3) << sqlite << str("01:02:03.456789") << "text:01:02:03.456";
        QTest::newRow("time with Z") << column(DataType::Time) << iso << str("10:20:30Z") << "text:10:20:30.000000";
        // time is a wall-clock value: an offset is dropped, never applied (as PostgreSQL's time).
        QTest::newRow("time with offset keeps wall clock")
            << column(DataType::Time) << sqlite << str("09:16:59.5+02:00") << "text:09:16:59.500000";
        {
            // A naive timestamp column keeps the wall-clock time as written, offset dropped.
            Column naive = column(DataType::Timestamp);
            naive.timezone = false;
            QTest::newRow("naive timestamp keeps wall clock")
                << naive << sqlite << str("2024-04-05T09:16:59+02:00") << "text:2024-04-05 09:16:59.000000";
            QTest::newRow("aware timestamp converts to UTC")
                << column(DataType::Timestamp) << sqlite << str("2024-04-05T09:16:59+02:00")
                << "text:2024-04-05 07:16:59.000000";
        }

        // Bigint.
        QTest::newRow("bigint from int") << column(DataType::Bigint) << sqlite << integer(-42) << "int:-42";
        QTest::newRow("bigint from whole double") << column(DataType::Bigint) << sqlite << dbl(3.0, "3.0") << "int:3";
        QTest::newRow("bigint from big whole double")
            << column(DataType::Bigint) << sqlite << dbl(1e18) << "int:1000000000000000000";
        QTest::newRow("bigint from string") << column(DataType::Bigint) << sqlite << str("123") << "int:123";
        QTest::newRow("bigint from +5") << column(DataType::Bigint) << sqlite << str("+5") << "int:5";
        QTest::newRow("bigint from -7") << column(DataType::Bigint) << sqlite << str("-7") << "int:-7";
        QTest::newRow("bigint from padded string") << column(DataType::Bigint) << sqlite << str(" 12\t") << "int:12";
        QTest::newRow("bigint max") << column(DataType::Bigint) << sqlite << str("9223372036854775807")
                                    << "int:9223372036854775807";
        QTest::newRow("bigint min") << column(DataType::Bigint) << sqlite << str("-9223372036854775808")
                                    << "int:-9223372036854775808";
        QTest::newRow("bigint from decimal marker")
            << column(DataType::Bigint) << sqlite << str("77", ValueKind::Decimal) << "int:77";
        QTest::newRow("bigint from bool") << column(DataType::Bigint) << sqlite << boolean(true) << "int:1";

        // Double.
        QTest::newRow("double from double") << column(DataType::Double) << sqlite << dbl(1.5) << "double:1.5";
        QTest::newRow("double from int") << column(DataType::Double) << sqlite << integer(7) << "double:7";
        QTest::newRow("double from nan") << column(DataType::Double) << sqlite << str("nan") << "double:nan";
        QTest::newRow("double from NaN") << column(DataType::Double) << sqlite << str("NaN") << "double:nan";
        QTest::newRow("double from inf") << column(DataType::Double) << sqlite << str("inf") << "double:inf";
        QTest::newRow("double from Infinity") << column(DataType::Double) << sqlite << str("Infinity") << "double:inf";
        QTest::newRow("double from -inf") << column(DataType::Double) << sqlite << str("-inf") << "double:-inf";
        QTest::newRow("double from 1e+20") << column(DataType::Double) << sqlite << str("1e+20") << "double:1e+20";
        QTest::newRow("double from +2.5") << column(DataType::Double) << sqlite << str("+2.5") << "double:2.5";
        QTest::newRow("double from -0.125") << column(DataType::Double) << sqlite << str("-0.125") << "double:-0.125";
        QTest::newRow("double from decimal marker")
            << column(DataType::Double) << sqlite << str("12.75", ValueKind::Decimal) << "double:12.75";

        // Bool, native and as 0/1.
        const auto b = column(DataType::Bool);
        const auto native = options(true);
        const auto ints = options(false);
        QTest::newRow("bool True native") << b << native << str("True") << "text:true";
        QTest::newRow("bool False native") << b << native << str("False") << "text:false";
        QTest::newRow("bool true native") << b << native << str("true") << "text:true";
        QTest::newRow("bool false native") << b << native << str("false") << "text:false";
        QTest::newRow("bool '1' native") << b << native << str("1") << "text:true";
        QTest::newRow("bool '0' native") << b << native << str("0") << "text:false";
        QTest::newRow("bool value native") << b << native << boolean(true) << "text:true";
        QTest::newRow("bool int 0 native") << b << native << integer(0) << "text:false";
        QTest::newRow("bool True as int") << b << ints << str("True") << "int:1";
        QTest::newRow("bool False as int") << b << ints << str("False") << "int:0";
        QTest::newRow("bool true as int") << b << ints << str("true") << "int:1";
        QTest::newRow("bool false as int") << b << ints << str("false") << "int:0";
        QTest::newRow("bool '1' as int") << b << ints << str("1") << "int:1";
        QTest::newRow("bool '0' as int") << b << ints << str("0") << "int:0";
        QTest::newRow("bool value false as int") << b << ints << boolean(false) << "int:0";
        QTest::newRow("bool int 1 as int") << b << ints << integer(1) << "int:1";

        // Decimal and wei: text kept exactly (digits, trailing zeros, exponent).
        const auto dec = column(DataType::Decimal);
        QTest::newRow("decimal trailing zeros") << dec << sqlite << str("123.4500") << "text:123.4500";
        QTest::newRow("decimal beyond double precision")
            << dec << sqlite << str("12345678901234567890.123456789") << "text:12345678901234567890.123456789";
        QTest::newRow("decimal marker") << dec << sqlite << str("-0.000000001", ValueKind::Decimal)
                                        << "text:-0.000000001";
        QTest::newRow("decimal exponent") << dec << sqlite << str("1e5") << "text:1e5";
        QTest::newRow("decimal beyond double range") << dec << sqlite << str("1e400") << "text:1e400";
        QTest::newRow("decimal trimmed") << dec << sqlite << str(" 1.5 ") << "text:1.5";
        QTest::newRow("decimal from int") << dec << sqlite << integer(5) << "int:5";
        QTest::newRow("decimal from double as written") << dec << sqlite << dbl(1.1, "1.10") << "text:1.10";
        QTest::newRow("decimal from bare double") << dec << sqlite << dbl(0.5) << "double:0.5";
        QTest::newRow("wei") << column(DataType::Wei) << sqlite
                             << str("340282366920938463463374607431768211455", ValueKind::Decimal)
                             << "text:340282366920938463463374607431768211455";

        // Binary.
        const auto bin = column(DataType::Binary);
        const auto b64 = options(true, false, TemporalStyle::SqliteUtc, true);
        QTest::newRow("binary from postgres hex") << bin << sqlite << str("\\x6869") << "blob:6869";
        QTest::newRow("binary from upper-case hex") << bin << sqlite << str("\\xDEADBEEF") << "blob:deadbeef";
        QTest::newRow("binary empty hex") << bin << sqlite << str("\\x") << "blob:";
        QTest::newRow("binary hex with base64 option") << bin << b64 << str("\\x00ff") << "blob:00ff";
        QTest::newRow("binary from base64") << bin << b64 << str("aGk=") << "blob:6869";
        QTest::newRow("binary from base64 no padding issue") << bin << b64 << str("AAEC") << "blob:000102";
        QTest::newRow("binary base64 text without the option") << bin << sqlite << str("aGk=") << "blob:61476b3d";
        QTest::newRow("binary raw bytes") << bin << b64 << str("hi", ValueKind::Binary) << "blob:6869";
        QTest::newRow("binary bare base64 marker is b''") << bin << b64 << str("\xEF\x80\xAB") << "blob:";
        QTest::newRow("binary bare hex marker is b''") << bin << sqlite << str("\xEF\x80\xAA") << "blob:";

        // csv: empty field -> NULL only in a nullable column and only with emptyIsNull.
        const auto csv = options(true, true);
        QTest::newRow("csv empty in nullable text") << column(DataType::Text) << csv << str("") << "null";
        QTest::newRow("csv empty in NOT NULL text") << column(DataType::Text, {}, false) << csv << str("") << "text:";
        QTest::newRow("csv empty in nullable bigint") << column(DataType::Bigint) << csv << str("") << "null";
        QTest::newRow("csv empty in nullable timestamp") << ts << csv << str("") << "null";
        QTest::newRow("csv blank is not empty") << column(DataType::Text) << csv << str(" ") << "text: ";
        QTest::newRow("empty without emptyIsNull") << column(DataType::Text) << sqlite << str("") << "text:";

        // Text (and json, and a column without a type).
        const auto text = column(DataType::Text);
        QTest::newRow("text from string") << text << sqlite << str("héllo") << "text:héllo";
        QTest::newRow("text from int") << text << sqlite << integer(-9223372036854775807LL - 1)
                                       << "text:-9223372036854775808";
        QTest::newRow("text from double as written") << text << sqlite << dbl(1.5, "1.50") << "text:1.50";
        QTest::newRow("text from bare double") << text << sqlite << dbl(1.5) << "text:1.5";
        QTest::newRow("text from bare 1e20") << text << sqlite << dbl(1e20) << "text:1e+20";
        // Python's str(100.0) -- the rule the coercer follows for bools -- is "100.0".
        QTest::newRow("text from bare whole double") << text << sqlite << dbl(100.0) << "text:100.0";
        QTest::newRow("text from True") << text << sqlite << boolean(true) << "text:True";
        QTest::newRow("text from False") << text << sqlite << boolean(false) << "text:False";
        QTest::newRow("json") << column(DataType::Json) << sqlite << str("{\"a\":[1,2]}", ValueKind::Json)
                              << "text:{\"a\":[1,2]}";
        // As dlt's SQLite destination stores json: Python's json.dumps text.
        Coercer::Options py = sqlite;
        py.pythonJson = true;
        QTest::newRow("json as python writes it")
            << column(DataType::Json) << py << str("{\"a\":[1,2.50,\"\xC3\xBC\"]}", ValueKind::Json)
            << "text:{\"a\": [1, 2.5, \"\\u00fc\"]}";
        QTest::newRow("json string that is json")
            << column(DataType::Json) << py << str("[true,null]") << "text:[true, null]";
        QTest::newRow("json string that is not json")
            << column(DataType::Json) << py << str("not json") << "text:not json";
        QTest::newRow("json bool") << column(DataType::Json) << py << boolean(true) << "text:true";
        QTest::newRow("json bare double") << column(DataType::Json) << py << dbl(1e300) << "text:1e+300";
        // As dlt's SQLite destination: precision hints do not cut digits.
        Column ts3 = column(DataType::Timestamp);
        ts3.precision = 3;
        Coercer::Options full = sqlite;
        full.ignoreTemporalPrecision = true;
        QTest::newRow("precision 3 cut") << ts3 << sqlite << str("2024-01-01T00:00:00.123456+00:00")
                                         << "text:2024-01-01 00:00:00.123";
        QTest::newRow("precision 3 kept whole")
            << ts3 << full << str("2024-01-01T00:00:00.123456+00:00") << "text:2024-01-01 00:00:00.123456";
        Column untyped;
        untyped.name = QStringLiteral("incomplete");
        QTest::newRow("no data type is text") << untyped << sqlite << integer(3) << "text:3";
    }
    void convert()
    {
        QFETCH(Column, col);
        QFETCH(Coercer::Options, opts);
        QFETCH(Value, value);
        Coercer coercer(col, opts);
        QCOMPARE(coercer.columnName(), col.name);
        QString actual;
        try {
            actual = render(coercer.convert(value));
        } catch (const Error &e) {
            QFAIL(qPrintable(QStringLiteral("unexpected error: ") + e.fullText()));
        }
        QTEST(actual, "expected");
    }

    void rejects_data()
    {
        QTest::addColumn<Column>("col");
        QTest::addColumn<Coercer::Options>("opts");
        QTest::addColumn<Value>("value");

        const auto sqlite = options();
        const auto ts = column(DataType::Timestamp, {}, true, QStringLiteral("created_at"));
        const auto big = column(DataType::Bigint, {}, true, QStringLiteral("id"));
        const auto dbl_ = column(DataType::Double, {}, true, QStringLiteral("ratio"));
        const auto b = column(DataType::Bool, {}, true, QStringLiteral("flag"));
        const auto dec = column(DataType::Decimal, {}, true, QStringLiteral("amount"));
        const auto bin = column(DataType::Binary, {}, true, QStringLiteral("payload"));
        const auto date = column(DataType::Date, {}, true, QStringLiteral("day"));
        const auto time = column(DataType::Time, {}, true, QStringLiteral("at"));

        QTest::newRow("timestamp word") << ts << sqlite << str("not a date");
        QTest::newRow("timestamp month 13") << ts << sqlite << str("2024-13-01T00:00:00");
        QTest::newRow("timestamp from int") << ts << sqlite << integer(1700000000);
        QTest::newRow("timestamp from bool") << ts << sqlite << boolean(true);
        QTest::newRow("timestamp empty") << ts << sqlite << str("");
        QTest::newRow("timestamp Feb 30") << ts << sqlite << str("2024-02-30T00:00:00Z");
        QTest::newRow("bigint out of range") << big << sqlite << str("9223372036854775808");
        QTest::newRow("bigint below range") << big << sqlite << str("-9223372036854775809");
        QTest::newRow("bigint fraction text") << big << sqlite << str("1.5");
        QTest::newRow("bigint word") << big << sqlite << str("twelve");
        QTest::newRow("bigint empty") << big << sqlite << str("");
        QTest::newRow("bigint sign only") << big << sqlite << str("+");
        QTest::newRow("bigint two signs") << big << sqlite << str("+-5");
        QTest::newRow("bigint fractional double") << big << sqlite << dbl(2.5);
        QTest::newRow("bigint nan double") << big << sqlite << dbl(std::nan(""));
        QTest::newRow("bigint huge double") << big << sqlite << dbl(1e19);
        QTest::newRow("bigint json") << big << sqlite << str("[1]", ValueKind::Json);
        QTest::newRow("double word") << dbl_ << sqlite << str("abc");
        QTest::newRow("double empty") << dbl_ << sqlite << str("");
        QTest::newRow("double trailing text") << dbl_ << sqlite << str("1.5x");
        QTest::newRow("double two signs") << dbl_ << sqlite << str("+-1.5");
        QTest::newRow("double from bool") << dbl_ << sqlite << boolean(true);
        QTest::newRow("bool yes") << b << sqlite << str("yes");
        QTest::newRow("bool int 2") << b << sqlite << integer(2);
        QTest::newRow("bool double") << b << sqlite << dbl(1.0);
        QTest::newRow("decimal word") << dec << sqlite << str("ten");
        QTest::newRow("decimal empty") << dec << sqlite << str("");
        QTest::newRow("decimal two signs") << dec << sqlite << str("+-5");
        QTest::newRow("decimal double minus") << dec << sqlite << str("--5");
        QTest::newRow("decimal bool") << dec << sqlite << boolean(false);
        QTest::newRow("binary odd hex") << bin << sqlite << str("\\x686");
        QTest::newRow("binary bad hex") << bin << sqlite << str("\\xzz");
        QTest::newRow("binary bad base64")
            << bin << options(true, false, TemporalStyle::SqliteUtc, true) << str("!!!!");
        QTest::newRow("binary from int") << bin << sqlite << integer(1);
        QTest::newRow("date word") << date << sqlite << str("today");
        QTest::newRow("date month 13") << date << sqlite << str("2024-13-01");
        QTest::newRow("date Feb 30") << date << sqlite << str("2024-02-30");
        QTest::newRow("date from int") << date << sqlite << integer(20240101);
        QTest::newRow("time word") << time << sqlite << str("noon");
        QTest::newRow("time hour 25") << time << sqlite << str("25:00:00");
        QTest::newRow("time from int") << time << sqlite << integer(1200);
        QTest::newRow("NOT NULL bigint empty csv")
            << column(DataType::Bigint, {}, false, QStringLiteral("id")) << options(true, true) << str("");
    }
    void rejects()
    {
        QFETCH(Column, col);
        QFETCH(Coercer::Options, opts);
        QFETCH(Value, value);
        Coercer coercer(col, opts);
        try {
            const Cell c = coercer.convert(value);
            QFAIL(qPrintable(QStringLiteral("accepted as ") + render(c)));
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
            QCOMPARE(e.location().field, col.name);
            QVERIFY2(e.message().contains(col.name), qPrintable(e.message()));
            QVERIFY2(e.message().contains(dataTypeName(*col.dataType)), qPrintable(e.message()));
        }
    }

    void scratchIsReusedSafely()
    {
        // Each convert() owns the result until the next call: the previous Cell may dangle, the
        // current one must be complete.
        Coercer c(column(DataType::Timestamp), options());
        const Cell first = c.convert(str("2024-01-01T00:00:00Z"));
        QCOMPARE(render(first), QStringLiteral("text:2024-01-01 00:00:00.000000"));
        const Cell second = c.convert(str("1999-12-31T23:59:59.5-01:00"));
        QCOMPARE(render(second), QStringLiteral("text:2000-01-01 00:59:59.500000"));
    }
};

QTEST_GUILESS_MAIN(tst_Coerce)
#include "tst_Coerce.moc"
