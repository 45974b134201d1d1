// textProblem (core/formats/TextScan.h): what a UTF-8 database cannot keep as text.
#include "formats/TextScan.h"

#include <QTest>
#include <string>

using namespace wharf;

class tst_TextScan : public QObject {
    Q_OBJECT
private slots:
    void textProblem_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("problem");
        QTest::newRow("empty") << QByteArray() << QString();
        QTest::newRow("ascii, long") << QByteArray("plain ascii text of more than eight bytes") << QString();
        QTest::newRow("two-byte") << QByteArray("caf\xc3\xa9 ok") << QString();
        QTest::newRow("three-byte") << QByteArray("\xe2\x82\xac euro") << QString();
        QTest::newRow("four-byte") << QByteArray("emoji \xf0\x9f\x98\x80!") << QString();
        QTest::newRow("nul in a word") << QByteArray("abc\0defghijk", 12) << QStringLiteral("a NUL byte");
        QTest::newRow("nul at the end") << QByteArray("abcdefghijk\0", 12) << QStringLiteral("a NUL byte");
        QTest::newRow("lone continuation") << QByteArray("ab\x80") << QStringLiteral("invalid UTF-8");
        QTest::newRow("truncated") << QByteArray("ab\xe2\x82") << QStringLiteral("invalid UTF-8");
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QStringLiteral("invalid UTF-8");
        QTest::newRow("overlong three") << QByteArray("\xe0\x80\xaf") << QStringLiteral("invalid UTF-8");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QStringLiteral("invalid UTF-8");
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QStringLiteral("invalid UTF-8");
        QTest::newRow("latin-1") << QByteArray("caf\xe9 ok") << QStringLiteral("invalid UTF-8");
    }
    void textProblem()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, problem);
        const char *got = wharf::textProblem(std::string_view(bytes.constData(), std::size_t(bytes.size())));
        QCOMPARE(got ? QString::fromLatin1(got) : QString(), problem);
    }
};

QTEST_GUILESS_MAIN(tst_TextScan)
#include "tst_TextScan.moc"
