// PostgreSQL SQLSTATE classification (spec 5.9) and dlt's exact PostgreSQL DDL (spec 3.10, 6.1,
// dlt's tests/load/postgres/test_postgres_table_builder.py). No database: the connection is only
// an object here.
#include "Error.h"
#include "postgres/PgConnection.h"
#include "postgres/PgError.h"
#include "postgres/PgTypeMapper.h"
#include "postgres/PostgresDestination.h"
#include "sql/DdlBuilder.h"
#include "sql/MergeSql.h"

#include <QTest>

using namespace wharf;
using namespace wharf::postgres;

namespace {

Column col(const QString &name, DataType type, bool nullable, std::optional<int> precision = std::nullopt,
           std::optional<int> scale = std::nullopt)
{
    Column c;
    c.name = name;
    c.dataType = type;
    c.nullable = nullable;
    c.precision = precision;
    c.scale = scale;
    return c;
}

} // namespace

class tst_PgDdl : public QObject {
    Q_OBJECT

    Capabilities m_caps = PostgresDestination().capabilities();
    PgConnection m_conn{m_caps, PgConnectParams{}, QStringLiteral("chess_data")};
    PgTypeMapper m_types;

private slots:
    void classifies_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("expected");
        const int undefined = int(PgErrorClass::UndefinedRelation), transient = int(PgErrorClass::Transient),
                  terminal = int(PgErrorClass::Terminal), config = int(PgErrorClass::Config),
                  cancelled = int(PgErrorClass::Cancelled);
        QTest::newRow("undefined table") << "42P01" << undefined;
        QTest::newRow("invalid schema") << "3F000" << undefined;
        QTest::newRow("connection failure") << "08006" << transient;
        QTest::newRow("serialization") << "40001" << transient;
        QTest::newRow("deadlock") << "40P01" << transient;
        QTest::newRow("too many connections") << "53300" << transient;
        QTest::newRow("admin shutdown") << "57P01" << transient;
        QTest::newRow("syntax error (dlt: transient)") << "42601" << transient;
        QTest::newRow("undefined function (dlt: transient)") << "42883" << transient;
        QTest::newRow("undefined column") << "42703" << terminal;
        QTest::newRow("datatype mismatch") << "42804" << terminal;
        QTest::newRow("duplicate schema") << "42P06" << terminal;
        QTest::newRow("numeric out of range") << "22003" << terminal;
        QTest::newRow("not null") << "23502" << terminal;
        QTest::newRow("unique") << "23505" << terminal;
        QTest::newRow("bad password") << "28P01" << config;
        QTest::newRow("no such database") << "3D000" << config;
        QTest::newRow("query canceled") << "57014" << cancelled;
    }
    void classifies()
    {
        QFETCH(QString, state);
        QFETCH(int, expected);
        QCOMPARE(int(classifySqlState(state)), expected);
    }

    void connectFailures_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("config");
        const QString at =
            QStringLiteral("connection to server at \"recovery.example\" (10.0.0.5), port 5432 failed: ");
        QTest::newRow("wrong password") << at + "FATAL:  password authentication failed for user \"u\"" << true;
        QTest::newRow("no database") << at + "FATAL:  database \"x\" does not exist" << true;
        QTest::newRow("pg_hba.conf") << at + "FATAL:  no pg_hba.conf entry for host \"10.0.0.9\", user \"u\"" << true;
        QTest::newRow("refused parameter")
            << at + "FATAL:  permission denied to set parameter \"log_min_duration_statement\"" << true;
        QTest::newRow("unknown parameter") << at + "FATAL:  unrecognized configuration parameter \"nope\"" << true;
        QTest::newRow("no CONNECT privilege")
            << at + "FATAL:  permission denied for database \"x\"\nDETAIL:  User does not have CONNECT privilege."
            << true;
        QTest::newRow("no TLS on the server") << at + "server does not support SSL, but SSL was required" << true;
        QTest::newRow("untrusted certificate") << at + "SSL error: certificate verify failed" << true;
        QTest::newRow("missing root certificate")
            << at + "root certificate file \"/nope/root.crt\" does not exist\nEither provide the file or change sslmode"
            << true;
        QTest::newRow("refused") << at + "Connection refused\n\tIs the server running on that host?" << false;
        QTest::newRow("TLS connection cut") << at + "SSL SYSCALL error: EOF detected" << false;
        QTest::newRow("not accepting (PostgreSQL 14+)")
            << at + "FATAL:  the database system is not accepting connections\nDETAIL:  Hot standby mode is disabled."
            << false;
        QTest::newRow("authentication timeout") << at + "FATAL:  canceling authentication due to timeout" << false;
        // PgBouncer reports everything as FATAL, the server behind it being down included.
        QTest::newRow("pgbouncer, server down")
            << at + "FATAL:  server login has been failing, cached error: connect failed (server_login_retry)" << false;
        QTest::newRow("pgbouncer, login timeout") << at + "FATAL:  client_login_timeout (server down)" << false;
        QTest::newRow("pgbouncer, full") << at + "FATAL:  no more connections allowed (max_client_conn)" << false;
        QTest::newRow("pgpool") << at + "FATAL:  pgpool is not accepting any new connections" << false;
        QTest::newRow("server in another language")
            << at + "FATAL:  lo siento, ya tenemos demasiados clientes" << false;
        QTest::newRow("host name with a config word")
            << QStringLiteral("connection to server at \"password-vault\" (10.0.0.5), port 5432 failed: "
                              "Connection refused")
            << false;
        QTest::newRow("timeout") << at + "timeout expired" << false;
        QTest::newRow("full") << at + "FATAL:  sorry, too many clients already" << false;
        QTest::newRow("reserved slots")
            << at + "FATAL:  remaining connection slots are reserved for non-replication superuser connections"
            << false;
        QTest::newRow("starting") << at + "FATAL:  the database system is starting up" << false;
        QTest::newRow("stopping") << at + "FATAL:  the database system is shutting down" << false;
        QTest::newRow("recovering") << at + "FATAL:  the database system is in recovery mode" << false;
    }
    void connectFailures()
    {
        // A failed connection the user must fix ends the load at once (a config error); the
        // others are waited out as a lost server.
        QFETCH(QString, message);
        QTEST(connectFailureIsConfig(message), "config");
    }

    void thrownErrorsCarryDetails()
    {
        try {
            throwPgError("23502", "null value in column \"_dlt_id\"", "Failing row contains (...)", "a hint",
                         "INSERT INTO x");
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Terminal);
            QCOMPARE(e.sqlState, QStringLiteral("23502"));
            QCOMPARE(e.detail, QStringLiteral("Failing row contains (...)"));
            QCOMPARE(e.hint, QStringLiteral("a hint"));
            QCOMPARE(e.statement, QStringLiteral("INSERT INTO x"));
            QVERIFY(e.fullText().contains("SQLSTATE: 23502"));
        }
        QVERIFY_THROWS_EXCEPTION(UndefinedRelation, throwPgError("42P01", "relation does not exist", {}, {}, {}));
    }

    // statement_timeout and lock_timeout cancel the statement: the server's reason is kept.
    void cancelsKeepTheServersReason()
    {
        try {
            throwPgError("57014", "canceling statement due to statement timeout", {}, {}, "COPY x");
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Cancelled);
            QVERIFY2(e.message().contains("statement timeout"), qPrintable(e.message()));
        }
    }

    void escapesLikeDlt()
    {
        // Case-folded to lower, `"` doubled, `\` doubled (spec 5.6, quirk Q10).
        QCOMPARE(m_conn.escapeIdentifier(QStringLiteral("a\"B\\c")), QStringLiteral("\"a\"\"b\\\\c\""));
        QCOMPARE(m_conn.qualifiedTableName(QStringLiteral("Players")), QStringLiteral("\"chess_data\".\"players\""));
    }

    void columnDefinitions_data()
    {
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("index");
        const QStringList want = {
            "\"col1\" bigint  NOT NULL",
            "\"col2\" double precision  NOT NULL",
            "\"col3\" boolean  NOT NULL",
            "\"col4\" timestamp with time zone  NOT NULL",
            "\"col4_precision\" timestamp (3) with time zone  NOT NULL",
            "\"col4_naive\" timestamp without time zone  ",
            "\"col5\" varchar  ",
            "\"col5_precision\" varchar(25)  ",
            "\"col6\" numeric(38,9)  NOT NULL",
            "\"col6_precision\" numeric(6,2)  NOT NULL",
            "\"col7\" bytea  ",
            "\"col8\" numeric(156,78)  ",
            "\"col9\" jsonb  NOT NULL",
            "\"col10\" date  NOT NULL",
            "\"col11\" time without time zone  NOT NULL",
            "\"col11_precision\" time (3) without time zone  NOT NULL",
            "\"col12\" smallint  ",
            "\"col13\" integer  ",
            "\"_dlt_id\" varchar UNIQUE NOT NULL",
        };
        for (int k = 0; k < want.size(); ++k)
            QTest::newRow(qPrintable(want[k].section(' ', 0, 0))) << want[k] << k;
    }
    void columnDefinitions()
    {
        QFETCH(QString, expected);
        QFETCH(int, index);
        Column naive = col("col4_naive", DataType::Timestamp, true);
        naive.timezone = false;
        Column id = col("_dlt_id", DataType::Text, false);
        id.unique = true;
        const QList<Column> cols = {
            col("col1", DataType::Bigint, false),
            col("col2", DataType::Double, false),
            col("col3", DataType::Bool, false),
            col("col4", DataType::Timestamp, false),
            col("col4_precision", DataType::Timestamp, false, 3),
            naive,
            col("col5", DataType::Text, true),
            col("col5_precision", DataType::Text, true, 25),
            col("col6", DataType::Decimal, false),
            col("col6_precision", DataType::Decimal, false, 6, 2),
            col("col7", DataType::Binary, true),
            col("col8", DataType::Wei, true),
            col("col9", DataType::Json, false),
            col("col10", DataType::Date, false),
            col("col11", DataType::Time, false),
            col("col11_precision", DataType::Time, false, 3),
            col("col12", DataType::Bigint, true, 16),
            col("col13", DataType::Bigint, true, 32),
            id,
        };
        Table t;
        t.name = "event_test_table";
        t.columns = cols;
        DdlBuilder ddl(m_conn, m_types, true);
        QCOMPARE(ddl.columnDefinition(cols[index], t), expected);
    }

    void createAndAlter()
    {
        Table t;
        t.name = "players";
        t.columns = {col("id", DataType::Bigint, false), col("name", DataType::Text, true)};
        TableUpdate create{"players", false, t.columns};
        DdlBuilder ddl(m_conn, m_types, true);
        QCOMPARE(
            ddl.statements(create, t),
            QStringList{"CREATE TABLE \"chess_data\".\"players\" (\n\"id\" bigint  NOT NULL,\n\"name\" varchar  )"});
        TableUpdate alter{"players", true, t.columns};
        // PostgreSQL alters many columns in one statement.
        QCOMPARE(ddl.statements(alter, t),
                 QStringList{"ALTER TABLE \"chess_data\".\"players\"\nADD COLUMN \"id\" bigint  "
                             "NOT NULL,\nADD COLUMN \"name\" varchar  "});
        Table dlt;
        dlt.name = "_dlt_loads";
        dlt.columns = {col("load_id", DataType::Text, false, 64)};
        QCOMPARE(ddl.statements(TableUpdate{"_dlt_loads", false, dlt.columns}, dlt),
                 QStringList{
                     "CREATE TABLE IF NOT EXISTS \"chess_data\".\"_dlt_loads\" (\n\"load_id\" varchar(64)  NOT NULL)"});
    }

    void deleteInsertMergeSql()
    {
        // dlt's PostgreSQL example (spec 8.2): root with a primary key and one nested table.
        const Schema s = Schema::fromJson(
            R"({"name":"x","tables":{
              "items":{"write_disposition":"merge","columns":{"id":{"data_type":"bigint","primary_key":true},
                "name":{"data_type":"text"},"_dlt_load_id":{"data_type":"text"},
                "_dlt_id":{"data_type":"text","unique":true,"row_key":true}}},
              "items__tags":{"parent":"items","columns":{"value":{"data_type":"text"},
                "_dlt_root_id":{"data_type":"text","root_key":true},"_dlt_parent_id":{"data_type":"text","parent_key":true},
                "_dlt_list_idx":{"data_type":"bigint"},"_dlt_id":{"data_type":"text","unique":true,"row_key":true}}}}})",
            "merge");
        PgConnection conn(m_caps, PgConnectParams{}, QStringLiteral("ds"));
        const QStringList sql = wharf::deleteInsertMergeSql(s, {"items", "items__tags"}, conn, "ds_staging", "S");
        const QStringList want = {
            R"(CREATE TEMPORARY TABLE "items_delete_s" AS SELECT d."_dlt_id" FROM "ds"."items" AS d WHERE EXISTS (SELECT 1 FROM "ds_staging"."items" AS s WHERE d."id" = s."id"))",
            R"(DELETE FROM "ds"."items__tags" WHERE "_dlt_root_id" IN ( SELECT * FROM "items_delete_s" ))",
            R"(DELETE FROM "ds"."items" WHERE "_dlt_id" IN ( SELECT * FROM "items_delete_s" ))",
            R"(CREATE TEMPORARY TABLE "items_insert_s" AS SELECT "_dlt_id" FROM ( SELECT ROW_NUMBER() OVER (partition BY "id" ORDER BY (SELECT NULL)) AS _dlt_dedup_rn, "_dlt_id" FROM "ds_staging"."items" ) AS _dlt_dedup_numbered WHERE _dlt_dedup_rn = 1 AND (1 = 1))",
            R"(INSERT INTO "ds"."items"("id", "name", "_dlt_load_id", "_dlt_id") SELECT "id", "name", "_dlt_load_id", "_dlt_id" FROM "ds_staging"."items" WHERE "_dlt_id" IN (SELECT * FROM "items_insert_s"))",
            R"(INSERT INTO "ds"."items__tags"("value", "_dlt_root_id", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id") SELECT "value", "_dlt_root_id", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id" FROM ( SELECT ROW_NUMBER() OVER (partition BY "_dlt_id" ORDER BY (SELECT NULL)) AS _dlt_dedup_rn, "value", "_dlt_root_id", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id" FROM "ds_staging"."items__tags" ) AS _dlt_dedup_numbered WHERE _dlt_dedup_rn = 1 AND ("_dlt_root_id" IN (SELECT * FROM "items_insert_s")))",
        };
        QCOMPARE(sql, want);

        // Single table, hard delete and dedup sort: the second example of spec 8.2.
        const Schema single = Schema::fromJson(
            R"({"name":"x","tables":{"t":{"write_disposition":"merge","columns":{
              "id":{"data_type":"bigint","primary_key":true},"val":{"data_type":"text"},
              "seq":{"data_type":"bigint","dedup_sort":"desc"},"deleted":{"data_type":"bool","hard_delete":true},
              "_dlt_load_id":{"data_type":"text"},"_dlt_id":{"data_type":"text","unique":true,"row_key":true}}}}})",
            "single");
        QCOMPARE(
            wharf::deleteInsertMergeSql(single, {"t"}, conn, "ds_staging", "S"),
            QStringList(
                {R"(DELETE FROM "ds"."t" AS d WHERE EXISTS (SELECT 1 FROM "ds_staging"."t" AS s WHERE d."id" = s."id"))",
                 R"(INSERT INTO "ds"."t"("id", "val", "seq", "deleted", "_dlt_load_id", "_dlt_id") SELECT "id", "val", "seq", "deleted", "_dlt_load_id", "_dlt_id" FROM ( SELECT ROW_NUMBER() OVER (partition BY "id" ORDER BY "seq" DESC) AS _dlt_dedup_rn, "id", "val", "seq", "deleted", "_dlt_load_id", "_dlt_id" FROM "ds_staging"."t" ) AS _dlt_dedup_numbered WHERE _dlt_dedup_rn = 1 AND ("deleted" IS NULL OR "deleted" = False))"}));

        // No keys at all: append from staging, no delete.
        const Schema nokeys = Schema::fromJson(
            R"({"name":"x","tables":{"t":{"write_disposition":"merge","columns":{"v":{"data_type":"text"}}}}})", "n");
        QCOMPARE(wharf::deleteInsertMergeSql(nokeys, {"t"}, conn, "ds_staging", "S"),
                 QStringList{R"(INSERT INTO "ds"."t"("v") SELECT "v" FROM "ds_staging"."t" WHERE 1 = 1)"});
    }

    void unmappable()
    {
        Table t;
        t.name = "t";
        QVERIFY_THROWS_EXCEPTION(Error, m_types.toDbType(col("big", DataType::Bigint, true, 128), t));
        QVERIFY_THROWS_EXCEPTION(Error, m_types.toDbType(col("ts", DataType::Timestamp, true, 9), t));
        try {
            m_types.toDbType(col("big", DataType::Bigint, true, 128), t);
        } catch (const Error &e) {
            QVERIFY(e.message().contains("128"));
            QVERIFY(e.message().contains("t.big"));
        }
    }

    void reverseMapping()
    {
        QCOMPARE(PgTypeMapper::fromDbType("character varying"), DataType::Text);
        QCOMPARE(PgTypeMapper::fromDbType("jsonb"), DataType::Json);
        QCOMPARE(PgTypeMapper::fromDbType("numeric", 156, 78), DataType::Wei);
        QCOMPARE(PgTypeMapper::fromDbType("numeric", 38, 9), DataType::Decimal);
        QCOMPARE(PgTypeMapper::fromDbType("timestamp without time zone"), DataType::Timestamp);
        QCOMPARE(PgTypeMapper::fromDbType("integer"), DataType::Bigint);
        QCOMPARE(PgTypeMapper::fromDbType("USER-DEFINED"), DataType::Text);
    }

    void capabilitiesAreDlts()
    {
        QCOMPARE(m_caps.preferredLoaderFileFormat, QStringLiteral("insert_values"));
        QCOMPARE(m_caps.maxIdentifierLength, 63);
        QCOMPARE(m_caps.weiPrecision, 156);
        QCOMPARE(m_caps.maxQueryLength, 32 * 1024 * 1024);
        QVERIFY(m_caps.casefoldLower && m_caps.alterAddMultiColumn && m_caps.supportsTruncateCommand);
        QCOMPARE(m_caps.supportedMergeStrategies.first(), QStringLiteral("delete-insert"));
        QCOMPARE(m_caps.supportedReplaceStrategies.first(), QStringLiteral("truncate-and-insert"));
    }

    void credentialsSpec()
    {
        const ConfigSpec spec = PostgresDestination().configSpec();
        QVERIFY(spec.credentialField("password")->secret);
        QCOMPARE(spec.credentialField("port")->defaultValue.toInt(), 5432);
        QCOMPARE(spec.credentialField("connect_timeout")->defaultValue.toInt(), 15);
        QVERIFY(spec.credentialField("database")->required);
    }
};

QTEST_GUILESS_MAIN(tst_PgDdl)
#include "tst_PgDdl.moc"
