#include "PythonRepr.h"

#include <QChar>
#include <QList>

namespace wharf::test {

namespace {

const char kHex[] = "0123456789abcdef";

void appendHex(std::string &out, char prefix, char32_t code, int digits)
{
    out += '\\';
    out += prefix;
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        out += kHex[(code >> shift) & 0xF];
}

// Python's str.isprintable() for one character: not Other (Cc, Cf, Cs, Co, Cn) and not a
// separator (Zl, Zp, Zs) other than the space.
bool printable(char32_t c)
{
    if (c == U' ')
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Separator_Space:
        return false;
    default:
        return true;
    }
}

// Python picks ' unless the text has ' and no ".
char quoteFor(bool hasSingle, bool hasDouble)
{
    return hasSingle && !hasDouble ? '"' : '\'';
}

} // namespace

std::string pythonStrRepr(const QString &text)
{
    const QList<uint> codes = text.toUcs4();
    const char quote = quoteFor(text.contains(QLatin1Char('\'')), text.contains(QLatin1Char('"')));
    std::string out(1, quote);
    for (const uint u : codes) {
        const char32_t c = char32_t(u);
        if (c == char32_t(quote) || c == U'\\') {
            out += '\\';
            out += char(c);
        } else if (c == U'\t') {
            out += "\\t";
        } else if (c == U'\n') {
            out += "\\n";
        } else if (c == U'\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7F) {
            appendHex(out, 'x', c, 2);
        } else if (c < 0x7F) {
            out += char(c);
        } else if (!printable(c)) {
            if (c <= 0xFF)
                appendHex(out, 'x', c, 2);
            else if (c <= 0xFFFF)
                appendHex(out, 'u', c, 4);
            else
                appendHex(out, 'U', c, 8);
        } else {
            out += QString::fromUcs4(&c, 1).toStdString();
        }
    }
    out += quote;
    return out;
}

std::string pythonBytesRepr(const QByteArray &bytes)
{
    const char quote = quoteFor(bytes.contains('\''), bytes.contains('"'));
    std::string out = "b";
    out += quote;
    for (const char ch : bytes) {
        const unsigned char b = static_cast<unsigned char>(ch);
        if (b == static_cast<unsigned char>(quote) || b == '\\') {
            out += '\\';
            out += char(b);
        } else if (b == '\t') {
            out += "\\t";
        } else if (b == '\n') {
            out += "\\n";
        } else if (b == '\r') {
            out += "\\r";
        } else if (b < 0x20 || b >= 0x7F) {
            appendHex(out, 'x', b, 2);
        } else {
            out += char(b);
        }
    }
    out += quote;
    return out;
}

std::string pythonTupleRepr(const std::vector<std::string> &items)
{
    std::string out = "(";
    for (std::size_t k = 0; k < items.size(); ++k) {
        if (k > 0)
            out += ", ";
        out += items[k];
    }
    if (items.size() == 1)
        out += ',';
    return out + ")";
}

} // namespace wharf::test
