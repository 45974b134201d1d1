#include "formats/InsertValuesReader.h"

#include "formats/TextScan.h"

#include "Error.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace wharf {

namespace {

inline bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// Characters of an unquoted literal: NULL, True, 12, -1.5e+20, nan, -inf, ...
struct BareTable {
    bool t[256] = {};
    constexpr BareTable()
    {
        for (int c = '0'; c <= '9'; ++c)
            t[c] = true;
        for (int c = 'a'; c <= 'z'; ++c)
            t[c] = true;
        for (int c = 'A'; c <= 'Z'; ++c)
            t[c] = true;
        t[int('+')] = t[int('-')] = t[int('.')] = t[int('_')] = true;
    }
};
constexpr BareTable kBare;

inline bool isBare(char c)
{
    return kBare.t[static_cast<unsigned char>(c)];
}

// ASCII case-insensitive comparison of `s` with a lower-case word.
inline bool equalsWord(std::string_view s, std::string_view lowerWord)
{
    if (s.size() != lowerWord.size())
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lowerWord[i])
            return false;
    }
    return true;
}

inline bool startsWithWord(std::string_view s, std::string_view lowerWord)
{
    return s.size() >= lowerWord.size() && equalsWord(s.substr(0, lowerWord.size()), lowerWord);
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

QString quoted(std::string_view s)
{
    constexpr std::size_t kMax = 40;
    QString text = QString::fromUtf8(s.data(), qsizetype(std::min(s.size(), kMax)));
    if (s.size() > kMax)
        text += QStringLiteral("...");
    return QStringLiteral("'%1'").arg(text);
}

} // namespace

InsertValuesReader::InsertValuesReader(const QString &path, const ReaderOptions &options)
    : m_in(path)
    , m_options(options)
{
    readHeader();
}

void InsertValuesReader::fail(const char *at, const QString &message) const
{
    m_pos.fail(m_in, at, message);
}

void InsertValuesReader::failEof(const char *at, const QString &what) const
{
    fail(at, QStringLiteral("unexpected end of file %1; the file is truncated").arg(what));
}

void InsertValuesReader::commit(const char *upTo)
{
    m_pos.consume(m_in, upTo);
}

void InsertValuesReader::readHeader()
{
    m_in.skipUtf8Bom();
    std::string_view line;
    std::size_t advance = m_in.peekLine(line);
    if (advance == 0)
        fail(m_in.data(), QStringLiteral("empty file: expected an INSERT INTO header line"));
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);

    const char *const begin = line.data();
    const char *const end = begin + line.size();
    if (!startsWithWord(line, "insert into"))
        fail(begin, QStringLiteral("the first line is not an INSERT INTO header"));

    // Skip the table placeholder `{}` (or a table name, possibly quoted) up to the column list.
    const char *p = begin + 11;
    while (p < end && *p != '(') {
        if (*p == '"') {
            const void *close = std::memchr(p + 1, '"', std::size_t(end - p - 1));
            p = close ? static_cast<const char *>(close) + 1 : end;
        } else {
            ++p;
        }
    }
    if (p == end)
        fail(p, QStringLiteral("the INSERT INTO header has no column list"));
    ++p;

    std::string name;
    for (;;) {
        while (p < end && isSpace(*p))
            ++p;
        if (p == end)
            fail(p, QStringLiteral("the column list of the INSERT INTO header is not closed"));
        name.clear();
        if (*p == '"') {
            // dlt's escape_postgres_identifier doubled `"` and then `\`; undo both.
            const char *start = p++;
            for (;;) {
                if (p == end)
                    fail(start, QStringLiteral("unterminated quoted column name in the header"));
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"') {
                        name.push_back('"');
                        p += 2;
                        continue;
                    }
                    ++p;
                    break;
                }
                if (*p == '\\' && p + 1 < end && p[1] == '\\') {
                    name.push_back('\\');
                    p += 2;
                    continue;
                }
                name.push_back(*p++);
            }
        } else {
            const char *start = p;
            while (p < end && *p != ',' && *p != ')' && !isSpace(*p))
                ++p;
            if (p == start)
                fail(p, QStringLiteral("expected a column name in the INSERT INTO header"));
            name.assign(start, std::size_t(p - start));
        }
        m_columns.append(QString::fromUtf8(name.data(), qsizetype(name.size())));
        while (p < end && isSpace(*p))
            ++p;
        if (p < end && *p == ',') {
            ++p;
            continue;
        }
        if (p < end && *p == ')') {
            ++p;
            break;
        }
        fail(p, QStringLiteral("expected ',' or ')' in the column list of the INSERT INTO header"));
    }
    while (p < end && isSpace(*p))
        ++p;
    if (p != end)
        fail(p, QStringLiteral("unexpected text after the column list of the INSERT INTO header"));
    commit(m_in.data() + advance);

    // Line 2: `VALUES` (default writer) or the first `SELECT` row (select_union writer).
    // A file with no rows may end right here.
    advance = m_in.peekLine(line);
    if (advance == 0) {
        m_done = true;
        return;
    }
    std::string_view trimmed = line;
    while (!trimmed.empty() && isSpace(trimmed.front()))
        trimmed.remove_prefix(1);
    if (startsWithWord(trimmed, "values")) {
        commit(trimmed.data() + 6);
    } else if (startsWithWord(trimmed, "select") && (trimmed.size() == 6 || isSpace(trimmed[6]))) {
        m_selectUnion = true;
    } else {
        fail(trimmed.data(), QStringLiteral("expected VALUES after the INSERT INTO header"));
    }
}

bool InsertValuesReader::readBatch(RowBatch &batch)
{
    batch.reset(std::size_t(m_columns.size()));
    const std::size_t limit = std::max<std::size_t>(1, m_options.batchRows);
    while (batch.rowCount() < limit && !m_done) {
        if (parseRow(batch) != Step::NeedMore)
            continue;
        const std::size_t before = m_in.available();
        const bool wasExhausted = m_in.sourceExhausted();
        if (m_in.fill(before + 1) == before && wasExhausted)
            throw Error(ErrorKind::Internal, QStringLiteral("insert_values parser asked for data past the end"),
                        SourceLocation{m_in.path(), m_pos.line, 0, {}});
    }
    return batch.rowCount() > 0;
}

InsertValuesReader::Step InsertValuesReader::parseRow(RowBatch &batch)
{
    const char *const begin = m_in.data();
    const char *const end = begin + m_in.available();
    const bool eof = m_in.sourceExhausted();
    const char *p = begin;
    auto skipSpace = [&] {
        while (p < end && isSpace(*p))
            ++p;
    };

    skipSpace();
    if (m_sawEnd) {
        // After the final ';' only white space may follow.
        if (p < end)
            fail(p, QStringLiteral("unexpected text after the final ';'"));
        commit(p);
        if (!eof)
            return Step::NeedMore;
        m_done = true;
        return Step::End;
    }
    if (m_firstRow && p == end && eof) {
        // Header and VALUES only: dlt writes no ';' into a file without rows.
        commit(p);
        m_done = true;
        return Step::End;
    }
    if (p == end) {
        if (!eof) {
            commit(p);
            return Step::NeedMore;
        }
        if (m_firstRow)
            failEof(p, QStringLiteral("before the first row"));
        failEof(p, QStringLiteral("after a row: the final ';' is missing"));
    }

    if (*p == ';') {
        commit(p + 1);
        m_sawEnd = true;
        return Step::End;
    }

    if (!m_firstRow) {
        if (m_selectUnion) {
            if (std::size_t(end - p) < 9 && !eof)
                return Step::NeedMore;
            if (!startsWithWord(std::string_view(p, std::size_t(end - p)), "union all"))
                fail(p, QStringLiteral("expected UNION ALL or ';' after a row"));
            p += 9;
        } else {
            if (*p != ',')
                fail(p, QStringLiteral("expected ',' or ';' after a row"));
            ++p;
        }
        skipSpace();
        if (p == end) {
            if (!eof)
                return Step::NeedMore;
            failEof(p, QStringLiteral("after ',': a row is missing"));
        }
    }

    const char *const rowStart = p;
    if (m_selectUnion) {
        if (std::size_t(end - p) < 7 && !eof)
            return Step::NeedMore;
        if (!startsWithWord(std::string_view(p, std::size_t(end - p)), "select") || std::size_t(end - p) < 7 ||
            !isSpace(p[6]))
            fail(p, QStringLiteral("expected SELECT to start a row"));
        p += 6;
    } else {
        if (*p != '(')
            fail(p, QStringLiteral("expected '(' to start a row"));
        ++p;
    }

    qint64 rowLine = m_pos.line;
    for (const char *q = begin; q < rowStart; ++q)
        rowLine += *q == '\n';
    Value *row = batch.appendRow(rowLine);
    const std::size_t columnCount = std::size_t(m_columns.size());
    std::size_t column = 0;
    for (;;) {
        skipSpace();
        Value &v = column < columnCount ? row[column] : m_extra;
        if (!parseLiteral(p, end, v)) {
            batch.dropLastRow();
            return Step::NeedMore;
        }
        ++column;
        skipSpace();
        if (p == end) {
            if (!eof) {
                batch.dropLastRow();
                return Step::NeedMore;
            }
            failEof(p, QStringLiteral("inside a row"));
        }
        if (*p == ',') {
            ++p;
            continue;
        }
        if (m_selectUnion) {
            if (*p == ';' || *p == 'U' || *p == 'u')
                break;
            fail(p, QStringLiteral("expected ',' between values, or UNION ALL / ';' after a row"));
        }
        if (*p == ')') {
            ++p;
            break;
        }
        fail(p, QStringLiteral("expected ',' or ')' after a value"));
    }
    if (column != columnCount) {
        batch.dropLastRow();
        fail(rowStart, QStringLiteral("row has %1 values but the header has %2 columns").arg(column).arg(columnCount));
    }
    commit(p);
    m_firstRow = false;
    return Step::Row;
}

bool InsertValuesReader::parseLiteral(const char *&p, const char *end, Value &v)
{
    const bool eof = m_in.sourceExhausted();
    if (p == end) {
        if (!eof)
            return false;
        failEof(p, QStringLiteral("where a value was expected"));
    }
    const char c = *p;
    if (c == '\'') {
        ++p;
        return parsePlainString(p, end, v);
    }
    if (c == 'E' || c == 'e') {
        if (p + 1 == end && !eof)
            return false;
        if (p + 1 < end && p[1] == '\'') {
            p += 2;
            return parseEscapedString(p, end, v);
        }
    }
    // What dlt writes most, recognised in one pass: an integer (up to 18 digits cannot
    // overflow), True, False and NULL, each followed by a character that ends a word.
    if (isAsciiDigit(c) || c == '-') {
        const char *const digits = p + (c == '-' ? 1 : 0);
        const char *q = digits;
        std::int64_t x = 0;
        while (q < end && q - digits < 18 && isAsciiDigit(*q))
            x = x * 10 + (*q++ - '0');
        if (q > digits && q < end && !isBare(*q)) {
            v.setInt(c == '-' ? -x : x);
            p = q;
            return true;
        }
    } else if (c == 'T' || c == 'F' || c == 'N') {
        const auto word = [&](std::string_view w) {
            return std::size_t(end - p) > w.size() && std::memcmp(p, w.data(), w.size()) == 0 && !isBare(p[w.size()]);
        };
        if (c == 'T' && word("True")) {
            v.setBool(true);
            p += 4;
            return true;
        }
        if (c == 'F' && word("False")) {
            v.setBool(false);
            p += 5;
            return true;
        }
        if (c == 'N' && word("NULL")) {
            v.setNull();
            p += 4;
            return true;
        }
    }
    const char *q = p;
    while (q < end && isBare(*q))
        ++q;
    if (q == end && !eof)
        return false;
    if (q == p)
        fail(p, QStringLiteral("expected a value (NULL, True/False, a number or a quoted string)"));
    parseBareWord(p, q, v);
    p = q;
    return true;
}

void InsertValuesReader::parseBareWord(const char *begin, const char *end, Value &v)
{
    const std::string_view word(begin, std::size_t(end - begin));
    const char c = *begin;
    if (isAsciiDigit(c) || c == '-' || c == '+' || c == '.') {
        const char *s = c == '+' ? begin + 1 : begin;
        if (s < end && c == '+' && *s == '-')
            fail(begin, QStringLiteral("invalid number %1").arg(quoted(word)));
        const char *digits = (s < end && *s == '-') ? s + 1 : s;
        bool integral = digits < end;
        for (const char *q = digits; q < end && integral; ++q)
            integral = isAsciiDigit(*q);
        if (integral) {
            std::int64_t x = 0;
            const auto r = std::from_chars(s, end, x);
            if (r.ec == std::errc() && r.ptr == end) {
                v.setInt(x);
                return;
            }
            if (r.ec == std::errc::result_out_of_range) {
                v.setText(ValueKind::Decimal, word);
                return;
            }
        }
        double d = 0;
        const auto r = std::from_chars(s, end, d);
        if (r.ptr == end && r.ec == std::errc()) {
            v.kind = ValueKind::Double;
            v.d = d;
            v.text.assign(begin, word.size());
            return;
        }
        if (r.ptr == end && r.ec == std::errc::result_out_of_range) {
            // Beyond double range (1e999): exact text, the column type decides.
            v.setText(ValueKind::Decimal, word);
            return;
        }
        fail(begin, QStringLiteral("invalid number %1").arg(quoted(word)));
    }
    if (equalsWord(word, "null")) {
        v.setNull();
        return;
    }
    if (equalsWord(word, "true")) {
        v.setBool(true);
        return;
    }
    if (equalsWord(word, "false")) {
        v.setBool(false);
        return;
    }
    if (equalsWord(word, "nan") || equalsWord(word, "inf") || equalsWord(word, "infinity")) {
        double d = 0;
        std::from_chars(begin, end, d);
        v.kind = ValueKind::Double;
        v.d = d;
        v.text.assign(begin, word.size());
        return;
    }
    fail(begin, QStringLiteral("unexpected %1 where a value was expected").arg(quoted(word)));
}

bool InsertValuesReader::parsePlainString(const char *&p, const char *end, Value &v)
{
    // '...': only '' is special (timestamps, dates and bytea '\x..' literals come so).
    const bool eof = m_in.sourceExhausted();
    const char *const open = p - 1;
    v.kind = ValueKind::String;
    v.text.clear();
    for (;;) {
        const char *q = findEither(p, end, '\'', '\'');
        if (q == end) {
            if (!eof)
                return false;
            fail(open, QStringLiteral("unterminated string literal (the file ends inside it)"));
        }
        v.text.append(p, std::size_t(q - p));
        if (q + 1 == end && !eof)
            return false;
        if (q + 1 < end && q[1] == '\'') {
            v.text.push_back('\'');
            p = q + 2;
            continue;
        }
        p = q + 1;
        return true;
    }
}

bool InsertValuesReader::parseEscapedString(const char *&p, const char *end, Value &v)
{
    // E'...': PostgreSQL escape string syntax; dlt writes \\, \n, \r and '' but any backslash
    // escape PostgreSQL accepts is decoded.
    const bool eof = m_in.sourceExhausted();
    const char *const open = p - 2;
    auto unterminated = [&]() -> bool {
        if (!eof)
            return false;
        fail(open, QStringLiteral("unterminated string literal (the file ends inside it)"));
    };
    v.kind = ValueKind::String;
    std::string &out = v.text;
    out.clear();
    for (;;) {
        // One pass finds the next quote or backslash; each byte is looked at once.
        const char *q = findEither(p, end, '\'', '\\');
        if (q == end)
            return unterminated();
        out.append(p, std::size_t(q - p));
        if (*q == '\'') {
            if (q + 1 == end && !eof)
                return false;
            if (q + 1 < end && q[1] == '\'') {
                out.push_back('\'');
                p = q + 2;
                continue;
            }
            p = q + 1;
            return true;
        }

        p = q;
        const std::size_t left = std::size_t(end - p);
        if (left < 2)
            return unterminated();
        const char e = p[1];
        switch (e) {
        case 'n':
            out.push_back('\n');
            p += 2;
            continue;
        case 'r':
            out.push_back('\r');
            p += 2;
            continue;
        case 't':
            out.push_back('\t');
            p += 2;
            continue;
        case 'b':
            out.push_back('\b');
            p += 2;
            continue;
        case 'f':
            out.push_back('\f');
            p += 2;
            continue;
        case 'x': {
            if (left < 4 && !eof)
                return false;
            int value = 0;
            int digits = 0;
            while (digits < 2 && std::size_t(2 + digits) < left && hexDigitValue(p[2 + digits]) >= 0)
                value = value * 16 + hexDigitValue(p[2 + digits++]);
            // PostgreSQL reads `\x` without hex digits as a plain `x`.
            out.push_back(digits ? char(value) : 'x');
            p += 2 + digits;
            continue;
        }
        case 'u':
        case 'U': {
            const int width = e == 'u' ? 4 : 8;
            if (left < std::size_t(2 + width)) {
                if (!eof)
                    return false;
                fail(p, QStringLiteral("incomplete Unicode escape in a string literal"));
            }
            char32_t cp = 0;
            for (int i = 0; i < width; ++i) {
                const int h = hexDigitValue(p[2 + i]);
                if (h < 0)
                    fail(p, QStringLiteral("invalid Unicode escape in a string literal"));
                cp = cp * 16 + char32_t(h);
            }
            const char *next = p + 2 + width;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                // A UTF-16 surrogate pair written as two escapes.
                if (std::size_t(end - next) < 6 && !eof)
                    return false;
                char32_t low = 0;
                bool ok = std::size_t(end - next) >= 6 && next[0] == '\\' && next[1] == 'u';
                for (int i = 0; ok && i < 4; ++i) {
                    const int h = hexDigitValue(next[2 + i]);
                    ok = h >= 0;
                    low = low * 16 + char32_t(h);
                }
                if (!ok || low < 0xDC00 || low > 0xDFFF)
                    fail(p, QStringLiteral("invalid Unicode surrogate pair in a string literal"));
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                next += 6;
            } else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp > 0x10FFFF || cp == 0) {
                fail(p, QStringLiteral("invalid Unicode escape value in a string literal"));
            }
            appendUtf8(out, cp);
            p = next;
            continue;
        }
        default:
            if (e >= '0' && e <= '7') {
                if (left < 4 && !eof)
                    return false;
                int value = 0;
                int digits = 0;
                while (digits < 3 && std::size_t(1 + digits) < left && p[1 + digits] >= '0' && p[1 + digits] <= '7')
                    value = value * 8 + (p[1 + digits++] - '0');
                out.push_back(char(value & 0xFF));
                p += 1 + digits;
                continue;
            }
            // \\, \' and any other character stand for themselves.
            out.push_back(e);
            p += 2;
            continue;
        }
    }
}

} // namespace wharf
