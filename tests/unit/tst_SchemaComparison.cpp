// A stored dlt schema beside the database's tables: missing columns and tables, type
// mismatches, columns dlt does not know, variant columns, nested tables under their parent.
#include "browse/SchemaComparison.h"

#include <QTest>

using namespace wharf;

namespace {

const QByteArray kSchema = R"({"version":3,"version_hash":"h3","engine_version":11,"name":"shop","tables":{
 "orders":{"name":"orders","write_disposition":"merge","x-merge-strategy":"upsert","resource":"orders","columns":{
   "id":{"name":"id","data_type":"bigint","nullable":false,"primary_key":true},
   "total":{"name":"total","data_type":"decimal","precision":12,"scale":2},
   "note":{"name":"note","data_type":"text"},
   "total__v_text":{"name":"total__v_text","data_type":"text","variant":true},
   "later":{"name":"later"},
   "_dlt_id":{"name":"_dlt_id","data_type":"text","nullable":false,"unique":true,"row_key":true}}},
 "orders__lines":{"name":"orders__lines","parent":"orders","columns":{
   "sku":{"name":"sku","data_type":"text"},
   "_dlt_root_id":{"name":"_dlt_root_id","data_type":"text","nullable":false,"root_key":true}}},
 "customers":{"name":"customers","write_disposition":"append","columns":{
   "name":{"name":"name","data_type":"text"}}}}})";

BrowserColumn col(const char *name, const char *type)
{
    BrowserColumn c;
    c.name = QString::fromLatin1(name);
    c.dbType = QString::fromLatin1(type);
    return c;
}

const SchemaColumnView *find(const SchemaTableView &t, const QString &name)
{
    for (const auto &c : t.columns)
        if (c.name == name)
            return &c;
    return nullptr;
}

} // namespace

class tst_SchemaComparison : public QObject {
    Q_OBJECT
private slots:
    void typeFamilies()
    {
        QCOMPARE(dltTypesForDbType(QStringLiteral("character varying")).first(), DataType::Text);
        QCOMPARE(dltTypesForDbType(QStringLiteral("INTEGER")), QList<DataType>{DataType::Bigint});
        QCOMPARE(dltTypesForDbType(QStringLiteral("tinyint(1)")), QList<DataType>{DataType::Bool});
        QCOMPARE(dltTypesForDbType(QStringLiteral("timestamp with time zone")), QList<DataType>{DataType::Timestamp});
        QCOMPARE(dltTypesForDbType(QStringLiteral("time without time zone")), QList<DataType>{DataType::Time});
        QCOMPARE(dltTypesForDbType(QStringLiteral("DATETIME")), QList<DataType>{DataType::Timestamp});
        QVERIFY(dltTypesForDbType(QStringLiteral("NUMERIC(38, 9)")).contains(DataType::Decimal));
        QCOMPARE(dltTypesForDbType(QStringLiteral("double precision")), QList<DataType>{DataType::Double});
        QCOMPARE(dltTypesForDbType(QStringLiteral("bytea")), QList<DataType>{DataType::Binary});
        QCOMPARE(dltTypesForDbType(QStringLiteral("jsonb")), QList<DataType>{DataType::Json});
        QVERIFY(dltTypesForDbType(QStringLiteral("interval")).isEmpty()); // no int
        QVERIFY(dltTypesForDbType(QStringLiteral("geometry")).isEmpty()); // unknown: never a mismatch
    }

    void differencesAreFound()
    {
        const Schema schema = Schema::fromJson(kSchema, QStringLiteral("test"));
        BrowserTable orders;
        orders.name = QStringLiteral("orders");
        orders.rows = 12;
        orders.rowsExact = true;
        // total became text by hand; note was dropped; extra was added; the variant is there.
        orders.columns = {col("id", "bigint"), col("total", "text"), col("total__v_text", "character varying"),
                          col("_dlt_id", "character varying"), col("extra", "integer")};
        BrowserTable lines;
        lines.name = QStringLiteral("ORDERS__LINES"); // a folding database
        lines.columns = {col("SKU", "VARCHAR"), col("_DLT_ROOT_ID", "VARCHAR")};
        const SchemaView view = compareSchema(schema, {orders, lines});

        QCOMPARE(view.name, QStringLiteral("shop"));
        QCOMPARE(view.version, 3);
        QStringList order;
        for (const auto &t : view.tables)
            order << t.name;
        QCOMPARE(order, (QStringList{"orders", "orders__lines", "customers"}));

        const SchemaTableView &o = view.tables[0];
        QVERIFY(o.inDatabase);
        QCOMPARE(o.rows, 12);
        QCOMPARE(o.disposition, QStringLiteral("merge"));
        QCOMPARE(o.strategy, QStringLiteral("upsert"));
        QCOMPARE(find(o, "id")->status, SchemaColumnView::Status::Ok);
        QVERIFY(find(o, "id")->hints.contains(QStringLiteral("primary key")));
        QCOMPARE(find(o, "total")->status, SchemaColumnView::Status::TypeMismatch);
        QCOMPARE(find(o, "total")->dltType, QStringLiteral("decimal(12,2)"));
        QCOMPARE(find(o, "note")->status, SchemaColumnView::Status::MissingInDatabase);
        QCOMPARE(find(o, "later")->status, SchemaColumnView::Status::NoType);
        QCOMPARE(find(o, "extra")->status, SchemaColumnView::Status::NotInSchema);
        QVERIFY(find(o, "total__v_text")->variant);
        QCOMPARE(find(o, "total__v_text")->status, SchemaColumnView::Status::Ok);
        QVERIFY(find(o, "total__v_text")->note.contains(QStringLiteral("variant of total")));
        QCOMPARE(o.differences, 3); // mismatch, missing, extra (a column without a type is no difference)

        const SchemaTableView &l = view.tables[1];
        QCOMPARE(l.parent, QStringLiteral("orders"));
        QCOMPARE(l.disposition, QStringLiteral("merge")); // inherited from the root
        QVERIFY(l.inDatabase);
        QCOMPARE(l.differences, 0);
        QCOMPARE(find(l, "sku")->dbType, QStringLiteral("VARCHAR"));

        const SchemaTableView &c = view.tables[2];
        QVERIFY(!c.inDatabase);
        QCOMPARE(c.differences, 1);
        QCOMPARE(view.differences, 4);
    }
};

QTEST_APPLESS_MAIN(tst_SchemaComparison)
#include "tst_SchemaComparison.moc"
