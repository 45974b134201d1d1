#include "formats/JsonlReader.h"

#include "formats/TextScan.h"

#include "Error.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace wharf {

static_assert(InputStream::kPadding >= simdjson::SIMDJSON_PADDING,
              "JsonlReader parses lines in place: the stream must pad its buffer for simdjson");

namespace {

using simdjson::dom::element_type;

inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool digitsAt(std::string_view s, std::size_t from, std::size_t count)
{
    if (s.size() < from + count)
        return false;
    for (std::size_t i = from; i < from + count; ++i) {
        if (!isAsciiDigit(s[i]))
            return false;
    }
    return true;
}

// YYYY-MM-DD
bool isDate(std::string_view s)
{
    return s.size() == 10 && digitsAt(s, 0, 4) && s[4] == '-' && digitsAt(s, 5, 2) && s[7] == '-' && digitsAt(s, 8, 2);
}

// YYYY-MM-DD[(T| )HH:MM...]: the destination parses the rest, this only rejects non-dates.
bool isDateTime(std::string_view s)
{
    if (s.size() < 10 || !isDate(s.substr(0, 10)))
        return false;
    return s.size() == 10 || s[10] == 'T' || s[10] == ' ';
}

// HH:MM[:SS[.ffffff]][offset]
bool isTime(std::string_view s)
{
    return digitsAt(s, 0, 2) && s.size() >= 5 && s[2] == ':' && digitsAt(s, 3, 2);
}

bool equalsNoCase(std::string_view a, std::string_view lower)
{
    if (a.size() != lower.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lower[i])
            return false;
    }
    return true;
}

// Python's str(Decimal): [-]digits[.digits][E[+-]digits], or NaN / sNaN / Infinity.
bool isDecimal(std::string_view s)
{
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
        ++i;
    const std::string_view rest = s.substr(i);
    if (equalsNoCase(rest, "nan") || equalsNoCase(rest, "snan") || equalsNoCase(rest, "infinity") ||
        equalsNoCase(rest, "inf"))
        return true;
    std::size_t digits = 0;
    while (i < s.size() && isAsciiDigit(s[i])) {
        ++i;
        ++digits;
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && isAsciiDigit(s[i])) {
            ++i;
            ++digits;
        }
    }
    if (digits == 0)
        return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+'))
            ++i;
        if (i == s.size())
            return false;
        while (i < s.size() && isAsciiDigit(s[i]))
            ++i;
    }
    return i == s.size();
}

bool isInteger(std::string_view s)
{
    std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
    return s.size() > i && digitsAt(s, i, s.size() - i);
}

bool decodeHex(std::string_view s, std::string &out)
{
    if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s.remove_prefix(2);
    if (s.size() % 2 != 0)
        return false;
    out.resize(s.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = hexDigitValue(s[2 * i]);
        const int lo = hexDigitValue(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = char(hi * 16 + lo);
    }
    return true;
}

struct Base64Table {
    signed char t[256] = {};
    constexpr Base64Table()
    {
        for (int i = 0; i < 256; ++i)
            t[i] = -1;
        const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i)
            t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    }
};
constexpr Base64Table kBase64;

bool decodeBase64(std::string_view s, std::string &out)
{
    while (!s.empty() && s.back() == '=')
        s.remove_suffix(1);
    if (s.size() % 4 == 1)
        return false;
    out.resize(s.size() * 3 / 4);
    std::size_t o = 0;
    std::uint32_t bits = 0;
    int count = 0;
    for (char c : s) {
        const int v = kBase64.t[static_cast<unsigned char>(c)];
        if (v < 0)
            return false;
        bits = (bits << 6) | std::uint32_t(v);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out[o++] = char((bits >> count) & 0xFF);
        }
    }
    out.resize(o);
    return true;
}

} // namespace

JsonlReader::JsonlReader(const QString &path, FileFormat format, const ReaderOptions &options)
    : m_in(path)
    , m_options(options)
    , m_typed(format == FileFormat::TypedJsonl)
    , m_columns(options.tableColumns)
{
    m_columnNames.reserve(std::size_t(m_columns.size()));
    for (const QString &name : std::as_const(m_columns))
        m_columnNames.push_back(name.toStdString());
    // Views into m_columnNames: filled completely above, so they no longer move.
    for (std::size_t i = 0; i < m_columnNames.size(); ++i)
        m_columnIndex.emplace(std::string_view(m_columnNames[i]), int(i));
    m_in.skipUtf8Bom();
}

void JsonlReader::fail(const QString &message, const QString &field) const
{
    throw Error(ErrorKind::Terminal, message, SourceLocation{m_in.path(), m_line, 0, field});
}

bool JsonlReader::parseNextLine(simdjson::dom::element &root)
{
    for (;;) {
        std::string_view line;
        const std::size_t advance = m_in.peekLine(line);
        if (advance == 0)
            return false;
        ++m_line;
        if (std::all_of(line.begin(), line.end(), isSpace)) {
            m_in.consume(advance);
            continue;
        }
        // In place, without a copy: InputStream keeps kPadding readable bytes after any line.
        // The DOM copies strings out, so the line may be consumed right after.
        auto result = m_parser.parse(line.data(), line.size(), false);
        m_markedLine = m_typed;
        // simdjson 3.0 reports an integer beyond 64 bits as NUMBER_ERROR.
        if (result.error() == simdjson::NUMBER_ERROR && quoteBigIntegers(line)) {
            result = m_parser.parse(m_scratch.data(), m_scratch.size(), true);
            m_markedLine = true;
        }
        if (result.error() != simdjson::SUCCESS)
            fail(QStringLiteral("invalid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(result.error()))));
        root = result.value_unsafe();
        m_in.consume(advance);
        return true;
    }
}

bool JsonlReader::quoteBigIntegers(std::string_view line)
{
    // simdjson rejects integers beyond 64 bits, which Python writes for big ints. Rewrite each
    // as a string carrying dlt's decimal marker (U+F026) so that it reads as Decimal text.
    // Only ever runs for a line that failed to parse.
    m_scratch.clear();
    bool changed = false;
    bool inString = false;
    for (std::size_t i = 0; i < line.size();) {
        const char c = line[i];
        if (inString) {
            if (c == '\\' && i + 1 < line.size()) {
                m_scratch.append(line.substr(i, 2));
                i += 2;
                continue;
            }
            inString = c != '"';
            m_scratch.push_back(c);
            ++i;
            continue;
        }
        if (c == '"') {
            inString = true;
            m_scratch.push_back(c);
            ++i;
            continue;
        }
        if (c != '-' && !isAsciiDigit(c)) {
            m_scratch.push_back(c);
            ++i;
            continue;
        }
        std::size_t j = c == '-' ? i + 1 : i;
        while (j < line.size() && isAsciiDigit(line[j]))
            ++j;
        const std::string_view number = line.substr(i, j - i);
        const bool integral = j == line.size() || (line[j] != '.' && line[j] != 'e' && line[j] != 'E');
        bool fits = true;
        if (integral) {
            const char *b = number.data();
            const char *e = b + number.size();
            if (c == '-') {
                std::int64_t v = 0;
                fits = std::from_chars(b, e, v).ec == std::errc();
            } else {
                std::uint64_t v = 0;
                fits = std::from_chars(b, e, v).ec == std::errc();
            }
        }
        if (!fits) {
            m_scratch.append("\"\xEF\x80\xA6");
            m_scratch.append(number);
            m_scratch.push_back('"');
            changed = true;
        } else {
            m_scratch.append(number);
        }
        i = j;
    }
    return changed;
}

bool JsonlReader::readBatch(RowBatch &batch)
{
    batch.reset(std::size_t(m_columns.size()));
    const std::size_t limit = std::max<std::size_t>(1, m_options.batchRows);
    while (batch.rowCount() < limit) {
        if (m_inArray) {
            if (m_next != m_arrayEnd) {
                const simdjson::dom::element item = *m_next;
                ++m_next;
                ++m_item;
                simdjson::dom::object object;
                if (item.get(object) != simdjson::SUCCESS)
                    fail(QStringLiteral("item %1 of the line's array is not a JSON object "
                                        "(typed-jsonl lines are arrays of row objects)")
                             .arg(m_item));
                addRow(object, batch);
                continue;
            }
            m_inArray = false;
        }
        simdjson::dom::element root;
        if (!parseNextLine(root))
            break;
        m_rowLine = m_line;
        if (m_typed) {
            simdjson::dom::array array;
            if (root.get(array) != simdjson::SUCCESS)
                fail(QStringLiteral("line is not a JSON array of row objects "
                                    "(typed-jsonl writes one array per line)"));
            m_next = array.begin();
            m_arrayEnd = array.end();
            m_item = 0;
            m_inArray = true;
        } else {
            simdjson::dom::object object;
            if (root.get(object) != simdjson::SUCCESS)
                fail(QStringLiteral("line is not a JSON object"));
            addRow(object, batch);
        }
    }
    return batch.rowCount() > 0;
}

int JsonlReader::columnIndex(std::string_view key, std::size_t position)
{
    if (position < m_keyOrder.size()) {
        const int guess = m_keyOrder[position];
        if (guess >= 0 && m_columnNames[std::size_t(guess)] == key)
            return guess;
    }
    const auto it = m_columnIndex.find(key);
    if (it == m_columnIndex.end())
        fail(QStringLiteral("unknown column: the row has a key that is not a column of the table"),
             QString::fromUtf8(key.data(), qsizetype(key.size())));
    if (position >= m_keyOrder.size())
        m_keyOrder.resize(position + 1, -1);
    m_keyOrder[position] = it->second;
    return it->second;
}

void JsonlReader::addRow(simdjson::dom::object object, RowBatch &batch)
{
    Value *row = batch.appendRow(m_rowLine);
    std::size_t position = 0;
    for (const simdjson::dom::key_value_pair field : object)
        convert(field.value, row[columnIndex(field.key, position++)]);
}

void JsonlReader::convert(simdjson::dom::element element, Value &v)
{
    switch (element.type()) {
    case element_type::NULL_VALUE:
        v.setNull();
        return;
    case element_type::BOOL:
        v.setBool(element.get_bool().value_unsafe());
        return;
    case element_type::INT64:
        v.setInt(element.get_int64().value_unsafe());
        return;
    case element_type::UINT64: {
        // simdjson reports INT64 whenever the value fits, so this is beyond int64.
        char digits[24];
        const auto r = std::to_chars(digits, digits + sizeof digits, element.get_uint64().value_unsafe());
        v.setText(ValueKind::Decimal, std::string_view(digits, std::size_t(r.ptr - digits)));
        return;
    }
    case element_type::DOUBLE:
        v.setDouble(element.get_double().value_unsafe());
        return;
    case element_type::STRING: {
        const std::string_view s = element.get_string().value_unsafe();
        // Markers U+F026..U+F02D are EF 80 A6..AD in UTF-8. A bare marker stays a string:
        // dlt writes b"" as the bare bytes marker but reads it back as that one-character
        // string (its decoder skips strings shorter than two), and so must Wharf to store
        // what dlt stores.
        if (m_markedLine && s.size() > 3 && static_cast<unsigned char>(s[0]) == 0xEF &&
            static_cast<unsigned char>(s[1]) == 0x80 && static_cast<unsigned char>(s[2]) >= 0xA6 &&
            static_cast<unsigned char>(s[2]) <= 0xAD)
            decodeMarked(s, v);
        else
            v.setText(ValueKind::String, s);
        return;
    }
    case element_type::ARRAY:
    case element_type::OBJECT:
        v.kind = ValueKind::Json;
        v.text = simdjson::minify(element);
        return;
    }
}

void JsonlReader::decodeMarked(std::string_view s, Value &v)
{
    const std::string_view body = s.substr(3);
    bool ok = false;
    switch (static_cast<unsigned char>(s[2])) {
    case 0xA6: // decimal
        if ((ok = isDecimal(body)))
            v.setText(ValueKind::Decimal, body);
        break;
    case 0xA7: // datetime
        if ((ok = isDateTime(body)))
            v.setText(ValueKind::Timestamp, body);
        break;
    case 0xA8: // date
        if ((ok = isDate(body)))
            v.setText(ValueKind::Date, body);
        break;
    case 0xA9: // uuid
        ok = true;
        v.setText(ValueKind::String, body);
        break;
    case 0xAA: // HexBytes
        v.kind = ValueKind::Binary;
        ok = decodeHex(body, v.text);
        break;
    case 0xAB: // bytes, base64
        v.kind = ValueKind::Binary;
        ok = decodeBase64(body, v.text);
        break;
    case 0xAC: // wei
        if ((ok = isInteger(body)))
            v.setText(ValueKind::Decimal, body);
        break;
    case 0xAD: // time
        if ((ok = isTime(body)))
            v.setText(ValueKind::Time, body);
        break;
    default:
        break;
    }
    if (!ok)
        v.setText(ValueKind::String, s);
}

} // namespace wharf
