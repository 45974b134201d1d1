#include "Error.h"
#include "config/ConnectionString.h"

#include <QtTest>

using wharf::ConnectionString;
using wharf::Error;
using wharf::ErrorKind;

namespace {

/// Query map as "k=v&k=v" (decoded) so that _data() rows stay one-liners.
QString queryText(const QMap<QString, QString> &query)
{
    QStringList pairs;
    for (auto it = query.cbegin(); it != query.cend(); ++it)
        pairs << it.key() + QLatin1Char('=') + it.value();
    return pairs.join(QLatin1Char('&'));
}

const QVariant kNoPassword;
constexpr int kNoPort = -1;

} // namespace

class TestConnectionString : public QObject {
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void canonicalRoundTrip_data();
    void canonicalRoundTrip();
    void specialCharacters_data();
    void specialCharacters();
    void display_data();
    void display();
    void parseErrors_data();
    void parseErrors();
    void looksLikeUrl_data();
    void looksLikeUrl();
};

void TestConnectionString::parse_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QVariant>("password");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("query");

    QTest::newRow("postgres full") << "postgres://loader:pass@localhost:5432/dlt_data?a=b&c=d"
                                   << "postgres"
                                   << "loader" << QVariant("pass") << "localhost" << 5432 << "dlt_data"
                                   << "a=b&c=d";
    QTest::newRow("spec 5.8 query params")
        << "postgres://loader:pass@localhost:5432/dlt_data?client_encoding=utf-8&"
           "connect_timeout=600&options=-ctimezone%3DEurope%2FParis"
        << "postgres"
        << "loader" << QVariant("pass") << "localhost" << 5432 << "dlt_data"
        << "client_encoding=utf-8&connect_timeout=600&options=-ctimezone=Europe/Paris";
    QTest::newRow("query sorted, plus is space") << "postgresql://h/db?z=1&a=x+y%2Bz"
                                                 << "postgresql"
                                                 << "" << kNoPassword << "h" << kNoPort << "db"
                                                 << "a=x y+z&z=1";
    QTest::newRow("no password") << "postgresql://loader@localhost/dlt_data"
                                 << "postgresql"
                                 << "loader" << kNoPassword << "localhost" << kNoPort << "dlt_data"
                                 << "";
    QTest::newRow("empty password") << "postgresql://loader:@localhost/dlt_data"
                                    << "postgresql"
                                    << "loader" << QVariant("") << "localhost" << kNoPort << "dlt_data"
                                    << "";
    QTest::newRow("database case kept") << "postgresql://u:p@h:5433/DLT_DATA"
                                        << "postgresql"
                                        << "u" << QVariant("p") << "h" << 5433 << "DLT_DATA"
                                        << "";
    QTest::newRow("sqlite absolute") << "sqlite:////abs/x.db"
                                     << "sqlite"
                                     << "" << kNoPassword << "" << kNoPort << "/abs/x.db"
                                     << "";
    QTest::newRow("sqlite relative") << "sqlite:///rel.db"
                                     << "sqlite"
                                     << "" << kNoPassword << "" << kNoPort << "rel.db"
                                     << "";
    QTest::newRow("sqlite memory") << "sqlite:///:memory:"
                                   << "sqlite"
                                   << "" << kNoPassword << "" << kNoPort << ":memory:"
                                   << "";
    QTest::newRow("sqlite no database") << "sqlite://"
                                        << "sqlite"
                                        << "" << kNoPassword << "" << kNoPort << ""
                                        << "";
    QTest::newRow("sqlite query") << "sqlite:///data/x.db?mode=ro"
                                  << "sqlite"
                                  << "" << kNoPassword << "" << kNoPort << "data/x.db"
                                  << "mode=ro";
    QTest::newRow("ipv6 with port") << "postgresql://u:p@[::1]:5432/db"
                                    << "postgresql"
                                    << "u" << QVariant("p") << "::1" << 5432 << "db"
                                    << "";
    QTest::newRow("ipv6 without port") << "postgresql://u@[2001:db8::7]/db"
                                       << "postgresql"
                                       << "u" << kNoPassword << "2001:db8::7" << kNoPort << "db"
                                       << "";
    QTest::newRow("ipv6 zone id") << "postgresql://[fe80::1%25eth0]:5432/db"
                                  << "postgresql"
                                  << "" << kNoPassword << "fe80::1%eth0" << 5432 << "db"
                                  << "";
    QTest::newRow("encoded password") << "postgresql://u:p%40ss%3Aw%2Fo%25rd@h/db"
                                      << "postgresql"
                                      << "u" << QVariant("p@ss:w/o%rd") << "h" << kNoPort << "db"
                                      << "";
    QTest::newRow("unencoded @ and : in password") << "postgresql://u:p@ss:word@h:1/db"
                                                   << "postgresql"
                                                   << "u" << QVariant("p@ss:word") << "h" << 1 << "db"
                                                   << "";
    QTest::newRow("stray percent kept") << "postgresql://u:100%@h/db"
                                        << "postgresql"
                                        << "u" << QVariant("100%") << "h" << kNoPort << "db"
                                        << "";
    QTest::newRow("unicode password") << "postgresql://u:p%C3%A4ss%E2%9C%93@h/db"
                                      << "postgresql"
                                      << "u" << QVariant(QString::fromUtf8("päss✓")) << "h" << kNoPort << "db"
                                      << "";
    QTest::newRow("empty port") << "postgresql://h:/db"
                                << "postgresql"
                                << "" << kNoPassword << "h" << kNoPort << "db"
                                << "";
}

void TestConnectionString::parse()
{
    QFETCH(QString, url);
    QFETCH(QString, scheme);
    QFETCH(QString, username);
    QFETCH(QVariant, password);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, query);

    const ConnectionString cs = ConnectionString::parse(url);
    QCOMPARE(cs.scheme, scheme);
    QCOMPARE(cs.username, username);
    QCOMPARE(cs.password.has_value(), password.isValid());
    if (password.isValid())
        QCOMPARE(*cs.password, password.toString());
    QCOMPARE(cs.host, host);
    QCOMPARE(cs.port.has_value(), port != kNoPort);
    if (port != kNoPort)
        QCOMPARE(*cs.port, port);
    QCOMPARE(cs.database, database);
    QCOMPARE(queryText(cs.query), query);
}

void TestConnectionString::canonicalRoundTrip_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("postgres") << "postgres://loader:pass@localhost:5432/dlt_data?a=b&c=d";
    QTest::newRow("spec 5.8") << "postgres://loader:pass@localhost:5432/dlt_data?client_encoding="
                                 "utf-8&connect_timeout=600&options=-ctimezone%3DEurope%2FParis";
    QTest::newRow("sqlite absolute") << "sqlite:////abs/x.db";
    QTest::newRow("sqlite relative") << "sqlite:///rel.db";
    QTest::newRow("sqlite memory") << "sqlite:///:memory:";
    QTest::newRow("ipv6") << "postgresql://u:p@[::1]:5432/db";
    QTest::newRow("ipv6 zone") << "postgresql://[fe80::1%25eth0]/db";
    QTest::newRow("encoded") << "postgresql://us%40r:p%40ss%3Aw%2Fo%25rd%23%3F%20x@h/d%3Fb%23";
    QTest::newRow("empty password") << "postgresql://loader:@h/db";
    QTest::newRow("query plus") << "postgresql://h/db?a=x+y%2Bz";
}

void TestConnectionString::canonicalRoundTrip()
{
    QFETCH(QString, url);
    QCOMPARE(ConnectionString::parse(url).toNativeString(), url);
}

void TestConnectionString::specialCharacters_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");

    QTest::newRow("at") << "loader"
                        << "p@ss"
                        << "dlt_data";
    QTest::newRow("colon") << "loader"
                           << "pa:ss"
                           << "dlt_data";
    QTest::newRow("slash") << "loader"
                           << "pa/ss"
                           << "dlt_data";
    QTest::newRow("percent") << "loader"
                             << "100%"
                             << "dlt_data";
    QTest::newRow("percent hex") << "loader"
                                 << "%41%zz"
                                 << "dlt_data";
    QTest::newRow("hash") << "loader"
                          << "pa#ss"
                          << "dlt_data";
    QTest::newRow("question") << "loader"
                              << "pa?ss"
                              << "dlt_data";
    QTest::newRow("space") << "loader"
                           << " pa ss "
                           << "dlt_data";
    QTest::newRow("plus and amp") << "loader"
                                  << "a+b&c=d"
                                  << "dlt_data";
    QTest::newRow("unicode") << "lädér" << QString::fromUtf8("pässwörd✓日本") << QString::fromUtf8("dätä");
    QTest::newRow("everything") << "us@r:x"
                                << "@:/%#? []"
                                << "d@t/a b?#%";
    QTest::newRow("sqlite-like path") << ""
                                      << ""
                                      << "/abs/dir with space/x@1.db";
}

void TestConnectionString::specialCharacters()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, database);

    ConnectionString cs;
    cs.scheme = QStringLiteral("postgresql");
    cs.username = username;
    if (!password.isEmpty())
        cs.password = password;
    cs.host = QStringLiteral("localhost");
    cs.port = 5432;
    cs.database = database;
    cs.query.insert(QStringLiteral("options"), QStringLiteral("-c x=y & z"));

    const QString native = cs.toNativeString();
    // Nothing in the user info may be left raw that could end it early.
    const qsizetype schemeEnd = native.indexOf(QStringLiteral("://")) + 3;
    const qsizetype at = native.indexOf(QLatin1Char('@'), schemeEnd);
    const QString authority = at > 0 ? native.mid(schemeEnd, at - schemeEnd) : QString();
    QVERIFY2(!authority.contains(QLatin1Char('/')) && !authority.contains(QLatin1Char('?')) &&
                 !authority.contains(QLatin1Char('#')) && !authority.contains(QLatin1Char(' ')),
             qPrintable(native));

    const ConnectionString back = ConnectionString::parse(native);
    QCOMPARE(back.scheme, cs.scheme);
    QCOMPARE(back.username, cs.username);
    QCOMPARE(back.password, cs.password);
    QCOMPARE(back.host, cs.host);
    QCOMPARE(back.port, cs.port);
    QCOMPARE(back.database, cs.database);
    QCOMPARE(back.query, cs.query);
    QCOMPARE(back.toNativeString(), native);

    const QString display = cs.toDisplayString();
    if (!password.isEmpty()) {
        QVERIFY(display.contains(QStringLiteral(":***@")));
        QVERIFY2(!display.contains(password), qPrintable(display));
        QVERIFY(!display.contains(ConnectionString::encodeUserInfo(password)));
    }
    QVERIFY2(!display.contains(QLatin1Char('?')), qPrintable(display));
}

void TestConnectionString::display_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("display");

    QTest::newRow("spec 10.5") << "postgres://loader:pass@localhost:5432/dlt_data?a=b&c=d"
                               << "postgres://loader:***@localhost:5432/dlt_data";
    QTest::newRow("canonical scheme") << "postgresql://loader:pass@localhost:5432/dlt_data"
                                      << "postgresql://loader:***@localhost:5432/dlt_data";
    QTest::newRow("no password") << "postgresql://loader@localhost/dlt_data"
                                 << "postgresql://loader@localhost/dlt_data";
    QTest::newRow("no user") << "postgresql://localhost:5432/dlt_data"
                             << "postgresql://localhost:5432/dlt_data";
    QTest::newRow("sqlite") << "sqlite:////abs/x.db"
                            << "sqlite:////abs/x.db";
    QTest::newRow("ipv6") << "postgresql://u:secret@[::1]:5432/db?sslmode=require"
                          << "postgresql://u:***@[::1]:5432/db";
    QTest::newRow("user with space and plus") << "postgresql://a%20b%2Bc:x@h/db"
                                              << "postgresql://a b+c:***@h/db";
}

void TestConnectionString::display()
{
    QFETCH(QString, url);
    QFETCH(QString, display);
    QCOMPARE(ConnectionString::parse(url).toDisplayString(), display);
}

void TestConnectionString::parseErrors_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("no scheme") << "loader:S3cretPw@localhost/db"
                               << "S3cretPw"
                               << "scheme://";
    QTest::newRow("bad scheme") << "9pg://loader:S3cretPw@localhost/db"
                                << "S3cretPw"
                                << "scheme";
    QTest::newRow("bad port") << "postgresql://loader:S3cretPw@localhost:54x2/db"
                              << "S3cretPw"
                              << "port";
    QTest::newRow("port too big") << "postgresql://loader:S3cretPw@localhost:70000/db"
                                  << "S3cretPw"
                                  << "port";
    QTest::newRow("unencoded slash in password") << "postgresql://loader:S3cret/Pw@localhost/db"
                                                 << "S3cret"
                                                 << "port";
    QTest::newRow("unterminated ipv6") << "postgresql://loader:S3cretPw@[::1:5432/db"
                                       << "S3cretPw"
                                       << "IPv6";
    QTest::newRow("junk after ipv6") << "postgresql://loader:S3cretPw@[::1]x/db"
                                     << "S3cretPw"
                                     << "IPv6";
    QTest::newRow("unbracketed ipv6") << "postgresql://loader:S3cretPw@::1/db"
                                      << "S3cretPw"
                                      << "IPv6";
}

void TestConnectionString::parseErrors()
{
    QFETCH(QString, url);
    QFETCH(QString, secret);
    QFETCH(QString, mentions);
    try {
        ConnectionString::parse(url);
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Config);
        QVERIFY2(!e.fullText().contains(secret), qPrintable(e.fullText()));
        QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
    }
}

void TestConnectionString::looksLikeUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");
    QTest::newRow("postgres") << "postgresql://h/db" << true;
    QTest::newRow("sqlite") << "sqlite:///x.db" << true;
    QTest::newRow("plus scheme") << "postgresql+psycopg2://h/db" << true;
    QTest::newRow("path") << "/abs/x.db" << false;
    QTest::newRow("windows path") << "C:\\x.db" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("no scheme") << "://h" << false;
    QTest::newRow("digit scheme") << "1x://h" << false;
}

void TestConnectionString::looksLikeUrl()
{
    QFETCH(QString, text);
    QFETCH(bool, expected);
    QCOMPARE(ConnectionString::looksLikeUrl(text), expected);
}

QTEST_GUILESS_MAIN(TestConnectionString)
#include "tst_ConnectionString.moc"
