#include "formats/PythonJson.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace wharf {

std::string pythonFloatRepr(double d)
{
    if (std::isnan(d))
        return "nan";
    if (std::isinf(d))
        return d < 0 ? "-inf" : "inf";
    char buf[64];
    // Shortest round-trip digits, in scientific form: [-]d[.ddd]e[+-]xx.
    const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    const std::string_view sci(buf, std::size_t(r.ptr - buf));
    const std::size_t e = sci.find('e');
    const bool negative = sci.front() == '-';
    std::string digits;
    for (char c : sci.substr(negative ? 1 : 0, e - (negative ? 1 : 0)))
        if (c != '.')
            digits.push_back(c);
    const int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
    std::string out = negative ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
        if (exponent < 0) {
            out += "0.";
            out.append(std::size_t(-exponent - 1), '0');
            out += digits;
        } else if (std::size_t(exponent) + 1 >= digits.size()) {
            out += digits;
            out.append(std::size_t(exponent) + 1 - digits.size(), '0');
            out += ".0";
        } else {
            out += digits.substr(0, std::size_t(exponent) + 1);
            out += '.';
            out += digits.substr(std::size_t(exponent) + 1);
        }
        return out;
    }
    out += digits.front();
    if (digits.size() > 1) {
        out += '.';
        out += digits.substr(1);
    }
    out += exponent < 0 ? "e-" : "e+";
    const int magnitude = std::abs(exponent);
    if (magnitude < 10)
        out += '0';
    return out + std::to_string(magnitude);
}

namespace {

// \uXXXX for a code unit (at most 0xFFFF), lower-case hex as Python writes it.
void appendEscape(std::string &out, unsigned code)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += kHex[(code >> shift) & 0xF];
}

// One JSON document, re-written token by token. Returns false on anything that is not JSON.
class Rewriter {
public:
    Rewriter(std::string_view in, std::string &out)
        : m_in(in)
        , m_out(out)
    {}

    bool run()
    {
        m_out.clear();
        skipSpace();
        if (!value(0))
            return false;
        skipSpace();
        return m_pos == m_in.size();
    }

private:
    bool value(int depth)
    {
        if (depth > 512 || m_pos >= m_in.size())
            return false;
        const char c = m_in[m_pos];
        if (c == '{' || c == '[')
            return container(c == '{' ? '}' : ']', depth);
        if (c == '"')
            return string();
        if (c == '-' || (c >= '0' && c <= '9'))
            return number();
        for (std::string_view word : {std::string_view("true"), std::string_view("false"), std::string_view("null")})
            if (m_in.substr(m_pos, word.size()) == word) {
                m_out += word;
                m_pos += word.size();
                return true;
            }
        return false;
    }

    bool container(char close, int depth)
    {
        m_out += m_in[m_pos++];
        const std::size_t bodyStart = m_out.size();
        skipSpace();
        if (m_pos < m_in.size() && m_in[m_pos] == close) {
            m_out += m_in[m_pos++];
            return true;
        }
        // Object members as written into m_out (offsets), to apply Python's rule for repeated
        // keys afterwards: a dict keeps the first position and the last value.
        struct Member {
            std::size_t keyBegin, keyEnd, valueBegin, valueEnd;
        };
        std::vector<Member> members;
        for (;;) {
            Member m{};
            if (close == '}') {
                m.keyBegin = m_out.size();
                if (m_pos >= m_in.size() || m_in[m_pos] != '"' || !string())
                    return false;
                m.keyEnd = m_out.size();
                skipSpace();
                if (m_pos >= m_in.size() || m_in[m_pos] != ':')
                    return false;
                ++m_pos;
                m_out += ": ";
                skipSpace();
            }
            m.valueBegin = m_out.size();
            if (!value(depth + 1))
                return false;
            m.valueEnd = m_out.size();
            if (close == '}')
                members.push_back(m);
            skipSpace();
            if (m_pos >= m_in.size())
                return false;
            const char c = m_in[m_pos++];
            if (c == close)
                break;
            if (c != ',')
                return false;
            m_out += ", ";
            skipSpace();
        }
        if (close == '}')
            dropRepeatedKeys(bodyStart, members);
        m_out += close;
        return true;
    }

    // Keys compare as rewritten, which is the same text for the same decoded string.
    template <typename Member> void dropRepeatedKeys(std::size_t bodyStart, const std::vector<Member> &members)
    {
        const auto key = [&](const Member &m) {
            return std::string_view(m_out).substr(m.keyBegin, m.keyEnd - m.keyBegin);
        };
        bool repeated = false;
        for (std::size_t a = 0; a < members.size() && !repeated; ++a)
            for (std::size_t b = a + 1; b < members.size() && !repeated; ++b)
                repeated = key(members[a]) == key(members[b]);
        if (!repeated)
            return;
        std::vector<std::pair<std::string, std::string>> kept; // key, value: first place, last value
        for (const Member &m : members) {
            std::string k(key(m));
            std::string v = m_out.substr(m.valueBegin, m.valueEnd - m.valueBegin);
            auto it = std::find_if(kept.begin(), kept.end(), [&](const auto &e) { return e.first == k; });
            if (it != kept.end())
                it->second = std::move(v);
            else
                kept.emplace_back(std::move(k), std::move(v));
        }
        m_out.resize(bodyStart);
        for (std::size_t k = 0; k < kept.size(); ++k) {
            if (k > 0)
                m_out += ", ";
            m_out += kept[k].first + ": " + kept[k].second;
        }
    }

    bool hex4(unsigned &code)
    {
        if (m_pos + 4 > m_in.size())
            return false;
        code = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = m_in[m_pos++];
            code <<= 4;
            if (h >= '0' && h <= '9')
                code |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f')
                code |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                code |= unsigned(h - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    // Decodes one UTF-8 sequence at m_pos.
    bool utf8(unsigned &code)
    {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(m_in[m_pos + k]); };
        const unsigned char b0 = byte(0);
        int n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
        if (n == 0 || m_pos + std::size_t(n) > m_in.size())
            return false;
        code = b0 & (0x7F >> n);
        for (int k = 1; k < n; ++k) {
            if ((byte(std::size_t(k)) & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (byte(std::size_t(k)) & 0x3F);
        }
        m_pos += std::size_t(n);
        return code <= 0x10FFFF;
    }

    void emit(unsigned code)
    {
        switch (code) {
        case '"':
            m_out += "\\\"";
            return;
        case '\\':
            m_out += "\\\\";
            return;
        case '\n':
            m_out += "\\n";
            return;
        case '\r':
            m_out += "\\r";
            return;
        case '\t':
            m_out += "\\t";
            return;
        case '\b':
            m_out += "\\b";
            return;
        case '\f':
            m_out += "\\f";
            return;
        default:
            break;
        }
        if (code >= 0x20 && code < 0x7F) {
            m_out += char(code);
        } else if (code > 0xFFFF) {
            code -= 0x10000;
            appendEscape(m_out, 0xD800 + (code >> 10));
            appendEscape(m_out, 0xDC00 + (code & 0x3FF));
        } else {
            appendEscape(m_out, code);
        }
    }

    bool string()
    {
        ++m_pos;
        m_out += '"';
        while (m_pos < m_in.size()) {
            const unsigned char c = static_cast<unsigned char>(m_in[m_pos]);
            if (c == '"') {
                ++m_pos;
                m_out += '"';
                return true;
            }
            if (c < 0x20)
                return false;
            unsigned code = c;
            if (c == '\\') {
                if (m_pos + 1 >= m_in.size())
                    return false;
                const char esc = m_in[m_pos + 1];
                m_pos += 2;
                switch (esc) {
                case '"':
                case '\\':
                case '/':
                    code = unsigned(esc);
                    break;
                case 'b':
                    code = '\b';
                    break;
                case 'f':
                    code = '\f';
                    break;
                case 'n':
                    code = '\n';
                    break;
                case 'r':
                    code = '\r';
                    break;
                case 't':
                    code = '\t';
                    break;
                case 'u':
                    if (!hex4(code))
                        return false;
                    // A surrogate (half of a pair, or a lone one) comes out as it went in,
                    // which is what Python writes for the pair's character too.
                    if (code >= 0xD800 && code <= 0xDFFF) {
                        appendEscape(m_out, code);
                        continue;
                    }
                    break;
                default:
                    return false;
                }
                emit(code);
                continue;
            }
            if (c >= 0x80) {
                if (!utf8(code))
                    return false;
                emit(code);
                continue;
            }
            ++m_pos;
            emit(code);
        }
        return false;
    }

    bool digitsAt()
    {
        const std::size_t from = m_pos;
        while (m_pos < m_in.size() && m_in[m_pos] >= '0' && m_in[m_pos] <= '9')
            ++m_pos;
        return m_pos > from;
    }

    // JSON's number grammar: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?
    bool number()
    {
        const std::size_t start = m_pos;
        if (m_in[m_pos] == '-')
            ++m_pos;
        if (m_pos < m_in.size() && m_in[m_pos] == '0')
            ++m_pos;
        else if (!digitsAt())
            return false;
        bool fractional = false;
        if (m_pos < m_in.size() && m_in[m_pos] == '.') {
            ++m_pos;
            fractional = true;
            if (!digitsAt())
                return false;
        }
        if (m_pos < m_in.size() && (m_in[m_pos] == 'e' || m_in[m_pos] == 'E')) {
            ++m_pos;
            fractional = true;
            if (m_pos < m_in.size() && (m_in[m_pos] == '+' || m_in[m_pos] == '-'))
                ++m_pos;
            if (!digitsAt())
                return false;
        }
        const std::string text(m_in.substr(start, m_pos - start));
        if (!fractional) {
            // Python ints print as written, except that -0 is 0.
            m_out += text == "-0" ? std::string("0") : text;
            return true;
        }
        // from_chars, not strtod: the C library's locale (set from LANG by Qt) must not turn
        // 1.5 into 1 where the decimal point is a comma.
        double d = 0;
        const auto parsed = std::from_chars(text.data(), text.data() + text.size(), d);
        if (parsed.ec == std::errc::result_out_of_range) {
            // Too small for a double: Python reads 0.0 (or -0.0). Too large: Python would write
            // Infinity, which is not JSON, so the text is left as it is.
            const std::size_t e = text.find_first_of("eE");
            if (e == std::string::npos || text[e + 1] != '-')
                return false;
            d = text.front() == '-' ? -0.0 : 0.0;
        }
        m_out += pythonFloatRepr(d);
        return true;
    }

    void skipSpace()
    {
        while (m_pos < m_in.size() &&
               (m_in[m_pos] == ' ' || m_in[m_pos] == '\n' || m_in[m_pos] == '\r' || m_in[m_pos] == '\t'))
            ++m_pos;
    }

    std::string_view m_in;
    std::string &m_out;
    std::size_t m_pos = 0;
};

} // namespace

bool toPythonJson(std::string_view json, std::string &out)
{
    return Rewriter(json, out).run();
}

} // namespace wharf
