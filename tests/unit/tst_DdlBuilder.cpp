// dlt's CREATE/ALTER text (core/sql/DdlBuilder.h, spec 3.10) and the SQLite type mapping
// (destinations/sqlite/SqliteTypeMapper.h, spec 6.1). The SQLite connection is only an object
// here: its constructor does not open a database.
#include "Error.h"
#include "sql/DdlBuilder.h"
#include "sqlite/SqliteConnection.h"
#include "sqlite/SqliteDestination.h"
#include "sqlite/SqliteTypeMapper.h"

#include <QTest>
#include <optional>

using namespace wharf;
using wharf::sqlite::SqliteConnection;
using wharf::sqlite::SqliteTypeMapper;

Q_DECLARE_METATYPE(wharf::Column)
Q_DECLARE_METATYPE(wharf::DataType)

namespace {

Column col(const QString &name, DataType type, bool nullable = true, std::optional<int> precision = std::nullopt,
           std::optional<int> scale = std::nullopt, bool unique = false)
{
    Column c;
    c.name = name;
    c.dataType = type;
    c.nullable = nullable;
    c.precision = precision;
    c.scale = scale;
    c.unique = unique;
    return c;
}

Capabilities sqliteCaps()
{
    return sqlite::SqliteDestination().capabilities();
}

Table table(const QString &name, const QList<Column> &columns)
{
    Table t;
    t.name = name;
    t.columns = columns;
    return t;
}

TableUpdate update(const Table &t, bool exists)
{
    TableUpdate u;
    u.table = t.name;
    u.exists = exists;
    u.newColumns = t.columns;
    return u;
}

} // namespace

class tst_DdlBuilder : public QObject {
    Q_OBJECT

    SqliteTypeMapper m_types;

private slots:
    void sqliteCapabilities()
    {
        // What the DDL below depends on.
        const Capabilities caps = sqliteCaps();
        QVERIFY(!caps.alterAddMultiColumn);
        QVERIFY(caps.supportsCreateTableIfNotExists);
        QVERIFY(!caps.casefoldLower);
        QVERIFY(!caps.escapeIdentifierBackslashes);
    }

    void escapeIdentifier_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("sqlite");
        QTest::addColumn<QString>("folding"); // casefold + backslash escaping (Postgres-like)
        QTest::newRow("plain") << "issues"
                               << "\"issues\""
                               << "\"issues\"";
        QTest::newRow("embedded quote") << "a\"b"
                                        << "\"a\"\"b\""
                                        << "\"a\"\"b\"";
        QTest::newRow("two quotes") << "\"\""
                                    << "\"\"\"\"\"\""
                                    << "\"\"\"\"\"\"";
        QTest::newRow("mixed case") << "MixedCase"
                                    << "\"MixedCase\""
                                    << "\"mixedcase\"";
        QTest::newRow("backslash") << "a\\b"
                                   << "\"a\\b\""
                                   << "\"a\\\\b\"";
        QTest::newRow("space and dot") << "a b.c"
                                       << "\"a b.c\""
                                       << "\"a b.c\"";
    }
    void escapeIdentifier()
    {
        QFETCH(QString, name);
        const SqliteConnection conn(sqliteCaps(), QStringLiteral(":memory:"), QStringLiteral("ds"));
        QVERIFY(!conn.isOpen());
        QTEST(conn.escapeIdentifier(name), "sqlite");
        QCOMPARE(conn.qualifiedTableName(name), QStringLiteral("\"ds\".") + conn.escapeIdentifier(name));
        Capabilities folding = sqliteCaps();
        folding.casefoldLower = true;
        folding.escapeIdentifierBackslashes = true;
        const SqliteConnection other(folding, QStringLiteral(":memory:"), QStringLiteral("DS"));
        QTEST(other.escapeIdentifier(name), "folding");
        QCOMPARE(other.qualifiedTableName(name), QStringLiteral("\"ds\".") + other.escapeIdentifier(name));
    }

    void columnDefinition_data()
    {
        QTest::addColumn<Column>("column");
        QTest::addColumn<bool>("createIndexes");
        QTest::addColumn<QString>("expected");
        // Four parts joined by single spaces even when empty (dlt's exact text).
        QTest::newRow("not null bigint") << col("col", DataType::Bigint, false) << false << "\"col\" BIGINT  NOT NULL";
        QTest::newRow("nullable text keeps trailing spaces")
            << col("name", DataType::Text) << false << "\"name\" TEXT  ";
        QTest::newRow("unique hint with create_indexes") << col("_dlt_id", DataType::Text, false, {}, {}, true) << true
                                                         << "\"_dlt_id\" VARCHAR(128) UNIQUE NOT NULL";
        QTest::newRow("unique hint without create_indexes")
            << col("_dlt_id", DataType::Text, false, {}, {}, true) << false << "\"_dlt_id\" VARCHAR(128)  NOT NULL";
        QTest::newRow("nullable unique with create_indexes")
            << col("u", DataType::Bigint, true, {}, {}, true) << true << "\"u\" BIGINT UNIQUE ";
        QTest::newRow("escaped name") << col("a\"b", DataType::Double) << false << "\"a\"\"b\" FLOAT  ";
        QTest::newRow("decimal") << col("amount", DataType::Decimal, false, 10, 2) << false
                                 << "\"amount\" NUMERIC(10, 2)  NOT NULL";
    }
    void columnDefinition()
    {
        QFETCH(Column, column);
        QFETCH(bool, createIndexes);
        const SqliteConnection conn(sqliteCaps(), QStringLiteral(":memory:"), QStringLiteral("ds"));
        const DdlBuilder ddl(conn, m_types, createIndexes);
        QTEST(ddl.columnDefinition(column, table(QStringLiteral("t"), {column})), "expected");
    }

    void createTable()
    {
        const SqliteConnection conn(sqliteCaps(), QStringLiteral(":memory:"), QStringLiteral("ds"));
        const DdlBuilder ddl(conn, m_types, false);
        const Table t =
            table(QStringLiteral("t"),
                  {col("col", DataType::Bigint, false), col("name", DataType::Text), col("ts", DataType::Timestamp),
                   col("_dlt_load_id", DataType::Text, false), col("_dlt_id", DataType::Text, false, {}, {}, true)});
        QCOMPARE(ddl.statements(update(t, false), t), QStringList({"CREATE TABLE \"ds\".\"t\" (\n"
                                                                   "\"col\" BIGINT  NOT NULL,\n"
                                                                   "\"name\" TEXT  ,\n"
                                                                   "\"ts\" DATETIME  ,\n"
                                                                   "\"_dlt_load_id\" TEXT  NOT NULL,\n"
                                                                   "\"_dlt_id\" VARCHAR(128)  NOT NULL)"}));
    }

    void createOnlyNewColumnsInUpdateOrder()
    {
        const SqliteConnection conn(sqliteCaps(), QStringLiteral(":memory:"), QStringLiteral("ds"));
        const DdlBuilder ddl(conn, m_types, false);
        const Table t = table(QStringLiteral("t"), {col("a", DataType::Bool), col("b", DataType::Json)});
        TableUpdate u;
        u.table = t.name;
        u.newColumns = {col("b", DataType::Json)};
        QCOMPARE(ddl.statements(u, t), QStringList({"CREATE TABLE \"ds\".\"t\" (\n\"b\" JSON  )"}));
    }

    void ifNotExistsOnlyForDltTables_data()
    {
        QTest::addColumn<QString>("tableName");
        QTest::addColumn<bool>("supported");
        QTest::addColumn<QString>("head");
        QTest::newRow("_dlt_version") << "_dlt_version" << true
                                      << "CREATE TABLE IF NOT EXISTS \"ds\".\"_dlt_version\" (\n";
        QTest::newRow("_dlt_loads") << "_dlt_loads" << true << "CREATE TABLE IF NOT EXISTS \"ds\".\"_dlt_loads\" (\n";
        QTest::newRow("_dlt_pipeline_state")
            << "_dlt_pipeline_state" << true << "CREATE TABLE IF NOT EXISTS \"ds\".\"_dlt_pipeline_state\" (\n";
        QTest::newRow("data table") << "issues" << true << "CREATE TABLE \"ds\".\"issues\" (\n";
        QTest::newRow("dlt without underscore") << "dlt_loads" << true << "CREATE TABLE \"ds\".\"dlt_loads\" (\n";
        QTest::newRow("_dlt in the middle") << "my_dlt_loads" << true << "CREATE TABLE \"ds\".\"my_dlt_loads\" (\n";
        QTest::newRow("_dlt table, not supported")
            << "_dlt_version" << false << "CREATE TABLE \"ds\".\"_dlt_version\" (\n";
    }
    void ifNotExistsOnlyForDltTables()
    {
        QFETCH(QString, tableName);
        QFETCH(bool, supported);
        QFETCH(QString, head);
        Capabilities caps = sqliteCaps();
        caps.supportsCreateTableIfNotExists = supported;
        const SqliteConnection conn(caps, QStringLiteral(":memory:"), QStringLiteral("ds"));
        const DdlBuilder ddl(conn, m_types, false);
        const Table t = table(tableName, {col("version", DataType::Bigint, false)});
        QCOMPARE(ddl.statements(update(t, false), t), QStringList({head + "\"version\" BIGINT  NOT NULL)"}));
        // ALTER never carries the clause.
        QCOMPARE(ddl.statements(update(t, true), t).value(0), QStringLiteral("ALTER TABLE \"ds\".") +
                                                                  conn.escapeIdentifier(tableName) +
                                                                  "\nADD COLUMN \"version\" BIGINT  NOT NULL");
    }

    void alterOneStatementPerColumn()
    {
        // SQLite: alter_add_multi_column is false.
        const SqliteConnection conn(sqliteCaps(), QStringLiteral(":memory:"), QStringLiteral("ds"));
        const DdlBuilder ddl(conn, m_types, false);
        const Table t = table(QStringLiteral("t"), {col("a", DataType::Text), col("b", DataType::Bigint, false),
                                                    col("c", DataType::Decimal)});
        QCOMPARE(ddl.statements(update(t, true), t),
                 QStringList({"ALTER TABLE \"ds\".\"t\"\nADD COLUMN \"a\" TEXT  ",
                              "ALTER TABLE \"ds\".\"t\"\nADD COLUMN \"b\" BIGINT  NOT NULL",
                              "ALTER TABLE \"ds\".\"t\"\nADD COLUMN \"c\" NUMERIC(38, 9)  "}));
    }

    void alterMultiColumn()
    {
        Capabilities caps = sqliteCaps();
        caps.alterAddMultiColumn = true;
        const SqliteConnection conn(caps, QStringLiteral(":memory:"), QStringLiteral("ds"));
        const DdlBuilder ddl(conn, m_types, false);
        const Table t = table(QStringLiteral("t"), {col("a", DataType::Text), col("b", DataType::Bigint, false)});
        QCOMPARE(ddl.statements(update(t, true), t), QStringList({"ALTER TABLE \"ds\".\"t\"\nADD COLUMN \"a\" TEXT  ,\n"
                                                                  "ADD COLUMN \"b\" BIGINT  NOT NULL"}));
    }

    void escapingInDdl()
    {
        const SqliteConnection conn(sqliteCaps(), QStringLiteral(":memory:"), QStringLiteral("d\"s"));
        const DdlBuilder ddl(conn, m_types, false);
        const Table t = table(QStringLiteral("a\"b"), {col("c\"d", DataType::Text)});
        QCOMPARE(ddl.statements(update(t, false), t),
                 QStringList({"CREATE TABLE \"d\"\"s\".\"a\"\"b\" (\n\"c\"\"d\" TEXT  )"}));
        QCOMPARE(ddl.statements(update(t, true), t),
                 QStringList({"ALTER TABLE \"d\"\"s\".\"a\"\"b\"\nADD COLUMN \"c\"\"d\" TEXT  "}));
    }

    void typeMapping_data()
    {
        QTest::addColumn<Column>("column");
        QTest::addColumn<QString>("sqlType");
        QTest::newRow("text") << col("c", DataType::Text) << "TEXT";
        QTest::newRow("text precision") << col("c", DataType::Text, true, 50) << "VARCHAR(50)";
        QTest::newRow("unique text") << col("c", DataType::Text, true, {}, {}, true) << "VARCHAR(128)";
        QTest::newRow("unique text with precision") << col("c", DataType::Text, true, 10, {}, true) << "VARCHAR(10)";
        QTest::newRow("double") << col("c", DataType::Double) << "FLOAT"; // as dlt's sqlalchemy destination declares it
        QTest::newRow("bool") << col("c", DataType::Bool) << "BOOLEAN";
        QTest::newRow("timestamp") << col("c", DataType::Timestamp) << "DATETIME";
        QTest::newRow("timestamp precision 3") << col("c", DataType::Timestamp, true, 3) << "DATETIME";
        QTest::newRow("time") << col("c", DataType::Time) << "TIME";
        QTest::newRow("date") << col("c", DataType::Date) << "DATE";
        QTest::newRow("bigint") << col("c", DataType::Bigint) << "BIGINT";
        QTest::newRow("bigint 8") << col("c", DataType::Bigint, true, 8) << "SMALLINT";
        QTest::newRow("bigint 16") << col("c", DataType::Bigint, true, 16) << "SMALLINT";
        QTest::newRow("bigint 17") << col("c", DataType::Bigint, true, 17) << "INTEGER";
        QTest::newRow("bigint 32") << col("c", DataType::Bigint, true, 32) << "INTEGER";
        QTest::newRow("bigint 33") << col("c", DataType::Bigint, true, 33) << "BIGINT";
        QTest::newRow("bigint 64") << col("c", DataType::Bigint, true, 64) << "BIGINT";
        QTest::newRow("decimal default") << col("c", DataType::Decimal) << "NUMERIC(38, 9)";
        QTest::newRow("decimal 10,2") << col("c", DataType::Decimal, true, 10, 2) << "NUMERIC(10, 2)";
        QTest::newRow("decimal precision only") << col("c", DataType::Decimal, true, 10) << "NUMERIC(10, 9)";
        QTest::newRow("decimal scale 0") << col("c", DataType::Decimal, true, 20, 0) << "NUMERIC(20, 0)";
        QTest::newRow("wei") << col("c", DataType::Wei) << "NUMERIC(38, 0)";
        QTest::newRow("binary") << col("c", DataType::Binary) << "BLOB";
        QTest::newRow("binary precision") << col("c", DataType::Binary, true, 16) << "BLOB";
        QTest::newRow("json") << col("c", DataType::Json) << "JSON";
    }
    void typeMapping()
    {
        QFETCH(Column, column);
        QTEST(m_types.toDbType(column, table(QStringLiteral("t"), {column})), "sqlType");
    }

    void unmappableBigint_data()
    {
        QTest::addColumn<int>("bits");
        QTest::newRow("65") << 65;
        QTest::newRow("128") << 128;
        QTest::newRow("256") << 256;
    }
    void unmappableBigint()
    {
        QFETCH(int, bits);
        const Column c = col(QStringLiteral("huge"), DataType::Bigint, true, bits);
        const Table t = table(QStringLiteral("numbers"), {c});
        try {
            m_types.toDbType(c, t);
            QFAIL("mapped");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
            QVERIFY2(e.message().contains(QStringLiteral("numbers")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("huge")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QString::number(bits)), qPrintable(e.message()));
        }
        // The DDL builder lets it through unchanged.
        const SqliteConnection conn(sqliteCaps(), QStringLiteral(":memory:"), QStringLiteral("ds"));
        const DdlBuilder ddl(conn, m_types, false);
        try {
            ddl.statements(update(t, false), t);
            QFAIL("built DDL");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
        }
    }

    void reverseMapping_data()
    {
        QTest::addColumn<QString>("declared");
        QTest::addColumn<DataType>("type");
        QTest::newRow("TEXT") << "TEXT" << DataType::Text;
        QTest::newRow("VARCHAR(128)") << "VARCHAR(128)" << DataType::Text;
        QTest::newRow("DOUBLE") << "DOUBLE" << DataType::Double;
        QTest::newRow("BOOLEAN") << "BOOLEAN" << DataType::Bool;
        QTest::newRow("DATETIME") << "DATETIME" << DataType::Timestamp;
        QTest::newRow("TIME") << "TIME" << DataType::Time;
        QTest::newRow("DATE") << "DATE" << DataType::Date;
        QTest::newRow("SMALLINT") << "SMALLINT" << DataType::Bigint;
        QTest::newRow("INTEGER") << "INTEGER" << DataType::Bigint;
        QTest::newRow("BIGINT") << "bigint" << DataType::Bigint;
        QTest::newRow("NUMERIC(38, 9)") << "NUMERIC(38, 9)" << DataType::Decimal;
        QTest::newRow("BLOB") << "BLOB" << DataType::Binary;
        QTest::newRow("JSON") << "JSON" << DataType::Json;
        QTest::newRow("unknown is text") << "GEOMETRY" << DataType::Text;
    }
    void reverseMapping()
    {
        QFETCH(QString, declared);
        QTEST(SqliteTypeMapper::fromDbType(declared), "type");
    }
};

QTEST_GUILESS_MAIN(tst_DdlBuilder)
#include "tst_DdlBuilder.moc"
