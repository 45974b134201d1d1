#include "load/Coerce.h"

#include "formats/PythonJson.h"

#include "Error.h"

#include <QByteArray>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace wharf {

namespace {

[[gnu::always_inline]] inline bool digits(std::string_view s, std::size_t pos, std::size_t n, int &out)
{
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const char c = s[pos + k];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

void civilFromDays(std::int64_t z, int &y, int &m, int &d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t yy = std::int64_t(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = int(yy + (m <= 2));
}

inline bool validDay(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

// Skips one leading '+' (from_chars does not accept it) but never a second sign.
const char *skipPlus(const char *b, const char *e)
{
    if (b != e && *b == '+' && b + 1 != e && b[1] != '-' && b[1] != '+')
        return b + 1;
    return b;
}

// Two decimal digits of 0 <= v <= 99.
char *put2(char *p, int v)
{
    p[0] = char('0' + v / 10);
    p[1] = char('0' + v % 10);
    return p + 2;
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// dlt's own form of an aware timestamp, `YYYY-MM-DDTHH:MM:SS.ffffff+00:00` (Python's
// isoformat() in UTC), read with fixed positions; false when `in` is not exactly that, and the
// general reader decides. Gives what the general reader gives for the same text.
bool parseDltTimestamp(std::string_view in, TimestampParts &out)
{
    if (in.size() != 32 || in[4] != '-' || in[7] != '-' || in[10] != 'T' || in[13] != ':' || in[16] != ':' ||
        in[19] != '.' || in.substr(26) != "+00:00")
        return false;
    const char *s = in.data();
    bool ok = true;
    const auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t k = at; k < at + n; ++k) {
            const unsigned digit = unsigned(s[k] - '0');
            ok &= digit < 10;
            v = v * 10 + int(digit);
        }
        return v;
    };
    const int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), sec = num(17, 2);
    const long micros = num(20, 6);
    if (!ok || !validDay(y, mo, d) || h > 23 || mi > 59 || sec > 59)
        return false;
    out = TimestampParts{y, mo, d, h, mi, sec, micros * 1000, in.substr(20, 6), 0};
    return true;
}

} // namespace

bool parseTimestamp(std::string_view in, TimestampParts &out)
{
    if (parseDltTimestamp(in, out))
        return true;
    in = trimmed(in);
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!digits(in, 0, 4, y) || in.size() < 10 || in[4] != '-' || !digits(in, 5, 2, mo) || in[7] != '-' ||
        !digits(in, 8, 2, d))
        return false;
    if (!validDay(y, mo, d))
        return false;
    std::size_t p = 10;
    long nanos = 0;
    std::string_view fraction;
    int offsetMinutes = 0;
    if (p < in.size()) {
        if (in[p] != 'T' && in[p] != ' ' && in[p] != 't')
            return false;
        ++p;
        if (!digits(in, p, 2, h) || p + 2 >= in.size() + 0 || in[p + 2] != ':' || !digits(in, p + 3, 2, mi))
            return false;
        p += 5;
        if (p < in.size() && in[p] == ':') {
            if (!digits(in, p + 1, 2, sec))
                return false;
            p += 3;
        }
        if (p < in.size() && (in[p] == '.' || in[p] == ',')) {
            ++p;
            const std::size_t from = p;
            int n = 0;
            while (p < in.size() && in[p] >= '0' && in[p] <= '9') {
                if (n < 9) {
                    nanos = nanos * 10 + (in[p] - '0');
                    ++n;
                }
                ++p;
            }
            if (n == 0)
                return false;
            for (; n < 9; ++n)
                nanos *= 10;
            fraction = in.substr(from, p - from);
        }
        if (p < in.size()) {
            const char c = in[p];
            if (c == 'Z' || c == 'z') {
                ++p;
            } else if (c == '+' || c == '-') {
                int oh = 0, om = 0;
                if (!digits(in, p + 1, 2, oh))
                    return false;
                std::size_t q = p + 3;
                const bool colon = q < in.size() && in[q] == ':';
                if (colon)
                    ++q;
                if (q < in.size() || colon) {
                    if (!digits(in, q, 2, om))
                        return false;
                    q += 2;
                }
                if (oh > 23 || om > 59)
                    return false;
                offsetMinutes = (oh * 60 + om) * (c == '-' ? -1 : 1);
                p = q;
            }
        }
        // Python's datetime (what dlt writes from) has no hour 24 and no leap second.
        if (p != in.size() || h > 23 || mi > 59 || sec > 59)
            return false;
    }
    out = TimestampParts{y, mo, d, h, mi, sec, nanos, fraction, offsetMinutes};
    return true;
}

bool normalizeTimestamp(std::string_view in, TemporalStyle style, int precision, std::string &out, bool keepWallClock)
{
    TimestampParts t;
    if (!parseTimestamp(in, t))
        return false;
    int y = t.year, mo = t.month, d = t.day, h = t.hour, mi = t.minute, sec = t.second;
    const long nanos = t.nanos;
    int offsetMinutes = t.offsetMinutes;
    // A naive column keeps the wall-clock time as written (PostgreSQL and SQLAlchemy both drop
    // the offset there); an aware one is converted to UTC.
    if (keepWallClock)
        offsetMinutes = 0;
    std::int64_t secs = daysSinceEpoch(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offsetMinutes * 60;
    std::int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    std::int64_t rem = secs - days * 86400;
    civilFromDays(days, y, mo, d);
    h = int(rem / 3600);
    mi = int(rem % 3600 / 60);
    sec = int(rem % 60);
    if (precision < 0 || precision > 9)
        precision = 6;
    // Formatted by hand: this runs for every timestamp of a load, and snprintf was a fifth of
    // the client's CPU on timestamp-heavy tables. Years outside 0..9999 (an offset pushed a
    // Python year 1 or 9999 over the edge) take the slow path, with their sign and width.
    char buf[64];
    char *w = buf;
    if (y >= 0 && y <= 9999) {
        w = put2(put2(w, y / 100), y % 100);
    } else {
        w += std::snprintf(buf, 16, "%04d", y);
    }
    *w++ = '-';
    w = put2(w, mo);
    *w++ = '-';
    w = put2(w, d);
    *w++ = style == TemporalStyle::SqliteUtc ? ' ' : 'T';
    w = put2(w, h);
    *w++ = ':';
    w = put2(w, mi);
    *w++ = ':';
    w = put2(w, sec);
    if (precision > 0) {
        long frac = nanos;
        for (int k = precision; k < 9; ++k)
            frac /= 10;
        *w++ = '.';
        for (int k = precision - 1; k >= 0; --k) {
            w[k] = char('0' + frac % 10);
            frac /= 10;
        }
        w += precision;
    }
    const int len = int(w - buf);
    out.assign(buf, std::size_t(len));
    if (style == TemporalStyle::IsoUtc)
        out += "+00:00";
    return true;
}

Coercer::Coercer(const Column &column, Options options)
    : m_column(column)
    , m_type(column.dataType.value_or(DataType::Text))
    , m_options(options)
{}

void Coercer::fail(const Value &v, const char *what) const
{
    QString shown = QString::fromUtf8(v.text.data(), qsizetype(std::min<std::size_t>(v.text.size(), 60)));
    if (v.kind == ValueKind::Int)
        shown = QString::number(v.i);
    else if (v.kind == ValueKind::Bool)
        shown = v.b ? QStringLiteral("true") : QStringLiteral("false");
    throw Error(ErrorKind::Terminal,
                QStringLiteral("value '%1' cannot be stored in column %2 of type %3 (%4)")
                    .arg(shown, clipForMessage(m_column.name), dataTypeName(m_type), QLatin1String(what)),
                SourceLocation{{}, 0, 0, m_column.name});
}

Cell Coercer::convert(const Value &v)
{
    if (v.kind == ValueKind::Null)
        return {};
    if (m_options.emptyIsNull && v.kind == ValueKind::String && v.text.empty() && m_column.nullable)
        return {};
    switch (m_type) {
    case DataType::Bigint:
        return toInt(v);
    case DataType::Double:
        return toDouble(v);
    case DataType::Bool:
        return toBool(v);
    case DataType::Timestamp:
        return toTimestamp(v);
    case DataType::Date:
        return toDate(v);
    case DataType::Time:
        return toTime(v);
    case DataType::Binary:
        return toBinary(v);
    case DataType::Decimal:
    case DataType::Wei:
        return toDecimal(v);
    case DataType::Json:
        if (m_options.pythonJson)
            return toJson(v);
        break;
    case DataType::Text:
        break;
    }
    return toText(v);
}

Cell Coercer::toInt(const Value &v)
{
    Cell c;
    c.type = Cell::Type::Int;
    switch (v.kind) {
    case ValueKind::Int:
        c.i = v.i;
        return c;
    case ValueKind::Bool:
        c.i = v.b ? 1 : 0;
        return c;
    case ValueKind::Double:
        if (std::isfinite(v.d) && std::floor(v.d) == v.d && std::fabs(v.d) < 9.2e18) {
            c.i = std::int64_t(v.d);
            return c;
        }
        fail(v, "not an integer");
    case ValueKind::String:
    case ValueKind::Decimal: {
        const std::string_view s = trimmed(v.text);
        const char *e = s.data() + s.size();
        const char *b = skipPlus(s.data(), e);
        const auto r = std::from_chars(b, e, c.i);
        if (r.ec == std::errc() && r.ptr == e && b != e)
            return c;
        fail(v, r.ec == std::errc::result_out_of_range ? "out of the 64-bit integer range" : "not an integer");
    }
    default:
        fail(v, "not an integer");
    }
}

Cell Coercer::toDouble(const Value &v)
{
    Cell c;
    c.type = Cell::Type::Double;
    switch (v.kind) {
    case ValueKind::Double:
        c.d = v.d;
        return c;
    case ValueKind::Int:
        c.d = double(v.i);
        return c;
    case ValueKind::String:
    case ValueKind::Decimal: {
        const std::string_view s = trimmed(v.text);
        if (s == "nan" || s == "NaN") {
            c.d = std::nan("");
            return c;
        }
        if (s == "inf" || s == "Infinity") {
            c.d = HUGE_VAL;
            return c;
        }
        if (s == "-inf" || s == "-Infinity") {
            c.d = -HUGE_VAL;
            return c;
        }
        const char *e = s.data() + s.size();
        const char *b = skipPlus(s.data(), e);
        const auto r = std::from_chars(b, e, c.d);
        if (r.ec == std::errc() && r.ptr == e && b != e)
            return c;
        fail(v, "not a number");
    }
    default:
        fail(v, "not a number");
    }
}

Cell Coercer::toBool(const Value &v)
{
    Cell c;
    c.type = Cell::Type::Int;
    bool b = false;
    switch (v.kind) {
    case ValueKind::Bool:
        b = v.b;
        break;
    case ValueKind::Int:
        if (v.i != 0 && v.i != 1)
            fail(v, "not a boolean");
        b = v.i == 1;
        break;
    case ValueKind::String: {
        const std::string_view s = trimmed(v.text);
        if (s == "True" || s == "true" || s == "TRUE" || s == "t" || s == "1")
            b = true;
        else if (s == "False" || s == "false" || s == "FALSE" || s == "f" || s == "0")
            b = false;
        else
            fail(v, "not a boolean");
        break;
    }
    default:
        fail(v, "not a boolean");
    }
    if (m_options.nativeBool) {
        c.type = Cell::Type::Text;
        c.s = b ? std::string_view("true") : std::string_view("false");
    } else {
        c.i = b ? 1 : 0;
    }
    return c;
}

Cell Coercer::toText(const Value &v)
{
    Cell c;
    c.type = Cell::Type::Text;
    switch (v.kind) {
    case ValueKind::Int: {
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v.i);
        m_scratch.assign(buf, r.ptr);
        c.s = m_scratch;
        return c;
    }
    case ValueKind::Double:
        if (v.text.empty()) {
            char buf[64];
            const auto r = std::to_chars(buf, buf + sizeof buf, v.d);
            m_scratch.assign(buf, r.ptr);
            // Python's str(float) keeps a ".0" on whole numbers (100.0, not 100).
            if (m_scratch.find_first_of(".eEn") == std::string::npos)
                m_scratch += ".0";
            c.s = m_scratch;
        } else {
            c.s = v.text;
        }
        return c;
    case ValueKind::Bool:
        // Python's str(bool), as dlt would render it into a text column.
        c.s = v.b ? std::string_view("True") : std::string_view("False");
        return c;
    case ValueKind::Binary:
        c.type = Cell::Type::Blob;
        c.s = v.text;
        return c;
    default:
        c.s = v.text;
        return c;
    }
}

int Coercer::temporalPrecision() const
{
    return m_options.ignoreTemporalPrecision ? 6 : m_column.precision.value_or(6);
}

Cell Coercer::toJson(const Value &v)
{
    Cell c;
    c.type = Cell::Type::Text;
    switch (v.kind) {
    case ValueKind::Bool:
        c.s = v.b ? std::string_view("true") : std::string_view("false");
        return c;
    case ValueKind::Double:
        if (v.text.empty()) {
            m_scratch = pythonFloatRepr(v.d);
            c.s = m_scratch;
            return c;
        }
        break;
    case ValueKind::Json:
    case ValueKind::String:
        // JSON text from a jsonl object, or a string holding JSON (insert_values, csv): written
        // back as Python would; a string that is not JSON stays as it is.
        if (toPythonJson(v.text, m_scratch)) {
            c.s = m_scratch;
            return c;
        }
        break;
    default:
        break;
    }
    return toText(v);
}

TimestampParts Coercer::checkTimestamp(const Value &v) const
{
    if (v.kind != ValueKind::String && v.kind != ValueKind::Timestamp && v.kind != ValueKind::Date)
        fail(v, "not a timestamp");
    TimestampParts parts;
    if (!parseTimestamp(v.text, parts)) // what normalizeTimestamp() refuses, no more
        fail(v, "not an ISO-8601 timestamp");
    return parts;
}

Cell Coercer::toTimestamp(const Value &v)
{
    if (v.kind != ValueKind::String && v.kind != ValueKind::Timestamp && v.kind != ValueKind::Date)
        fail(v, "not a timestamp");
    const int precision = temporalPrecision();
    if (!normalizeTimestamp(v.text, m_options.temporal, precision, m_scratch, !m_column.timezone))
        fail(v, "not an ISO-8601 timestamp");
    Cell c;
    c.type = Cell::Type::Text;
    c.s = m_scratch;
    return c;
}

Cell Coercer::toDate(const Value &v)
{
    if (v.kind != ValueKind::String && v.kind != ValueKind::Date && v.kind != ValueKind::Timestamp)
        fail(v, "not a date");
    const std::string_view s = trimmed(v.text);
    int y, m, d;
    if (s.size() < 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' ||
        !digits(s, 8, 2, d) || !validDay(y, m, d))
        fail(v, "not a YYYY-MM-DD date");
    Cell c;
    c.type = Cell::Type::Text;
    c.s = s.substr(0, 10);
    return c;
}

Cell Coercer::toTime(const Value &v)
{
    if (v.kind != ValueKind::String && v.kind != ValueKind::Time)
        fail(v, "not a time");
    const std::string_view s = trimmed(v.text);
    // Re-use the timestamp parser on a fixed date, then keep the time part.
    std::string probe = "1970-01-01T";
    probe.append(s);
    // dlt's time type is a wall-clock time: an offset, if any, is dropped, not applied.
    if (!normalizeTimestamp(probe, TemporalStyle::SqliteUtc, temporalPrecision(), m_scratch, true))
        fail(v, "not a HH:MM:SS time");
    m_scratch.erase(0, 11);
    Cell c;
    c.type = Cell::Type::Text;
    c.s = m_scratch;
    return c;
}

Cell Coercer::toBinary(const Value &v)
{
    Cell c;
    c.type = Cell::Type::Blob;
    if (v.kind == ValueKind::Binary) {
        c.s = v.text;
        return c;
    }
    if (v.kind != ValueKind::String)
        fail(v, "not binary data");
    std::string_view s = v.text;
    // dlt's typed JSON writes b"" as the bare bytes marker (U+F02A hex, U+F02B base64) and its
    // reader leaves such a one-character string undecoded: in a binary column it is b"".
    if (s == "\xEF\x80\xAA" || s == "\xEF\x80\xAB") {
        c.s = std::string_view();
        return c;
    }
    // PostgreSQL bytea hex input, as dlt's insert_values writer renders bytes.
    if (s.size() >= 2 && s[0] == '\\' && s[1] == 'x') {
        s.remove_prefix(2);
        if (s.size() % 2)
            fail(v, "odd number of hex digits");
        m_scratch.resize(s.size() / 2);
        for (std::size_t k = 0; k < m_scratch.size(); ++k) {
            unsigned byte = 0;
            const auto r = std::from_chars(s.data() + 2 * k, s.data() + 2 * k + 2, byte, 16);
            if (r.ec != std::errc() || r.ptr != s.data() + 2 * k + 2)
                fail(v, "invalid hex digit");
            m_scratch[k] = char(byte);
        }
        c.s = m_scratch;
        return c;
    }
    if (m_options.base64Binary) {
        const QByteArray decoded = QByteArray::fromBase64(
            QByteArray::fromRawData(v.text.data(), qsizetype(v.text.size())), QByteArray::AbortOnBase64DecodingErrors);
        if (decoded.isEmpty() && !v.text.empty())
            fail(v, "not base64");
        m_scratch.assign(decoded.constData(), std::size_t(decoded.size()));
        c.s = m_scratch;
        return c;
    }
    c.s = v.text;
    return c;
}

Cell Coercer::toDecimal(const Value &v)
{
    Cell c;
    c.type = Cell::Type::Text;
    switch (v.kind) {
    case ValueKind::Int:
        c.type = Cell::Type::Int;
        c.i = v.i;
        return c;
    case ValueKind::Double:
        if (!v.text.empty()) {
            c.s = v.text;
            return c;
        }
        c.type = Cell::Type::Double;
        c.d = v.d;
        return c;
    case ValueKind::String:
    case ValueKind::Decimal: {
        const std::string_view s = trimmed(v.text);
        double probe = 0;
        const char *b = s.data();
        if (!s.empty() && (*b == '+' || *b == '-'))
            ++b;
        const bool digitNext = b != s.data() + s.size() && ((*b >= '0' && *b <= '9') || *b == '.');
        const auto r = std::from_chars(b, s.data() + s.size(), probe);
        if (!digitNext || r.ec == std::errc::invalid_argument || r.ptr != s.data() + s.size())
            fail(v, "not a decimal number");
        c.s = s;
        return c;
    }
    default:
        fail(v, "not a decimal number");
    }
}

} // namespace wharf
