// The browser's filter language (ColumnFilter::parse): operators, ranges, null tests, LIKE,
// literal text, and clear errors for an operator without a value.
#include "Error.h"
#include "browse/ColumnFilter.h"

#include <QTest>

using namespace wharf;
using Op = ColumnFilter::Op;

class tst_ColumnFilter : public QObject {
    Q_OBJECT
private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("op");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QVariant>("second");
        QTest::newRow("contains") << "abc" << int(Op::Contains) << QVariant("abc") << QVariant();
        QTest::newRow("contains keeps spaces") << " a b " << int(Op::Contains) << QVariant(" a b ") << QVariant();
        QTest::newRow("greater number") << ">50000" << int(Op::Greater) << QVariant(qlonglong(50000)) << QVariant();
        QTest::newRow("at least, spaced") << ">= 2.5" << int(Op::GreaterOrEqual) << QVariant(2.5) << QVariant();
        QTest::newRow("less") << "<10" << int(Op::Less) << QVariant(qlonglong(10)) << QVariant();
        QTest::newRow("at most") << "<=10" << int(Op::LessOrEqual) << QVariant(qlonglong(10)) << QVariant();
        QTest::newRow("equal text") << "=open" << int(Op::Equal) << QVariant("open") << QVariant();
        QTest::newRow("not equal") << "<>3" << int(Op::NotEqual) << QVariant(qlonglong(3)) << QVariant();
        QTest::newRow("not equal bang") << "!=3" << int(Op::NotEqual) << QVariant(qlonglong(3)) << QVariant();
        QTest::newRow("date") << ">2024-01-01" << int(Op::Greater) << QVariant("2024-01-01") << QVariant();
        QTest::newRow("range") << "10..20" << int(Op::Between) << QVariant(qlonglong(10)) << QVariant(qlonglong(20));
        QTest::newRow("range of decimals") << "1.5 .. 2.5" << int(Op::Between) << QVariant(1.5) << QVariant(2.5);
        QTest::newRow("null") << "NULL" << int(Op::IsNull) << QVariant() << QVariant();
        QTest::newRow("is null") << "is null" << int(Op::IsNull) << QVariant() << QVariant();
        QTest::newRow("not null") << "Not Null" << int(Op::IsNotNull) << QVariant() << QVariant();
        QTest::newRow("like") << "like a%_b" << int(Op::Like) << QVariant("a%_b") << QVariant();
        QTest::newRow("literal operator") << "'>5" << int(Op::Contains) << QVariant(">5") << QVariant();
        QTest::newRow("a lone quote") << "'" << int(Op::Contains) << QVariant("'") << QVariant();
        QTest::newRow("two quotes") << "''" << int(Op::Contains) << QVariant("'") << QVariant();
        QTest::newRow("half range is text") << "10.." << int(Op::Contains) << QVariant("10..") << QVariant();
        QTest::newRow("exponent stays text") << "=1e5" << int(Op::Equal) << QVariant("1e5") << QVariant();
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(int, op);
        QFETCH(QVariant, value);
        QFETCH(QVariant, second);
        const ColumnFilter f = ColumnFilter::parse(text);
        QCOMPARE(int(f.op), op);
        QCOMPARE(f.value, value);
        QCOMPARE(f.second, second);
    }

    void anOperatorNeedsAValue_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *t : {">", ">=", "<", "<= ", "=", "<>", "!=", "like "})
            QTest::newRow(t) << QString::fromLatin1(t);
    }
    void anOperatorNeedsAValue()
    {
        QFETCH(QString, text);
        try {
            ColumnFilter::parse(text);
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Config);
            QVERIFY2(e.message().contains(QStringLiteral("needs a value")), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(tst_ColumnFilter)
#include "tst_ColumnFilter.moc"
