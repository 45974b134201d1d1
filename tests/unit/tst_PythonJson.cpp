// JSON text and floats as Python writes them (core/formats/PythonJson.h), which is how dlt's
// SQLite destination stores json columns. Expected strings were printed by Python 3.11.
#include "formats/PythonJson.h"

#include <QTest>
#include <clocale>

using namespace wharf;

class tst_PythonJson : public QObject {
    Q_OBJECT
private slots:
    void floatRepr_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("repr");
        const auto row = [](double v, const char *r) { QTest::addRow("%s", r) << v << QString::fromLatin1(r); };
        row(1.0, "1.0");
        row(100.0, "100.0");
        row(1e16, "1e+16");
        row(1e15, "1000000000000000.0");
        row(123456789.125, "123456789.125");
        row(0.0001, "0.0001");
        row(0.00001, "1e-05");
        row(3.695780059764786e-08, "3.695780059764786e-08");
        row(1e300, "1e+300");
        row(-0.5, "-0.5");
        row(-0.0, "-0.0");
        row(1.5e-10, "1.5e-10");
        row(6.02214076e+23, "6.02214076e+23");
        row(1e22, "1e+22");
        row(12345678901234567.0, "1.2345678901234568e+16");
    }
    void floatRepr()
    {
        QFETCH(double, value);
        QFETCH(QString, repr);
        QCOMPARE(QString::fromStdString(pythonFloatRepr(value)), repr);
    }

    void rewritesAsPythonDumps()
    {
        // Compact input with raw UTF-8, escapes and a needless "\/": Python's defaults come out.
        const std::string in = "{\"z\":1,\"a\":[1,2.50,null,true,\"s\xc3\xbc\\/\"],\"e\":{},"
                               "\"u\":\"\xf0\x9f\x98\x80 Z\xc3\xbcrich\",\"c\":\"tab\\tbell\\u0007\x7f\"}";
        std::string out;
        QVERIFY(toPythonJson(in, out));
        QCOMPARE(
            QString::fromStdString(out),
            QStringLiteral("{\"z\": 1, \"a\": [1, 2.5, null, true, \"s\\u00fc/\"], \"e\": {}, \"u\": \"\\ud83d\\ude00 "
                           "Z\\u00fcrich\", \"c\": \"tab\\tbell\\u0007\\u007f\"}"));
        // A repeated key keeps its first place and its last value, as a Python dict does; keys
        // are equal once unescaped.
        QVERIFY(toPythonJson("{\"a\":1,\"b\":{\"x\":1,\"x\":[2]},\"\\u0061\":3}", out));
        QCOMPARE(QString::fromStdString(out), QStringLiteral("{\"a\": 3, \"b\": {\"x\": [2]}}"));
        // The decimal point does not depend on the C library's locale.
        const char *previous = std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
        QVERIFY(toPythonJson("[1.5,2.5e3]", out));
        QCOMPARE(QString::fromStdString(out), QStringLiteral("[1.5, 2500.0]"));
        if (previous)
            std::setlocale(LC_NUMERIC, "C");
        QVERIFY(toPythonJson("[1e-999,-1e-999]", out));
        QCOMPARE(QString::fromStdString(out), QStringLiteral("[0.0, -0.0]"));
        // Escaped surrogates stay as they are; whitespace goes.
        QVERIFY(toPythonJson(" [ \"\\uD83D\\uDE00\" , -0 ] ", out));
        QCOMPARE(QString::fromStdString(out), QStringLiteral("[\"\\ud83d\\ude00\", 0]"));
    }

    void refusesWhatIsNotJson()
    {
        std::string out;
        for (const char *bad : {"", "{", "[1,]", "{\"a\" 1}", "'x'", "\"tab\there\"", "[1] 2", "nul", "\"\\x\"", "01x",
                                "1+300", "01", "1.", ".5", "-", "1e", "--1", "1e999"})
            QVERIFY2(!toPythonJson(bad, out), bad);
    }
};

QTEST_GUILESS_MAIN(tst_PythonJson)
#include "tst_PythonJson.moc"
