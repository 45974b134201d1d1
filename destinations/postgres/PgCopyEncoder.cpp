#include "PgCopyEncoder.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "Error.h"

#include <charconv>
#include <cmath>

namespace wharf::postgres {

namespace {

void appendInt(std::string &out, std::int64_t i)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, i);
    out.append(buf, r.ptr);
}

// The bytes that COPY's text format treats specially (PostgreSQL docs, COPY "Text Format"):
// the delimiter (tab), the row end and the backslash that starts an escape.
constexpr bool needsEscape(unsigned char c)
{
    return c == '\\' || c == '\t' || c == '\n' || c == '\r';
}

// The first byte in [p, end) that needs an escape, or `end`: sixteen bytes at a time where
// SSE2 is there (never reading past `end`), then byte by byte.
const char *findEscape(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i backslash = _mm_set1_epi8('\\'), tab = _mm_set1_epi8('\t');
    const __m128i newline = _mm_set1_epi8('\n'), ret = _mm_set1_epi8('\r');
    for (; end - p >= 16; p += 16) {
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, backslash), _mm_cmpeq_epi8(b, tab)),
                                         _mm_or_si128(_mm_cmpeq_epi8(b, newline), _mm_cmpeq_epi8(b, ret)));
        if (const int mask = _mm_movemask_epi8(hit))
            return p + __builtin_ctz(unsigned(mask));
    }
#endif
    while (p < end && !needsEscape(static_cast<unsigned char>(*p)))
        ++p;
    return p;
}

} // namespace

PgCopyEncoder::PgCopyEncoder(const QList<Column> &columns, Options options)
    : m_options(options)
{
    Coercer::Options copts;
    copts.emptyIsNull = false; // only csv knows FORCE_NULL, and csv never comes here
    copts.nativeBool = true;
    copts.temporal = TemporalStyle::IsoUtc;
    copts.base64Binary = options.jsonSource;
    m_columns.reserve(std::size_t(columns.size()));
    m_coercers.reserve(std::size_t(columns.size()));
    for (const Column &c : columns) {
        m_columns.push_back({c.name, c.dataType.value_or(DataType::Text)});
        m_coercers.emplace_back(c, copts);
    }
}

void PgCopyEncoder::appendEscaped(std::string &out, std::string_view s)
{
    const char *p = s.data();
    const char *const end = p + s.size();
    while (p < end) {
        const char *run = p;
        p = findEscape(p, end);
        out.append(run, std::size_t(p - run));
        if (p == end)
            break;
        out.push_back('\\');
        switch (*p) {
        case '\t':
            out.push_back('t');
            break;
        case '\n':
            out.push_back('n');
            break;
        case '\r':
            out.push_back('r');
            break;
        default:
            out.push_back('\\');
            break;
        }
        ++p;
    }
}

void PgCopyEncoder::appendBytea(std::string &out, std::string_view bytes)
{
    static const char hex[] = "0123456789abcdef";
    // bytea's hex input is `\x...`; COPY text needs that backslash doubled.
    out.append("\\\\x", 3);
    const std::size_t at = out.size();
    out.resize(at + 2 * bytes.size());
    char *w = out.data() + at;
    for (const char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        *w++ = hex[b >> 4];
        *w++ = hex[b & 0x0f];
    }
}

void PgCopyEncoder::appendDouble(std::string &out, double d, std::string_view literal)
{
    if (std::isnan(d)) {
        out.append("NaN");
        return;
    }
    if (std::isinf(d)) {
        out.append(d > 0 ? "Infinity" : "-Infinity");
        return;
    }
    if (!literal.empty()) {
        out.append(literal);
        return;
    }
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, d);
    out.append(buf, r.ptr);
}

void PgCopyEncoder::appendJsonString(std::string &out, std::string_view s)
{
    static const char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            if (c < 0x20) {
                out.append("\\u00");
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 0x0f]);
            } else {
                out.push_back(ch);
            }
        }
    }
    out.push_back('"');
}

std::string_view PgCopyEncoder::jsonText(const Value &v, const Cell &cell, const Options &options, std::string &scratch)
{
    if (v.kind == ValueKind::Bool)
        return v.b ? std::string_view("true") : std::string_view("false");
    if (v.kind == ValueKind::Double) {
        scratch.clear();
        appendDouble(scratch, v.d, v.text);
        return scratch;
    }
    if (options.jsonSource && v.kind == ValueKind::String) {
        scratch.clear();
        appendJsonString(scratch, v.text);
        return scratch;
    }
    return cell.s;
}

std::string_view PgCopyEncoder::decimalText(const Cell &cell, std::string &scratch)
{
    if (cell.type == Cell::Type::Int) {
        scratch.clear();
        appendInt(scratch, cell.i);
        return scratch;
    }
    if (cell.type == Cell::Type::Double) {
        scratch.clear();
        appendDouble(scratch, cell.d);
        return scratch;
    }
    return cell.s;
}

void PgCopyEncoder::appendRow(const Value *row, std::string &out)
{
    const std::size_t mark = out.size();
    try {
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            if (i)
                out.push_back('\t');
            appendValue(i, row[i], out);
        }
        out.push_back('\n');
    } catch (...) {
        out.resize(mark);
        throw;
    }
}

void PgCopyEncoder::appendValue(std::size_t index, const Value &v, std::string &out)
{
    if (v.kind == ValueKind::Null) {
        out.append("\\N", 2);
        return;
    }
    if (m_columns[index].type == DataType::Timestamp) {
        // Checked as the coercer checks it, without the UTC text it would build; written as
        // in the file (below, for dates and times too).
        m_coercers[index].checkTimestamp(v);
        appendEscaped(out, v.text);
        return;
    }
    // Validates and converts; throws Error(Terminal) naming the column.
    const Cell cell = m_coercers[index].convert(v);
    if (cell.type == Cell::Type::Null) {
        out.append("\\N", 2);
        return;
    }
    switch (m_columns[index].type) {
    case DataType::Bool:
        out.push_back(cell.s == "true" ? 't' : 'f');
        return;
    case DataType::Bigint:
        appendInt(out, cell.i);
        return;
    case DataType::Double:
        if (v.kind == ValueKind::Double) {
            // An insert_values number is a SQL numeric literal: numeric has no negative zero,
            // so INSERT stores -0.0 as 0 (csv and jsonl keep -0).
            if (m_options.sqlLiterals && cell.d == 0.0) {
                out.push_back('0');
                return;
            }
            appendDouble(out, cell.d, v.text);
            return;
        }
        if (v.kind == ValueKind::Int) {
            // float8in rounds the exact integer the same way INSERT's int8 -> float8 cast does.
            appendInt(out, v.i);
            return;
        }
        appendDouble(out, cell.d);
        return;
    case DataType::Decimal:
    case DataType::Wei:
        // Exact: the digits as written go to numeric's input, which rounds to the scale as
        // INSERT would.
        appendEscaped(out, decimalText(cell, m_json));
        return;
    case DataType::Timestamp:
    case DataType::Date:
    case DataType::Time:
        // Validated above; written as in the file so that PostgreSQL applies (timestamptz) or
        // drops (without time zone) the offset and rounds to the column's precision just as it
        // does for dlt's INSERT literal '2024-04-05T09:16:59.942779+02:00'.
        appendEscaped(out, v.text);
        return;
    case DataType::Binary:
        if (m_options.sqlLiterals && v.kind == ValueKind::String) {
            // dlt writes bytes as the literal '\x<hex>': bytea's own input reads it.
            appendEscaped(out, v.text);
            return;
        }
        appendBytea(out, cell.s);
        return;
    case DataType::Json:
        appendEscaped(out, jsonText(v, cell, m_options, m_json));
        return;
    case DataType::Text:
        break;
    }
    appendEscaped(out, cell.s);
}

} // namespace wharf::postgres
