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
// A row's buffer is kept between rows up to this size; a larger one (a huge value) is freed.
constexpr std::size_t kKeptRowBytes = 1024 * 1024;

void put32(std::string &out, std::uint32_t v)
{
    const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    out.append(b, 4);
}

// A fraction of a second as PostgreSQL's datetime input rounds it: strtod of "0.<digits>",
// times a million, rint (src/backend/utils/adt/datetime.c, ParseFractionalSecond). Up to six
// digits that is the digits themselves as microseconds, exactly; more go through the same
// double arithmetic.
std::int64_t fractionMicros(std::string_view digits)
{
    if (digits.size() <= 6) {
        std::int64_t micros = 0;
        for (char c : digits)
            micros = micros * 10 + (c - '0');
        for (std::size_t i = digits.size(); i < 6; ++i)
            micros *= 10;
        return micros;
    }
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

// The cell Coercer::convert() makes of `v` for a column sent as `wire`, when `v` is already of
// that column's kind (a string for text, an integer for int8, ...); false otherwise.
bool directCell(PgWire wire, const Value &v, Cell &cell)
{
    switch (wire) {
    case PgWire::Text:
        if (v.kind != ValueKind::String)
            return false;
        cell.type = Cell::Type::Text;
        cell.s = v.text;
        return true;
    case PgWire::Int8:
        if (v.kind != ValueKind::Int)
            return false;
        cell.type = Cell::Type::Int;
        cell.i = v.i;
        return true;
    case PgWire::Bool:
        if (v.kind != ValueKind::Bool)
            return false;
        cell.type = Cell::Type::Text;
        cell.s = v.b ? std::string_view("true") : std::string_view("false");
        return true;
    case PgWire::Float8:
        if (v.kind != ValueKind::Double)
            return false;
        cell.type = Cell::Type::Double;
        cell.d = v.d;
        return true;
    case PgWire::Numeric: // a number literal: its digits as written
        if (v.kind != ValueKind::Double || v.text.empty())
            return false;
        cell.type = Cell::Type::Text;
        cell.s = v.text;
        return true;
    default:
        return false;
    }
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
    out.append("\xff\xff", 2);
}

void PgBinaryEncoder::appendRow(const Value *row, std::string &out)
{
    // Built apart and appended whole: a value that throws leaves `out` as it was.
    m_row.clear();
    m_row.put16(std::uint16_t(m_columns.size()));
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        appendValue(i, row[i]);
    const std::string_view bytes = m_row.view();
    out.append(bytes.data(), bytes.size());
    m_row.shrinkTo(kKeptRowBytes);
}

bool PgBinaryEncoder::appendNumeric(std::string &out, std::string_view text)
{
    PgWireWriter w;
    if (!numericInto(w, text))
        return false;
    const std::string_view bytes = w.view();
    out.append(bytes.data(), bytes.size());
    return true;
}

bool PgBinaryEncoder::numericInto(PgWireWriter &w, std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    const auto header = [&](std::size_t groups, long weight, std::uint16_t sign, long dscale)
        __attribute__((always_inline))
    {
        w.put32(std::uint32_t(8 + 2 * groups));
        w.put16(std::uint16_t(groups));
        w.put16(std::uint16_t(std::int16_t(weight)));
        w.put16(sign);
        w.put16(std::uint16_t(dscale));
    };
    if (equalsNoCase(text, "NaN")) {
        header(0, 0, 0xC000, 0);
        return true;
    }
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (equalsNoCase(text, "Infinity") || equalsNoCase(text, "inf")) {
        header(0, 0, negative ? 0xF000 : 0xD000, 0);
        return true;
    }

    // The digits are those before the point followed by those after it, read in place.
    const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t p = 0;
    while (p < text.size() && isDigit(text[p]))
        ++p;
    const std::size_t intDigits = p;
    std::size_t fracBegin = p, fracDigits = 0;
    if (p < text.size() && text[p] == '.') {
        fracBegin = ++p;
        while (p < text.size() && isDigit(text[p]))
            ++p;
        fracDigits = p - fracBegin;
    }
    const std::size_t total = intDigits + fracDigits;
    if (total == 0)
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
    const auto digitAt = [&](std::size_t k) {
        return k < intDigits ? text[k] - '0' : text[fracBegin + k - intDigits] - '0';
    };
    // numeric_in's display scale: the digits after the point, less the exponent.
    const long dscale = std::max<long>(0, long(fracDigits) - exponent);
    std::size_t lead = 0;
    while (lead < total && digitAt(lead) == 0)
        ++lead;
    if (lead == total) { // zero: no digits, positive
        header(0, 0, 0, dscale);
        return true;
    }
    std::size_t last = total; // one past the last significant digit
    while (digitAt(last - 1) == 0)
        --last;
    const std::size_t count = last - lead;
    const long point = long(intDigits) + exponent - long(lead); // digits before the decimal point
    // Base-10000 groups aligned on the decimal point; weight is the first group's power, and
    // `pad` zeros before the first digit fill its group.
    const long first = point - 1; // power of ten of the first digit
    const long weight = first >= 0 ? first / 4 : -((-first + 3) / 4);
    const std::size_t pad = std::size_t(4 * weight + 3 - first);
    const std::size_t groups = (pad + count + 3) / 4;
    if (groups > 32767 || weight > 32767 || weight < -32768)
        return false;
    header(groups, weight, negative ? 0x4000 : 0x0000, dscale);
    for (std::size_t g = 0; g < groups; ++g) {
        int group = 0;
        for (std::size_t k = 4 * g; k < 4 * g + 4; ++k)
            group = group * 10 + (k < pad || k >= pad + count ? 0 : digitAt(lead + k - pad));
        w.put16(std::uint16_t(group));
    }
    return true;
}

void PgBinaryEncoder::appendFloat8(double d, const Value &v)
{
    if (v.kind == ValueKind::Double && m_options.sqlLiterals && d == 0.0)
        d = 0.0; // an insert_values literal is a SQL numeric: it has no negative zero
    if (std::isnan(d))
        d = std::numeric_limits<double>::quiet_NaN();
    std::uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    m_row.put32(8);
    m_row.put64(bits);
}

void PgBinaryEncoder::appendValue(std::size_t index, const Value &v)
{
    if (v.kind == ValueKind::Null) {
        m_row.put32(0xffffffffu);
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
        appendTemporal(index, v);
        return;
    default:
        break;
    }
    // Validates and converts exactly as the text path does; throws naming the column. The
    // reader's own kinds in their own columns are taken as they are: convert() would give the
    // same cell.
    Cell cell;
    if (!directCell(target.wire, v, cell))
        cell = m_coercers[index].convert(v);
    if (cell.type == Cell::Type::Null) {
        m_row.put32(0xffffffffu);
        return;
    }
    switch (target.wire) {
    case PgWire::Int8:
        m_row.put32(8);
        m_row.put64(std::uint64_t(cell.i));
        return;
    case PgWire::Int4:
        if (cell.i < std::numeric_limits<std::int32_t>::min() || cell.i > std::numeric_limits<std::int32_t>::max())
            m_coercers[index].reject(v, "out of range for type integer");
        m_row.put32(4);
        m_row.put32(std::uint32_t(std::int32_t(cell.i)));
        return;
    case PgWire::Int2:
        if (cell.i < std::numeric_limits<std::int16_t>::min() || cell.i > std::numeric_limits<std::int16_t>::max())
            m_coercers[index].reject(v, "out of range for type smallint");
        m_row.put32(2);
        m_row.put16(std::uint16_t(std::int16_t(cell.i)));
        return;
    case PgWire::Float8:
        appendFloat8(v.kind == ValueKind::Int ? double(v.i) : cell.d, v);
        return;
    case PgWire::Bool:
        m_row.put32(1);
        m_row.put8(cell.s == "true" ? 1 : 0);
        return;
    case PgWire::Text:
        m_row.putField(cell.s);
        return;
    case PgWire::Json:
        m_row.putField(PgCopyEncoder::jsonText(v, cell, m_options, m_scratch));
        return;
    case PgWire::Jsonb: {
        const std::string_view text = PgCopyEncoder::jsonText(v, cell, m_options, m_scratch);
        m_row.put32(std::uint32_t(text.size() + 1));
        m_row.put8(1); // jsonb's binary version: the text follows
        m_row.putBytes(text);
        return;
    }
    case PgWire::Numeric:
        if (!numericInto(m_row, PgCopyEncoder::decimalText(cell, m_scratch)))
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
            if (!decodeByteaEscape(v.text, m_scratch))
                m_coercers[index].reject(v, "invalid input syntax for type bytea");
            m_row.putField(m_scratch);
            return;
        }
        m_row.putField(cell.s);
        return;
    }
}

void PgBinaryEncoder::appendTemporal(std::size_t index, const Value &v)
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
        m_row.put32(8);
        m_row.put64(
            std::uint64_t((t.hour * 3600 + t.minute * 60 + t.second) * kUsecPerSec + fractionMicros(t.fraction)));
        return;
    }
    if (target.wire != PgWire::Date) {
        t = coercer.checkTimestamp(v);
    } else {
        if (v.kind != ValueKind::String && v.kind != ValueKind::Timestamp && v.kind != ValueKind::Date)
            coercer.reject(v, "not a date");
        if (!parseTimestamp(v.text, t))
            coercer.reject(v, "not a YYYY-MM-DD date");
    }
    if (t.year < 1) // PostgreSQL has no year 0 in ISO input
        coercer.reject(v, "date/time field value out of range (PostgreSQL has no year 0)");
    const std::int64_t days = daysSinceEpoch(t.year, t.month, t.day) - kPgEpochDays;
    if (target.wire == PgWire::Date) {
        m_row.put32(4);
        m_row.put32(std::uint32_t(std::int32_t(days)));
        return;
    }
    // timestamptz: the instant, in UTC; timestamp: the wall-clock time as written (the offset
    // dropped), which is what PostgreSQL makes of the same text.
    std::int64_t secs = days * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
    if (target.wire == PgWire::Timestamptz)
        secs -= std::int64_t(t.offsetMinutes) * 60;
    m_row.put32(8);
    m_row.put64(std::uint64_t(secs * kUsecPerSec + fractionMicros(t.fraction)));
}

} // namespace wharf::postgres
