#include "PgBinaryEncoder.h"

#include "Error.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace wharf::postgres {

namespace {

// PostgreSQL's epoch for timestamps and dates: 2000-01-01, in days after 1970-01-01.
constexpr std::int64_t kPgEpochDays = 10957;
constexpr std::int64_t kUsecPerSec = 1000000;

void put16(std::string &out, std::uint16_t v)
{
    const char b[2] = {char(v >> 8), char(v)};
    out.append(b, 2);
}

void put32(std::string &out, std::uint32_t v)
{
    const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    out.append(b, 4);
}

void put64(std::string &out, std::uint64_t v)
{
    put32(out, std::uint32_t(v >> 32));
    put32(out, std::uint32_t(v));
}

void putField(std::string &out, std::string_view bytes)
{
    put32(out, std::uint32_t(bytes.size()));
    out.append(bytes);
}

// A fraction of a second as PostgreSQL's datetime input rounds it: strtod of "0.<digits>",
// times a million, rint (src/backend/utils/adt/datetime.c, ParseFractionalSecond).
std::int64_t fractionMicros(std::string_view digits)
{
    if (digits.empty())
        return 0;
    std::string text = "0.";
    text.append(digits);
    double frac = 0;
    std::from_chars(text.data(), text.data() + text.size(), frac);
    return std::int64_t(std::rint(frac * double(kUsecPerSec)));
}

// PostgreSQL's byteain for text that is not `\x` hex: bytes as they are, `\\` for a backslash
// and `\ooo` (first digit 0-3) for any byte; any other backslash is an error.
bool decodeByteaEscape(std::string_view in, std::string &out)
{
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '\\') {
            out.push_back(in[i]);
            continue;
        }
        if (i + 3 < in.size() + 0 && in[i + 1] >= '0' && in[i + 1] <= '3' && in[i + 2] >= '0' && in[i + 2] <= '7' &&
            in[i + 3] >= '0' && in[i + 3] <= '7') {
            out.push_back(char(((in[i + 1] - '0') << 6) | ((in[i + 2] - '0') << 3) | (in[i + 3] - '0')));
            i += 3;
        } else if (i + 1 < in.size() && in[i + 1] == '\\') {
            out.push_back('\\');
            i += 1;
        } else {
            return false;
        }
    }
    return true;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if ((a[i] | 0x20) != (b[i] | 0x20))
            return false;
    return true;
}

} // namespace

std::optional<PgWire> binaryWireFor(DataType type, const QString &typname)
{
    const auto is = [&](const char *name) { return typname == QLatin1String(name); };
    switch (type) {
    case DataType::Bigint:
        if (is("int8"))
            return PgWire::Int8;
        if (is("int4"))
            return PgWire::Int4;
        if (is("int2"))
            return PgWire::Int2;
        break;
    case DataType::Double:
        if (is("float8"))
            return PgWire::Float8;
        break;
    case DataType::Bool:
        if (is("bool"))
            return PgWire::Bool;
        break;
    case DataType::Text:
        if (is("varchar") || is("text"))
            return PgWire::Text;
        break;
    case DataType::Timestamp:
        if (is("timestamptz"))
            return PgWire::Timestamptz;
        if (is("timestamp"))
            return PgWire::Timestamp;
        break;
    case DataType::Date:
        if (is("date"))
            return PgWire::Date;
        break;
    case DataType::Time:
        if (is("time"))
            return PgWire::Time;
        break;
    case DataType::Decimal:
    case DataType::Wei:
        if (is("numeric"))
            return PgWire::Numeric;
        break;
    case DataType::Json:
        if (is("jsonb"))
            return PgWire::Jsonb;
        if (is("json"))
            return PgWire::Json;
        break;
    case DataType::Binary:
        if (is("bytea"))
            return PgWire::Bytea;
        break;
    }
    return std::nullopt;
}

PgBinaryEncoder::PgBinaryEncoder(const QList<Column> &columns, std::vector<PgWire> wires,
                                 PgCopyEncoder::Options options)
    : m_options(options)
{
    Coercer::Options copts;
    copts.emptyIsNull = false;
    copts.nativeBool = true;
    copts.temporal = TemporalStyle::IsoUtc;
    copts.base64Binary = options.jsonSource;
    m_columns.reserve(std::size_t(columns.size()));
    m_coercers.reserve(std::size_t(columns.size()));
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const Column &c = columns[i];
        m_columns.push_back({c.name, c.dataType.value_or(DataType::Text), wires.at(std::size_t(i))});
        m_coercers.emplace_back(c, copts);
    }
}

void PgBinaryEncoder::appendHeader(std::string &out)
{
    static const char signature[] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', '\xff', '\r', '\n', '\0'};
    out.append(signature, sizeof signature);
    put32(out, 0); // flags: no OIDs
    put32(out, 0); // no header extension
}

void PgBinaryEncoder::appendTrailer(std::string &out)
{
    put16(out, 0xffff);
}

void PgBinaryEncoder::appendRow(const Value *row, std::string &out)
{
    const std::size_t mark = out.size();
    try {
        put16(out, std::uint16_t(m_columns.size()));
        for (std::size_t i = 0; i < m_columns.size(); ++i)
            appendValue(i, row[i], out);
    } catch (...) {
        out.resize(mark);
        throw;
    }
}

bool PgBinaryEncoder::appendNumeric(std::string &out, std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    const auto special = [&](std::uint16_t sign) {
        put32(out, 8);
        put16(out, 0); // ndigits
        put16(out, 0); // weight
        put16(out, sign);
        put16(out, 0); // dscale
        return true;
    };
    if (equalsNoCase(text, "NaN"))
        return special(0xC000);
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (equalsNoCase(text, "Infinity") || equalsNoCase(text, "inf"))
        return special(negative ? 0xF000 : 0xD000);

    // Reused: numbers are one of the hot paths, and most exceed std::string's inline buffer.
    thread_local std::string digits;
    digits.clear();
    std::size_t p = 0;
    int intDigits = 0, fracDigits = 0;
    while (p < text.size() && text[p] >= '0' && text[p] <= '9') {
        digits.push_back(text[p++]);
        ++intDigits;
    }
    if (p < text.size() && text[p] == '.') {
        ++p;
        while (p < text.size() && text[p] >= '0' && text[p] <= '9') {
            digits.push_back(text[p++]);
            ++fracDigits;
        }
    }
    if (digits.empty())
        return false;
    long exponent = 0;
    if (p < text.size() && (text[p] == 'e' || text[p] == 'E')) {
        ++p;
        const char *b = text.data() + p;
        if (p < text.size() && text[p] == '+')
            ++b;
        const auto r = std::from_chars(b, text.data() + text.size(), exponent);
        if (r.ec != std::errc() || r.ptr != text.data() + text.size() || b == text.data() + text.size())
            return false;
        p = text.size();
        if (exponent > 1000 || exponent < -1000) // NUMERIC_MAX_PRECISION, as numeric_in refuses
            return false;
    }
    if (p != text.size())
        return false;
    // numeric_in's display scale: the digits after the point, less the exponent.
    const long dscale = std::max<long>(0, long(fracDigits) - exponent);
    long point = long(intDigits) + exponent; // digits before the decimal point
    std::size_t lead = 0;
    while (lead < digits.size() && digits[lead] == '0')
        ++lead;
    digits.erase(0, lead);
    point -= long(lead);
    while (!digits.empty() && digits.back() == '0')
        digits.pop_back();
    if (digits.empty()) { // zero: no digits, positive
        put32(out, 8);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put16(out, std::uint16_t(dscale));
        return true;
    }
    // Base-10000 groups aligned on the decimal point; weight is the first group's power.
    const long first = point - 1; // power of ten of the first digit
    const long weight = first >= 0 ? first / 4 : -((-first + 3) / 4);
    digits.insert(0, std::size_t(4 * weight + 3 - first), '0');
    digits.append((4 - digits.size() % 4) % 4, '0');
    const std::size_t groups = digits.size() / 4;
    if (groups > 32767 || weight > 32767 || weight < -32768)
        return false;
    put32(out, std::uint32_t(8 + 2 * groups));
    put16(out, std::uint16_t(groups));
    put16(out, std::uint16_t(std::int16_t(weight)));
    put16(out, negative ? 0x4000 : 0x0000);
    put16(out, std::uint16_t(dscale));
    for (std::size_t g = 0; g < groups; ++g) {
        const char *d = digits.data() + 4 * g;
        put16(out, std::uint16_t((d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0')));
    }
    return true;
}

void PgBinaryEncoder::appendValue(std::size_t index, const Value &v, std::string &out)
{
    if (v.kind == ValueKind::Null) {
        put32(out, 0xffffffffu);
        return;
    }
    const Target &target = m_columns[index];
    switch (target.wire) {
    case PgWire::Timestamptz:
    case PgWire::Timestamp:
    case PgWire::Date:
    case PgWire::Time:
        // Parsed once, here, with the coercer's own checks and messages (its convert() would
        // parse and format the text only for it to be parsed again).
        appendTemporal(index, v, out);
        return;
    default:
        break;
    }
    // Validates and converts exactly as the text path does; throws naming the column.
    const Cell cell = m_coercers[index].convert(v);
    if (cell.type == Cell::Type::Null) {
        put32(out, 0xffffffffu);
        return;
    }
    switch (target.wire) {
    case PgWire::Int8:
        put32(out, 8);
        put64(out, std::uint64_t(cell.i));
        return;
    case PgWire::Int4:
        if (cell.i < std::numeric_limits<std::int32_t>::min() || cell.i > std::numeric_limits<std::int32_t>::max())
            m_coercers[index].reject(v, "out of range for type integer");
        put32(out, 4);
        put32(out, std::uint32_t(std::int32_t(cell.i)));
        return;
    case PgWire::Int2:
        if (cell.i < std::numeric_limits<std::int16_t>::min() || cell.i > std::numeric_limits<std::int16_t>::max())
            m_coercers[index].reject(v, "out of range for type smallint");
        put32(out, 2);
        put16(out, std::uint16_t(std::int16_t(cell.i)));
        return;
    case PgWire::Float8: {
        double d = cell.d;
        if (v.kind == ValueKind::Int)
            d = double(v.i);
        else if (v.kind == ValueKind::Double && m_options.sqlLiterals && d == 0.0)
            d = 0.0; // an insert_values literal is a SQL numeric: it has no negative zero
        if (std::isnan(d))
            d = std::numeric_limits<double>::quiet_NaN();
        std::uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        put32(out, 8);
        put64(out, bits);
        return;
    }
    case PgWire::Bool:
        put32(out, 1);
        out.push_back(cell.s == "true" ? char(1) : char(0));
        return;
    case PgWire::Text:
        putField(out, cell.s);
        return;
    case PgWire::Json:
        putField(out, PgCopyEncoder::jsonText(v, cell, m_options, m_scratch));
        return;
    case PgWire::Jsonb: {
        const std::string_view text = PgCopyEncoder::jsonText(v, cell, m_options, m_scratch);
        put32(out, std::uint32_t(text.size() + 1));
        out.push_back(char(1)); // jsonb's binary version: the text follows
        out.append(text);
        return;
    }
    case PgWire::Numeric:
        if (!appendNumeric(out, PgCopyEncoder::decimalText(cell, m_scratch)))
            m_coercers[index].reject(v, "not a number that numeric can store");
        return;
    case PgWire::Timestamptz:
    case PgWire::Timestamp:
    case PgWire::Date:
    case PgWire::Time:
        break; // appendTemporal()
    case PgWire::Bytea:
        if (m_options.sqlLiterals && v.kind == ValueKind::String &&
            !(v.text.size() >= 2 && v.text[0] == '\\' && v.text[1] == 'x')) {
            std::string decoded;
            if (!decodeByteaEscape(v.text, decoded))
                m_coercers[index].reject(v, "invalid input syntax for type bytea");
            putField(out, decoded);
            return;
        }
        putField(out, cell.s);
        return;
    }
}

void PgBinaryEncoder::appendTemporal(std::size_t index, const Value &v, std::string &out)
{
    const Target &target = m_columns[index];
    const Coercer &coercer = m_coercers[index];
    TimestampParts t;
    if (target.wire == PgWire::Time) {
        if (v.kind != ValueKind::String && v.kind != ValueKind::Time)
            coercer.reject(v, "not a time");
        // As the coercer reads a time: on a fixed date, the offset (if any) dropped.
        std::string_view s = v.text;
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
            s.remove_prefix(1);
        m_scratch.assign("2000-01-01T");
        m_scratch.append(s.data(), s.size());
        if (!parseTimestamp(m_scratch, t))
            coercer.reject(v, "not a HH:MM:SS time");
        put32(out, 8);
        put64(out,
              std::uint64_t((t.hour * 3600 + t.minute * 60 + t.second) * kUsecPerSec + fractionMicros(t.fraction)));
        return;
    }
    if (v.kind != ValueKind::String && v.kind != ValueKind::Timestamp && v.kind != ValueKind::Date)
        coercer.reject(v, target.wire == PgWire::Date ? "not a date" : "not a timestamp");
    if (!parseTimestamp(v.text, t))
        coercer.reject(v, target.wire == PgWire::Date ? "not a YYYY-MM-DD date" : "not an ISO-8601 timestamp");
    if (t.year < 1) // PostgreSQL has no year 0 in ISO input
        coercer.reject(v, "date/time field value out of range (PostgreSQL has no year 0)");
    const std::int64_t days = daysSinceEpoch(t.year, t.month, t.day) - kPgEpochDays;
    if (target.wire == PgWire::Date) {
        put32(out, 4);
        put32(out, std::uint32_t(std::int32_t(days)));
        return;
    }
    // timestamptz: the instant, in UTC; timestamp: the wall-clock time as written (the offset
    // dropped), which is what PostgreSQL makes of the same text.
    std::int64_t secs = days * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
    if (target.wire == PgWire::Timestamptz)
        secs -= std::int64_t(t.offsetMinutes) * 60;
    put32(out, 8);
    put64(out, std::uint64_t(secs * kUsecPerSec + fractionMicros(t.fraction)));
}

} // namespace wharf::postgres
