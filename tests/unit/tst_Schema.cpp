#include "Error.h"
#include "TestSupport.h"
#include "schema/Schema.h"
#include "schema/SchemaVerifier.h"

#include <QTest>

using namespace wharf;

static const char *kSchema =
    R"({"version":3,"version_hash":"abc=","engine_version":11,"name":"chess",
"tables":{
 "_dlt_version":{"name":"_dlt_version","write_disposition":"skip","columns":{"version":{"name":"version","data_type":"bigint","nullable":false}}},
 "players":{"name":"players","write_disposition":"merge","x-merge-strategy":"delete-insert","x-normalizer":{"seen-data":true},
   "columns":{"zeta":{"name":"zeta","data_type":"bigint","nullable":false,"primary_key":true},
              "alpha":{"data_type":"text","precision":64},
              "incomplete":{"name":"incomplete","nullable":true},
              "ts":{"name":"ts","data_type":"timestamp","timezone":false,"precision":3},
              "amount":{"name":"amount","data_type":"decimal","precision":10,"scale":2},
              "_dlt_id":{"name":"_dlt_id","data_type":"text","nullable":false,"unique":true,"row_key":true}}},
 "players__games":{"name":"players__games","parent":"players","columns":{"value":{"name":"value","data_type":"text"}}},
 "players__games__moves":{"name":"players__games__moves","parent":"players__games","columns":{"m":{"name":"m","data_type":"json"}}},
 "players__friends":{"name":"players__friends","parent":"players","columns":{"f":{"name":"f","data_type":"text"}}},
 "events":{"name":"events","columns":{"e":{"name":"e","data_type":"bool"}}}
}})";

class tst_Schema : public QObject {
    Q_OBJECT
private slots:
    void parsesTablesInOrder()
    {
        const Schema s = Schema::fromJson(kSchema, "test");
        QCOMPARE(s.name, QStringLiteral("chess"));
        QCOMPARE(s.version, 3);
        QCOMPARE(s.engineVersion, 11);
        QCOMPARE(s.versionHash, QStringLiteral("abc="));
        QStringList names;
        for (const auto &t : s.tables)
            names << t.name;
        QCOMPARE(names, QStringList({"_dlt_version", "players", "players__games", "players__games__moves",
                                     "players__friends", "events"}));
        QVERIFY(s.json.startsWith("{\"version\":3"));
    }

    void parsesColumnsAndHints()
    {
        const Schema s = Schema::fromJson(kSchema, "test");
        const Table *t = s.table("players");
        QVERIFY(t);
        QVERIFY(t->seenData);
        QCOMPARE(t->mergeStrategy, QStringLiteral("delete-insert"));
        QStringList cols;
        for (const auto &c : t->columns)
            cols << c.name;
        // Column order is the document's, not alphabetical; a missing "name" comes from the key.
        QCOMPARE(cols, QStringList({"zeta", "alpha", "incomplete", "ts", "amount", "_dlt_id"}));
        QCOMPARE(t->completeColumns().size(), 5);
        const Column *zeta = t->column("zeta");
        QVERIFY(zeta && zeta->primaryKey && !zeta->nullable);
        QCOMPARE(*zeta->dataType, DataType::Bigint);
        const Column *alpha = t->column("alpha");
        QCOMPARE(alpha->precision.value_or(0), 64);
        QVERIFY(alpha->nullable);
        QVERIFY(!t->column("incomplete")->isComplete());
        const Column *ts = t->column("ts");
        QVERIFY(!ts->timezone);
        QCOMPARE(ts->precision.value_or(0), 3);
        QCOMPARE(t->column("amount")->scale.value_or(0), 2);
        const Column *id = t->column("_dlt_id");
        QVERIFY(id->unique && id->rowKey);
    }

    void dispositionsAndChains()
    {
        const Schema s = Schema::fromJson(kSchema, "test");
        QCOMPARE(s.effectiveDisposition("players"), WriteDisposition::Merge);
        QCOMPARE(s.effectiveDisposition("players__games__moves"), WriteDisposition::Merge);
        QCOMPARE(s.effectiveDisposition("events"), WriteDisposition::Append);
        QCOMPARE(s.effectiveDisposition("_dlt_version"), WriteDisposition::Skip);
        QCOMPARE(s.rootOf("players__games__moves")->name, QStringLiteral("players"));
        QCOMPARE(s.tableChain("players"),
                 QStringList({"players", "players__games", "players__games__moves", "players__friends"}));
        QCOMPARE(s.tableChain("events"), QStringList({"events"}));
    }

    void computesUpdates()
    {
        const Schema s = Schema::fromJson(kSchema, "test");
        const Table &t = *s.table("players");
        auto create = computeTableUpdate(t, {}, false);
        QVERIFY(create);
        QVERIFY(!create->exists);
        QCOMPARE(create->newColumns.size(), 5); // the incomplete column is never created
        auto alter = computeTableUpdate(t, {"zeta", "alpha", "ts"}, false);
        QVERIFY(alter && alter->exists);
        QCOMPARE(alter->newColumns.size(), 2);
        QCOMPARE(alter->newColumns[0].name, QStringLiteral("amount"));
        QCOMPARE(alter->newColumns[1].name, QStringLiteral("_dlt_id"));
        QVERIFY(!computeTableUpdate(t, {"zeta", "alpha", "ts", "amount", "_dlt_id", "extra"}, false));
        // Case-folding destinations compare lower-cased names.
        QVERIFY(!computeTableUpdate(t, {"ZETA", "ALPHA", "TS", "AMOUNT", "_DLT_ID"}, true));
        QCOMPARE(computeTableUpdate(t, {"ZETA", "ALPHA", "TS", "AMOUNT", "_DLT_ID"}, false)->newColumns.size(), 5);
    }

    void realPackageSchema()
    {
        const Schema s =
            Schema::fromFile(test::dataPath("packages/gh_issues_insert_values/1795476037.8625736/schema.json"));
        QCOMPARE(s.name, QStringLiteral("gh_issues_insert_values"));
        QCOMPARE(s.table("issues")->columns.size(), 74);
        QCOMPARE(s.table("_dlt_loads")->column("load_id")->precision.value_or(0), 64);
        QCOMPARE(s.table("issues__labels")->parent, QStringLiteral("issues"));
        QCOMPARE(s.effectiveDisposition("issues__labels"), WriteDisposition::Append);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("needle");
        QTest::newRow("not json") << QByteArray("{\"name\":") << "not valid JSON";
        QTest::newRow("array") << QByteArray("[1,2]") << "not a JSON object";
        QTest::newRow("no name") << QByteArray(R"({"tables":{}})") << "no name";
        QTest::newRow("no tables") << QByteArray(R"({"name":"x"})") << "no tables";
        QTest::newRow("bad type") << QByteArray(R"({"name":"x","tables":{"t":{"columns":{"c":{"data_type":"blob"}}}}})")
                                  << "unknown data_type 'blob'";
        QTest::newRow("bad disposition") << QByteArray(R"({"name":"x","tables":{"t":{"write_disposition":"upsert"}}})")
                                         << "unknown write_disposition";
        QTest::newRow("missing parent") << QByteArray(R"({"name":"x","tables":{"t":{"parent":"nope"}}})")
                                        << "parent nope";
    }
    void errors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, needle);
        try {
            Schema::fromJson(json, "broken.json");
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
            QVERIFY2(e.fullText().contains(needle), qPrintable(e.fullText()));
            QCOMPARE(e.location().file, QStringLiteral("broken.json"));
        }
    }

    void verifierRefusesCollisionsAndLongNames()
    {
        Capabilities pg;
        pg.casefoldLower = true;
        pg.maxIdentifierLength = 63;
        pg.maxColumnIdentifierLength = 63;
        const QByteArray twoCases =
            R"({"name":"x","tables":{"t":{"columns":{"Name":{"data_type":"text"},"name":{"data_type":"text"}}}}})";
        try {
            verifySchema(Schema::fromJson(twoCases, "s"), pg, {"t"});
            QFAIL("columns that collide after case folding must be refused");
        } catch (const Error &e) {
            QVERIFY(e.message().contains("SchemaIdentifierNormalizationCollision"));
            QVERIFY(e.message().contains("Name") && e.message().contains("name"));
        }
        Capabilities caseSensitive = pg;
        caseSensitive.casefoldLower = false;
        verifySchema(Schema::fromJson(twoCases, "s"), caseSensitive, {"t"});
        // 63 bytes is fine, 64 is not; multi-byte characters count in bytes.
        const QString ok(63, QLatin1Char('a'));
        const QString multibyte = QString(32, QChar(0x00e9)); // 64 bytes in UTF-8
        const auto schemaWithTable = [](const QString &n) {
            return Schema::fromJson(
                QStringLiteral(R"({"name":"x","tables":{"%1":{"columns":{"c":{"data_type":"text"}}}}})")
                    .arg(n)
                    .toUtf8(),
                "s");
        };
        verifySchema(schemaWithTable(ok), pg, {ok});
        QVERIFY_THROWS_EXCEPTION(Error, verifySchema(schemaWithTable(ok + "a"), pg, {ok + "a"}));
        QVERIFY_THROWS_EXCEPTION(Error, verifySchema(schemaWithTable(multibyte), pg, {multibyte}));
        // Tables the load does not touch are not checked.
        verifySchema(schemaWithTable(ok + "a"), pg, {});
    }

    void missingFile()
    {
        try {
            Schema::fromFile("/nonexistent/schema.json");
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY(e.fullText().contains("/nonexistent/schema.json"));
            QVERIFY(e.fullText().contains("missing"));
        }
    }
};

QTEST_GUILESS_MAIN(tst_Schema)
#include "tst_Schema.moc"
