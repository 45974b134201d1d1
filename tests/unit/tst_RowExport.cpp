// Clipboard formats of the dataset browser: TSV (Ctrl+C), CSV with a header, JSON.
#include "browse/RowExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace wharf;

namespace {

const QStringList kHeaders{"id", "name", "price", "ok", "raw", "payload"};

QList<QVariantList> sampleRows()
{
    return {
        {qint64(1), QStringLiteral("plain"), 1.5, true, QByteArray("\x01\xff", 2), QStringLiteral(R"({"a":[1,2]})")},
        {qint64(9007199254740993), QStringLiteral("tab\there, \"quoted\"\nnext"), QVariant(), false, QVariant(),
         QStringLiteral("not json")},
    };
}

} // namespace

class tst_RowExport : public QObject {
    Q_OBJECT

private slots:
    void cellTexts_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("null") << QVariant() << "";
        QTest::newRow("bytes") << QVariant(QByteArray("\x00\xab", 2)) << "\\x00ab";
        QTest::newRow("bool") << QVariant(true) << "true";
        QTest::newRow("double") << QVariant(0.1) << "0.1";
        QTest::newRow("bigint") << QVariant(qint64(-9007199254740993)) << "-9007199254740993";
        QTest::newRow("text") << QVariant(QStringLiteral("x")) << "x";
    }
    void cellTexts()
    {
        QFETCH(QVariant, value);
        QFETCH(QString, text);
        QCOMPARE(cellText(value), text);
    }

    void tsv()
    {
        QCOMPARE(rowsToTsv(sampleRows()),
                 QStringLiteral("1\tplain\t1.5\ttrue\t\\x01ff\t{\"a\":[1,2]}\n"
                                "9007199254740993\t\"tab\there, \"\"quoted\"\"\nnext\"\t\tfalse\t\tnot json\n"));
        QCOMPARE(rowsToTsv({}), QString());
        QCOMPARE(rowsToTsv({{QStringLiteral("\"starts quoted")}}), QStringLiteral("\"\"\"starts quoted\"\n"));
    }

    void csv()
    {
        QCOMPARE(rowsToCsv(kHeaders, sampleRows()),
                 QStringLiteral("id,name,price,ok,raw,payload\r\n"
                                "1,plain,1.5,true,\\x01ff,\"{\"\"a\"\":[1,2]}\"\r\n"
                                "9007199254740993,\"tab\there, \"\"quoted\"\"\nnext\",,false,,not json\r\n"));
        QCOMPARE(rowsToCsv({"a,b"}, {}), QStringLiteral("\"a,b\"\r\n"));
    }

    void json()
    {
        const QByteArray text = rowsToJson(kHeaders, sampleRows(), {false, false, false, false, false, true});
        // Keys in column order, one object per line.
        QVERIFY2(text.startsWith("[\n  {\"id\": 1, \"name\": \"plain\", \"price\": 1.5, \"ok\": true"),
                 text.constData());
        QJsonParseError error;
        const QJsonArray rows = QJsonDocument::fromJson(text, &error).array();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(rows.size(), 2);
        const QJsonObject first = rows[0].toObject();
        QCOMPARE(first["raw"].toString(), QStringLiteral("\\x01ff"));
        QCOMPARE(first["payload"].toObject()["a"].toArray().size(), 2); // json column embedded
        const QJsonObject second = rows[1].toObject();
        QVERIFY(second["price"].isNull());
        QCOMPARE(second["ok"].toBool(true), false);
        QCOMPARE(second["name"].toString(), QStringLiteral("tab\there, \"quoted\"\nnext"));
        QCOMPARE(second["payload"].toString(), QStringLiteral("not json")); // kept as text
        QVERIFY(text.contains("9007199254740993"));                         // integers are not rounded through double
        QCOMPARE(rowsToJson(kHeaders, {}), QByteArray("[]\n"));
    }
};

QTEST_GUILESS_MAIN(tst_RowExport)
#include "tst_RowExport.moc"
