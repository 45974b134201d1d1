#include "config/ConnectionString.h"

#include "formats/TextScan.h"

#include "Error.h"

#include <QStringList>
#include <QUrl>

namespace wharf {

namespace {

const QString kSchemeSeparator = QStringLiteral("://");
const QString kMaskedPassword = QStringLiteral("***");
constexpr int kMaxPort = 65535;

// Characters left as they are, on top of RFC 3986's unreserved set (QUrl::toPercentEncoding
// never escapes ALPHA / DIGIT / "-" / "." / "_" / "~").
// Database: "/" keeps sqlite paths readable (`sqlite:////abs/x.db`) and ":" keeps
// `sqlite:///:memory:` and drive letters; the parser takes the database as everything after
// the first "/" that follows the authority, so neither is ambiguous there.
const QByteArray kDatabaseKeep = QByteArrayLiteral("/:");
// Display only (spec 10.5): the user name shows spaces and "+" as typed.
const QByteArray kDisplayUserKeep = QByteArrayLiteral(" +");
// IPv6 literals sit inside brackets, where ":" is part of the address.
const QByteArray kIpv6Keep = QByteArrayLiteral(":");

QString encode(const QString &text, const QByteArray &keep = {})
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, keep));
}

// Python's quote_plus, which dlt uses for query values (spec 5.8): space becomes "+", and "+"
// itself is escaped, so the two stay distinguishable.
QString encodeQueryPart(const QString &text)
{
    QString out = encode(text, QByteArrayLiteral(" "));
    out.replace(QLatin1Char(' '), QLatin1Char('+'));
    return out;
}

// Lenient like Python's unquote: a "%" not followed by two hex digits stays as it is, so a
// hand-written URL with a stray "%" still parses. Bytes are decoded as UTF-8.
QString decode(QStringView text, bool plusIsSpace)
{
    const QByteArray in = text.toUtf8();
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c == '%' && i + 2 < in.size()) {
            const int hi = hexDigitValue(in.at(i + 1));
            const int lo = hexDigitValue(in.at(i + 2));
            if (hi >= 0 && lo >= 0) {
                out.append(char(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        if (plusIsSpace && c == '+')
            out.append(' ');
        else
            out.append(c);
    }
    return QString::fromUtf8(out);
}

bool isValidScheme(QStringView scheme)
{
    if (scheme.isEmpty() || !(scheme.front().isLetter() && scheme.front().unicode() < 128))
        return false;
    for (const QChar c : scheme) {
        const bool ascii = c.unicode() < 128;
        if (!(ascii &&
              (c.isLetterOrNumber() || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('.'))))
            return false;
    }
    return true;
}

[[noreturn]] void fail(const QString &problem)
{
    // Messages name the problem only: the URL itself may hold a password, and when it is
    // malformed we cannot know where the password ends, so no part of it is echoed.
    throw Error(ErrorKind::Config, QStringLiteral("invalid connection string: %1").arg(problem));
}

QString hostText(const QString &host)
{
    if (host.contains(QLatin1Char(':')))
        return QLatin1Char('[') + encode(host, kIpv6Keep) + QLatin1Char(']');
    return encode(host);
}

QString render(const ConnectionString &cs, bool forDisplay)
{
    QString out = cs.scheme + kSchemeSeparator;
    if (!cs.username.isEmpty() || cs.password) {
        out += forDisplay ? encode(cs.username, kDisplayUserKeep) : ConnectionString::encodeUserInfo(cs.username);
        if (cs.password) {
            out += QLatin1Char(':');
            out += forDisplay ? kMaskedPassword : ConnectionString::encodeUserInfo(*cs.password);
        }
        out += QLatin1Char('@');
    }
    out += hostText(cs.host);
    if (cs.port)
        out += QLatin1Char(':') + QString::number(*cs.port);
    if (!cs.database.isEmpty())
        out += QLatin1Char('/') + encode(cs.database, kDatabaseKeep);
    if (!forDisplay && !cs.query.isEmpty()) {
        QStringList pairs;
        for (auto it = cs.query.cbegin(); it != cs.query.cend(); ++it)
            pairs << encodeQueryPart(it.key()) + QLatin1Char('=') + encodeQueryPart(it.value());
        out += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
    }
    return out;
}

} // namespace

bool ConnectionString::looksLikeUrl(const QString &text)
{
    const qsizetype sep = text.indexOf(kSchemeSeparator);
    return sep > 0 && isValidScheme(QStringView(text).left(sep));
}

ConnectionString ConnectionString::parse(const QString &url)
{
    // Shape (as SQLAlchemy's make_url accepts it, which is what dlt parses with):
    //   scheme://[user[:password]@][host|[ipv6]][:port][/database][?query]
    // The authority ends at the first "/" and the user info at the last "@" inside it, so an
    // unescaped "@" or ":" in a password still parses; "/", "?" must be percent-encoded.
    const qsizetype sep = url.indexOf(kSchemeSeparator);
    if (sep <= 0)
        fail(QStringLiteral("expected scheme://[user[:password]@]host[:port]/database"));
    ConnectionString cs;
    cs.scheme = url.left(sep);
    if (!isValidScheme(cs.scheme))
        fail(QStringLiteral("the scheme must start with a letter and contain only letters, "
                            "digits, '+', '-' and '.'"));

    QStringView rest = QStringView(url).mid(sep + kSchemeSeparator.size());
    const qsizetype queryStart = rest.indexOf(QLatin1Char('?'));
    QStringView queryText;
    if (queryStart >= 0) {
        queryText = rest.mid(queryStart + 1);
        rest = rest.left(queryStart);
    }

    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    const QStringView authority = slash >= 0 ? rest.left(slash) : rest;
    if (slash >= 0)
        cs.database = decode(rest.mid(slash + 1), false);

    QStringView hostPort = authority;
    const qsizetype at = authority.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        const QStringView userInfo = authority.left(at);
        hostPort = authority.mid(at + 1);
        const qsizetype colon = userInfo.indexOf(QLatin1Char(':'));
        if (colon >= 0) {
            cs.username = decode(userInfo.left(colon), false);
            cs.password = decode(userInfo.mid(colon + 1), false);
        } else {
            cs.username = decode(userInfo, false);
        }
    }

    QStringView portText;
    if (hostPort.startsWith(QLatin1Char('['))) {
        const qsizetype close = hostPort.indexOf(QLatin1Char(']'));
        if (close < 0)
            fail(QStringLiteral("an IPv6 host address is missing its closing ']'"));
        cs.host = decode(hostPort.mid(1, close - 1), false);
        const QStringView after = hostPort.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':')))
                fail(QStringLiteral("unexpected text after the IPv6 host address"));
            portText = after.mid(1);
        }
    } else {
        const qsizetype colon = hostPort.indexOf(QLatin1Char(':'));
        if (colon >= 0) {
            if (hostPort.indexOf(QLatin1Char(':'), colon + 1) >= 0)
                fail(QStringLiteral("the host has more than one ':' (write IPv6 addresses in "
                                    "brackets, and percent-encode ':' and '/' in passwords)"));
            portText = hostPort.mid(colon + 1);
            hostPort = hostPort.left(colon);
        }
        cs.host = decode(hostPort, false);
    }

    if (!portText.isEmpty()) {
        bool ok = true;
        for (const QChar c : portText)
            ok = ok && c >= QLatin1Char('0') && c <= QLatin1Char('9');
        const int port = ok && portText.size() <= 5 ? portText.toInt(&ok) : 0;
        if (!ok || port > kMaxPort)
            fail(QStringLiteral("the port is not a number from 0 to %1 (percent-encode '/', '?' "
                                "and '#' in user names and passwords)")
                     .arg(kMaxPort));
        cs.port = port;
    }

    for (const QStringView pair : queryText.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const QString key = decode(eq >= 0 ? pair.left(eq) : pair, true);
        if (key.isEmpty())
            continue;
        cs.query.insert(key, eq >= 0 ? decode(pair.mid(eq + 1), true) : QString());
    }
    return cs;
}

QString ConnectionString::toNativeString() const
{
    return render(*this, false);
}

QString ConnectionString::toDisplayString() const
{
    return render(*this, true);
}

QString ConnectionString::encodeUserInfo(const QString &text)
{
    return encode(text);
}

} // namespace wharf
