// What the dataset browser reads back from `_dlt_version`: plain or compressed schema text, dlt
// types by table and column; and the LIKE patterns of its filters.
#include "Error.h"
#include "browse/DatasetBrowser.h"
#include "browse/SqlDatasetBrowser.h"
#include "browse/StoredSchema.h"
#include "postgres/PgConnection.h"
#include "sql/SqlJobClient.h"

#include <QTest>

using namespace wharf;

namespace {

const QByteArray kSchema = R"({"version":3,"version_hash":"h","engine_version":11,"name":"s","tables":{)"
                           R"("Issues":{"name":"Issues","columns":{"id":{"name":"id","data_type":"bigint"},)"
                           R"("price":{"name":"price","data_type":"decimal","precision":38,"scale":9},)"
                           R"("code":{"name":"code","data_type":"text","precision":64},"later":{"name":"later"}}}}})";

} // namespace

class tst_StoredSchema : public QObject {
    Q_OBJECT

private slots:
    void decodesPlainAndCompressed_data()
    {
        QTest::addColumn<qint64>("maxTextLength");
        QTest::newRow("plain") << qint64(1 << 20);
        QTest::newRow("compressed") << qint64(16);
    }
    void decodesPlainAndCompressed()
    {
        QFETCH(qint64, maxTextLength);
        const QByteArray stored = SqlJobClient::encodeStoredSchema(kSchema, maxTextLength);
        QCOMPARE(stored.startsWith('{'), maxTextLength > kSchema.size());
        QCOMPARE(decodeStoredSchema(stored), kSchema);
    }

    void refusesGarbage()
    {
        QVERIFY_THROWS_EXCEPTION(Error, decodeStoredSchema("not base64 at all!"));
        QVERIFY_THROWS_EXCEPTION(Error, decodeStoredSchema(QByteArray("not zlib").toBase64()));
        const QByteArray truncated = SqlJobClient::encodeStoredSchema(kSchema, 16);
        QVERIFY_THROWS_EXCEPTION(Error, decodeStoredSchema(QByteArray::fromBase64(truncated).left(20).toBase64()));
    }

    void indexesDltTypes()
    {
        DltTypeIndex index;
        QVERIFY(index.isEmpty());
        index.add(Schema::fromJson(kSchema));
        QCOMPARE(index.typeOf("Issues", "id"), QStringLiteral("bigint"));
        QCOMPARE(index.typeOf("Issues", "price"), QStringLiteral("decimal(38,9)"));
        QCOMPARE(index.typeOf("Issues", "code"), QStringLiteral("text(64)"));
        QCOMPARE(index.typeOf("issues", "ID"), QStringLiteral("bigint")); // PostgreSQL folds names
        QCOMPARE(index.typeOf("Issues", "later"), QString());             // no data_type yet
        QCOMPARE(index.typeOf("other", "id"), QString());
        // The newest schema is added first and wins.
        QByteArray older = kSchema;
        older.replace(R"("data_type":"bigint")", R"("data_type":"text")");
        index.add(Schema::fromJson(older));
        QCOMPARE(index.typeOf("Issues", "id"), QStringLiteral("bigint"));
    }

    void likePatternsAreLiteral_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("plain") << "abc"
                               << "%abc%";
        QTest::newRow("percent") << "50%"
                                 << "%50!%%";
        QTest::newRow("underscore") << "a_b"
                                    << "%a!_b%";
        QTest::newRow("escape char") << "a!b"
                                     << "%a!!b%";
        QTest::newRow("quote and backslash") << "it's \\"
                                             << "%it's \\%";
        QTest::newRow("empty") << ""
                               << "%%";
    }
    void likePatternsAreLiteral()
    {
        QFETCH(QString, text);
        QFETCH(QString, pattern);
        QCOMPARE(SqlDatasetBrowser::containsPattern(text), pattern);
    }

    void quotesNamesAsStored()
    {
        // Catalog names as stored: only the quote is doubled; escapeIdentifier() also folds and,
        // on PostgreSQL, doubles backslashes as dlt's escape_identifier does.
        Capabilities pg;
        pg.casefoldLower = true;
        pg.escapeIdentifierBackslashes = true;
        const postgres::PgConnection client(pg, {}, QStringLiteral("ds"));
        QCOMPARE(client.quoteIdentifier("Mixed \"q\" \\"), QStringLiteral("\"Mixed \"\"q\"\" \\\""));
        QCOMPARE(client.escapeIdentifier("Mixed \"q\" \\"), QStringLiteral("\"mixed \"\"q\"\" \\\\\""));
    }

    void describesRowsAndColumns()
    {
        BrowserTable t;
        QCOMPARE(t.rowsText(QLocale::c()), QStringLiteral("?"));
        t.rows = 1234567;
        QCOMPARE(t.rowsText(QLocale(QLocale::English)), QStringLiteral("≈1,234,567"));
        t.rowsExact = true;
        QCOMPARE(t.rowsText(QLocale(QLocale::English)), QStringLiteral("1,234,567"));
        BrowserColumn c{QStringLiteral("id"), QStringLiteral("bigint"), QStringLiteral("bigint"), false};
        QCOMPARE(c.describe(), QStringLiteral("id: bigint (bigint) not null"));
        c.dltType.clear();
        c.nullable = true;
        QCOMPARE(c.describe(), QStringLiteral("id: bigint"));
        t.columns.append(c);
        QVERIFY(t.column("id"));
        QVERIFY(!t.column("ID"));
    }
};

QTEST_GUILESS_MAIN(tst_StoredSchema)
#include "tst_StoredSchema.moc"
