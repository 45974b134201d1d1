// The headless CLI loading into PostgreSQL (WHARF_TEST_PG) with both load methods: rows
// streamed through COPY (the default) and insert_values executed as dlt executes it
// (load_method=insert) must give the same tables, row for row, and the same rows dlt gave
// (tests/data/expected checksums). Also csv's COPY semantics (NULL '' + FORCE_NULL), naive
// timestamps and precision, server errors naming the job file's line, and a file large enough
// that dlt's INSERT path splits it into several statements.
//
// Needs a PostgreSQL server: without WHARF_TEST_PG every test fails (never skips). Each test
// works in its own schemas and drops them.
#include "TestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <zlib.h>

using namespace wharf::test;

namespace {

// libpq's "key=value key='value with spaces'" conninfo as a map.
QMap<QString, QString> parseConninfo(const QString &conninfo)
{
    QMap<QString, QString> out;
    qsizetype i = 0;
    const qsizetype n = conninfo.size();
    while (i < n) {
        while (i < n && conninfo[i].isSpace())
            ++i;
        const qsizetype eq = conninfo.indexOf(QLatin1Char('='), i);
        if (eq < 0)
            break;
        const QString key = conninfo.mid(i, eq - i).trimmed();
        i = eq + 1;
        QString value;
        if (i < n && conninfo[i] == QLatin1Char('\'')) {
            ++i;
            while (i < n && conninfo[i] != QLatin1Char('\'')) {
                if (conninfo[i] == QLatin1Char('\\') && i + 1 < n)
                    ++i;
                value += conninfo[i++];
            }
            ++i;
        } else {
            while (i < n && !conninfo[i].isSpace())
                value += conninfo[i++];
        }
        out.insert(key, value);
    }
    return out;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

bool writeGzip(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    gzFile f = gzopen(path.toUtf8().constData(), "wb");
    if (!f)
        return false;
    const bool ok = gzwrite(f, data.constData(), unsigned(data.size())) == int(data.size());
    return gzclose(f) == Z_OK && ok;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// `{"name": ..., "data_type": ..., "nullable": ...}` plus `extra` members, as schema.json text.
QByteArray columnJson(const char *name, const char *type, bool nullable = true, const char *extra = "")
{
    return QByteArray("\"") + name + "\":{\"name\":\"" + name + "\",\"data_type\":\"" + type +
           "\",\"nullable\":" + (nullable ? "true" : "false") + extra + "}";
}

// An append table as schema.json text; QJsonObject would sort the columns by name, and their
// order is the order of the table's columns.
QByteArray tableJson(const char *name, const QList<QByteArray> &columns)
{
    return QByteArray("{\"name\":\"") + name + "\",\"write_disposition\":\"append\",\"resource\":\"" + name +
           "\",\"x-normalizer\":{\"seen-data\":true},\"columns\":{" + columns.join(',') + "}}";
}

// A package in dlt's layout whose schema is types_append's bookkeeping tables plus one table
// (`table` as tableJson() text). Returns the package root (the folder holding
// pipeline_state.json and <load_id>/), empty on failure.
QString makePackage(const QString &root, const QString &loadId, const QString &schemaName, const QByteArray &tableName,
                    const QByteArray &table, const QMap<QString, QByteArray> &jobs)
{
    QByteArray schema = readFile(dataPath(QStringLiteral("packages/types_append/1800000000.000001/schema.json")));
    // Replace the all_types table (compact JSON, no braces inside names) with ours.
    const qsizetype start = schema.indexOf("\"all_types\":{");
    if (start < 0)
        return {};
    qsizetype end = schema.indexOf('{', start);
    for (int depth = 0; end < schema.size(); ++end) {
        depth += schema[end] == '{' ? 1 : schema[end] == '}' ? -1 : 0;
        if (depth == 0)
            break;
    }
    schema.replace(start, end + 1 - start, "\"" + tableName + "\":" + table);
    schema.replace("\"name\":\"types_append\"", "\"name\":\"" + schemaName.toUtf8() + "\"");
    schema.replace("wharf-types-append-v2", schemaName.toUtf8() + "-v1");
    if (!QJsonDocument::fromJson(schema).isObject())
        return {};
    const QString pkg = QDir(root).filePath(loadId);
    bool ok =
        writeFile(QDir(pkg).filePath("schema.json"), schema) &&
        writeFile(QDir(pkg).filePath("schema_updates.json"), "{}") &&
        writeFile(QDir(pkg).filePath("load_package_state.json"),
                  "{\"_state_version\": 0, \"_state_engine_version\": 1}") &&
        writeFile(QDir(root).filePath("pipeline_state.json"),
                  QStringLiteral("{\"pipeline_name\": \"%1\", \"dataset_name\": \"%1\"}").arg(schemaName).toUtf8());
    for (auto it = jobs.cbegin(); it != jobs.cend() && ok; ++it) {
        const QString path = QDir(pkg).filePath(QStringLiteral("new_jobs/") + it.key());
        ok = it.key().endsWith(QLatin1String(".gz")) ? writeGzip(path, it.value()) : writeFile(path, it.value());
    }
    return ok ? root : QString();
}

} // namespace

class tst_PgLoadMethods : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_conninfo;
    QString m_credentials;
    QStringList m_schemas; ///< created by the current test; dropped in cleanup()

    // A dataset name no other test run uses; remembered for dropping.
    QString dataset(const QString &tag)
    {
        const QString name = QStringLiteral("wharf_tplm_%1_%2").arg(QCoreApplication::applicationPid()).arg(tag);
        m_schemas << name << name + QStringLiteral("_staging");
        return name;
    }

    QString fresh(const QString &name) { return freshDir(m_tmp.path(), name); }

    // Runs SQL with psql (UTC session); rows by '\n', fields by '|'. On failure the text
    // returned is the error, so that comparisons show it.
    QString sql(const QString &statement)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGTZ"), QStringLiteral("UTC"));
        env.insert(QStringLiteral("PGCLIENTENCODING"), QStringLiteral("UTF8"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("psql"), {m_conninfo, QStringLiteral("-qAtX"), QStringLiteral("-v"),
                                         QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"), statement});
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
            return QStringLiteral("<psql timed out>");
        }
        const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return QStringLiteral("<psql failed: %1>").arg(err);
        QString out = QString::fromUtf8(p.readAllStandardOutput());
        if (out.endsWith(QLatin1Char('\n')))
            out.chop(1);
        return out;
    }

    CliResult load(const QString &root, const QString &ds, bool insertMethod)
    {
        QMap<QString, QString> env{{QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"), m_credentials}};
        if (insertMethod)
            env.insert(QStringLiteral("DESTINATION__POSTGRES__LOAD_METHOD"), QStringLiteral("insert"));
        return runWharf({QStringLiteral("load"), root, QStringLiteral("--destination"), QStringLiteral("postgres"),
                         QStringLiteral("--dataset"), ds},
                        QFileInfo(root).absolutePath(), env, 300000);
    }

    QStringList tablesOf(const QString &ds)
    {
        return sql(QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = '%1' "
                                  "ORDER BY 1")
                       .arg(ds))
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    // Column names (quoted) of a table, without the volatile inserted_at of the bookkeeping tables.
    QString comparableColumns(const QString &ds, const QString &table)
    {
        QString where;
        if (table == QLatin1String("_dlt_loads") || table == QLatin1String("_dlt_version"))
            where = QStringLiteral(" AND column_name <> 'inserted_at'");
        return sql(QStringLiteral("SELECT string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position) "
                                  "FROM information_schema.columns WHERE table_schema = '%1' AND table_name = '%2'%3")
                       .arg(ds, table, where));
    }

    // Rows in one table but not in the other (EXCEPT ALL both ways): must be 0.
    QString differingRows(const QString &a, const QString &b, const QString &table)
    {
        const QString cols = comparableColumns(a, table);
        return sql(QStringLiteral("SELECT count(*) FROM ((SELECT %1 FROM %2.%4 EXCEPT ALL SELECT %1 FROM %3.%4) "
                                  "UNION ALL (SELECT %1 FROM %3.%4 EXCEPT ALL SELECT %1 FROM %2.%4)) d")
                       .arg(cols, a, b, table));
    }

    // Column names and types, to see that both methods created the same tables.
    QString describe(const QString &ds, const QString &table)
    {
        return sql(QStringLiteral("SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || "
                                  "CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, ', ' ORDER BY a.attnum) "
                                  "FROM pg_attribute a WHERE a.attrelid = '%1.%2'::regclass AND a.attnum > 0 "
                                  "AND NOT a.attisdropped")
                       .arg(ds, table));
    }

    // Both datasets hold the same tables with the same columns and rows.
    void compareDatasets(const QString &a, const QString &b)
    {
        const QStringList tables = tablesOf(a);
        QVERIFY2(!tables.isEmpty(), qPrintable(a));
        QCOMPARE(tablesOf(b), tables);
        for (const QString &t : tables) {
            QCOMPARE(describe(b, t), describe(a, t));
            QVERIFY2(differingRows(a, b, t) == QLatin1String("0"), qPrintable(t + ": " + differingRows(a, b, t)));
            QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM %1.%2").arg(b, t)),
                     sql(QStringLiteral("SELECT count(*) FROM %1.%2").arg(a, t)));
        }
    }

    // dlt's own load of `package` gave these row checksums (tests/data/expected); the schema
    // text of _dlt_version is serialised by each tool in its own way and is not compared.
    void matchesDltChecksums(const QString &ds, const QString &package)
    {
        const QJsonObject tables =
            QJsonDocument::fromJson(readFile(dataPath(QStringLiteral("expected/%1/row_checksums.json").arg(package))))
                .object()[QStringLiteral("tables")]
                .toObject();
        QVERIFY(!tables.isEmpty());
        for (auto it = tables.begin(); it != tables.end(); ++it) {
            const QString table = it.key().section(QLatin1Char('.'), 1);
            if (table == QLatin1String("_dlt_version"))
                continue;
            QStringList cols;
            for (const auto &c : it.value().toObject()[QStringLiteral("columns")].toArray())
                cols << QStringLiteral("\"%1\"").arg(c.toString());
            const QString md5 =
                sql(QStringLiteral("SELECT md5(coalesce(string_agg(r, E'\\n' ORDER BY r COLLATE \"C\"), "
                                   "'')) FROM (SELECT row(%1)::text AS r FROM %2.%3) s")
                        .arg(cols.join(QLatin1Char(',')), ds, table));
            QVERIFY2(md5 == it.value().toObject()[QStringLiteral("md5_sorted_rows")].toString(),
                     qPrintable(QStringLiteral("%1.%2: %3").arg(ds, table, md5)));
        }
    }

    void dropSchemas()
    {
        for (const QString &s : std::as_const(m_schemas))
            sql(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(s));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_conninfo = qEnvironmentVariable("WHARF_TEST_PG");
        QVERIFY2(!m_conninfo.isEmpty(), "WHARF_TEST_PG is not set: these tests need a PostgreSQL server "
                                        "(e.g. WHARF_TEST_PG=\"host=127.0.0.1 port=5432 dbname=wharf user=wharf "
                                        "password=wharf\")");
        QVERIFY2(QFile::exists(qEnvironmentVariable("WHARF_BIN")), "WHARF_BIN does not name the wharf binary");
        const auto kv = parseConninfo(m_conninfo);
        QUrl url;
        url.setScheme(QStringLiteral("postgresql"));
        url.setUserName(kv.value(QStringLiteral("user")));
        url.setPassword(kv.value(QStringLiteral("password")));
        url.setHost(kv.value(QStringLiteral("host"), QStringLiteral("localhost")));
        url.setPort(kv.value(QStringLiteral("port"), QStringLiteral("5432")).toInt());
        url.setPath(QLatin1Char('/') + kv.value(QStringLiteral("dbname")));
        m_credentials = url.toString(QUrl::FullyEncoded);
        QCOMPARE(sql(QStringLiteral("SELECT 1")), QStringLiteral("1"));
    }

    void init() { m_schemas.clear(); }

    void cleanup()
    {
        dropSchemas();
        m_schemas.clear();
    }

    void typesInsertMatchesCopy()
    {
        const QString work = fresh(QStringLiteral("types"));
        const QString copyDs = dataset(QStringLiteral("types_copy"));
        const QString insertDs = dataset(QStringLiteral("types_insert"));
        dropSchemas();
        CliResult r = load(copyPackage(work, "types_append", "a"), copyDs, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains("is LOADED and contains no failed jobs"), qPrintable(r.out));
        r = load(copyPackage(work, "types_append", "b"), insertDs, true);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        compareDatasets(copyDs, insertDs);
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM %1.all_types").arg(copyDs)), QStringLiteral("20"));
        QCOMPARE(describe(copyDs, QStringLiteral("all_types")),
                 QStringLiteral("col_text character varying, col_bigint bigint, col_double double precision, "
                                "col_bool boolean, col_ts timestamp with time zone, col_ts_naive timestamp without "
                                "time zone, col_date date, col_time time without time zone, col_decimal "
                                "numeric(38,9), col_wei numeric(156,78), col_json jsonb, col_binary bytea, "
                                "col_required character varying not null, _dlt_load_id character varying not null, "
                                "_dlt_id character varying not null"));

        // Jobs 1 (insert_values), 3 (jsonl) and 4 (typed-jsonl) hold the same values; csv (2)
        // differs only by COPY's FORCE_NULL and its -0.
        for (const QString &ds : {copyDs, insertDs}) {
            const auto value = [&](const QString &expr, const QString &id) {
                return sql(QStringLiteral("SELECT coalesce((%1)::text, '<null>') FROM %2.all_types "
                                          "WHERE _dlt_id = '%3'")
                               .arg(expr, ds, id));
            };
            for (const char *job : {"1", "2", "3", "4"}) {
                const QString one = QStringLiteral("id_row_one_aa") + job;
                QCOMPARE(value("col_text", one), QStringLiteral("O'Brien said \"hi\", \\ back\nslash"));
                QCOMPARE(value("col_bigint", one), QStringLiteral("9223372036854775807"));
                QCOMPARE(value("col_double", one), QStringLiteral("3.5"));
                QCOMPARE(value("col_bool", one), QStringLiteral("true"));
                QCOMPARE(value("col_ts", one), QStringLiteral("2024-04-05 07:16:59.942779+00"));
                QCOMPARE(value("col_ts_naive", one), QStringLiteral("2024-04-05 09:16:59"));
                QCOMPARE(value("col_date", one), QStringLiteral("2024-04-05"));
                QCOMPARE(value("col_time", one), QStringLiteral("09:16:59.123456"));
                QCOMPARE(value("col_decimal", one), QStringLiteral("123.456000000"));
                QCOMPARE(value("col_wei = 100000000000000000000000", one), QStringLiteral("true"));
                QCOMPARE(value("col_json", one), QStringLiteral("{\"a\": 1, \"b\": [true, null, \"x\"]}"));
                QCOMPARE(value("encode(col_binary, 'hex')", one), QStringLiteral("68656c6c6f"));
                const QString two = QStringLiteral("id_row_two_bb") + job;
                QCOMPARE(value("col_text", two), QStringLiteral(", NULL'); DROP TABLE all_types --"));
                QCOMPARE(value("col_decimal", two), QStringLiteral("-0.000000001"));
                QCOMPARE(value("col_json", two), QStringLiteral("[1, 2, 3]"));
                QCOMPARE(value("col_ts", two), QStringLiteral("1999-12-31 23:59:59+00"));
                const QString three = QStringLiteral("id_row_thr_cc") + job;
                QCOMPARE(value("col_text", three), QStringLiteral("日本語のテキスト 'quoted' और हिन्दी"));
                QCOMPARE(value("col_double", three), QStringLiteral("1e+20"));
                QCOMPARE(value("col_bool", three), QStringLiteral("<null>"));
                const QString five = QStringLiteral("id_row_fiv_ee") + job;
                QCOMPARE(value("col_json", five), QStringLiteral("{\"nested\": {\"k\": \"v'q\"}}"));
                QCOMPARE(value("encode(col_binary, 'hex')", five), QStringLiteral("c3a9c3a8"));
                QCOMPARE(value("col_ts", five), QStringLiteral("2021-01-01 00:00:00+00"));
                QCOMPARE(value("col_required", five), QString());
            }
            // -0.0: a SQL literal in insert_values is numeric zero (0); csv and jsonl keep -0.
            QCOMPARE(value("col_double", "id_row_two_bb1"), QStringLiteral("0"));
            QCOMPARE(value("col_double", "id_row_two_bb2"), QStringLiteral("-0"));
            QCOMPARE(value("col_double", "id_row_two_bb3"), QStringLiteral("-0"));
            QCOMPARE(value("col_double", "id_row_two_bb4"), QStringLiteral("-0"));
            // csv's NULL '' + FORCE_NULL: empty fields of nullable columns are NULL; the NOT NULL
            // column keeps ''. The other formats keep ''.
            QCOMPARE(value("col_text", "id_row_fiv_ee2"), QStringLiteral("<null>"));
            QCOMPARE(value("col_binary", "id_row_two_bb2"), QStringLiteral("<null>"));
            for (const char *job : {"1", "3", "4"}) {
                QCOMPARE(value("col_text", QStringLiteral("id_row_fiv_ee") + job), QString());
                QCOMPARE(value("encode(col_binary, 'hex')", QStringLiteral("id_row_two_bb") + job), QString());
            }
            // Every format agrees with insert_values on every column (-0 normalised).
            const QString cols = comparableColumns(ds, QStringLiteral("all_types"))
                                     .replace(QStringLiteral("col_double"), QStringLiteral("col_double + 0"))
                                     .replace(QStringLiteral(",_dlt_id"), QStringLiteral(",left(_dlt_id, -1)"));
            const auto jobRows = [&](const QString &job) {
                return QStringLiteral("SELECT ") + cols + QStringLiteral(" FROM ") + ds +
                       QStringLiteral(".all_types WHERE right(_dlt_id, 1) = '") + job + QStringLiteral("'");
            };
            for (const QString &job : {QStringLiteral("3"), QStringLiteral("4")}) {
                QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM ((") + jobRows("1") + QStringLiteral(" EXCEPT ALL ") +
                             jobRows(job) + QStringLiteral(") UNION ALL (") + jobRows(job) +
                             QStringLiteral(" EXCEPT ALL ") + jobRows("1") + QStringLiteral(")) d")),
                         QStringLiteral("0"));
                QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM (") + jobRows(job) + QStringLiteral(") r")),
                         QStringLiteral("5"));
            }
        }
    }

    void ghIssuesInsertMatchesCopyAndDlt()
    {
        const QString work = fresh(QStringLiteral("gh"));
        const QString copyDs = dataset(QStringLiteral("gh_copy"));
        const QString insertDs = dataset(QStringLiteral("gh_insert"));
        dropSchemas();
        CliResult r = load(copyPackage(work, "gh_issues_insert_values", "a"), copyDs, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        r = load(copyPackage(work, "gh_issues_insert_values", "b"), insertDs, true);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        compareDatasets(copyDs, insertDs);
        for (const QString &ds : {copyDs, insertDs}) {
            matchesDltChecksums(ds, QStringLiteral("gh_issues_insert_values"));
            QCOMPARE(sql(QStringLiteral("SELECT (SELECT count(*) FROM %1.issues) || ' ' || (SELECT count(*) FROM "
                                        "%1.issues__labels) || ' ' || (SELECT count(*) FROM %1.issues__assignees) "
                                        "|| "
                                        "' ' || (SELECT count(*) FROM %1._dlt_pipeline_state)")
                             .arg(ds)),
                     QStringLiteral("100 34 31 1"));
            QCOMPARE(sql(QStringLiteral("SELECT title || '|' || created_at || '|' || locked || '|' || state FROM "
                                        "%1.issues WHERE number = 71")
                             .arg(ds)),
                     QStringLiteral("Timestamp type + functions|2018-12-06 07:29:53+00|false|closed"));
            QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM %1.issues WHERE body LIKE '%juliapkg doesn''t "
                                        "contains a TimeZone%'")
                             .arg(ds)),
                     QStringLiteral("1"));
            QVERIFY(sql(QStringLiteral("SELECT count(*) FROM %1.issues WHERE strpos(body, E'\\r\\n') > 0").arg(ds))
                        .toInt() > 0);
        }
    }

    void csvPackageUsesCopySemantics()
    {
        const QString work = fresh(QStringLiteral("csv"));
        const QString csvDs = dataset(QStringLiteral("csv"));
        const QString ivDs = dataset(QStringLiteral("csv_iv"));
        dropSchemas();
        CliResult r = load(copyPackage(work, "gh_issues_csv"), csvDs, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        r = load(copyPackage(work, "gh_issues_insert_values"), ivDs, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(sql(QStringLiteral("SELECT (SELECT count(*) FROM %1.issues) || ' ' || (SELECT count(*) FROM "
                                    "%1.issues__labels) || ' ' || (SELECT count(*) FROM %1.issues__assignees) "
                                    "|| ' ' "
                                    "|| (SELECT count(*) FROM %1._dlt_pipeline_state)")
                         .arg(csvDs)),
                 QStringLiteral("100 34 31 1"));
        matchesDltChecksums(csvDs, QStringLiteral("gh_issues_csv"));
        // The same issues: '' in a nullable text column (insert_values) is NULL through csv,
        // and csv leaves no '' in nullable columns at all.
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM %1.issues WHERE body = ''").arg(ivDs)), QStringLiteral("2"));
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM %1.issues i JOIN %2.issues c ON c.id = "
                                    "i.id WHERE i.body = "
                                    "'' AND c.body IS NULL")
                         .arg(ivDs, csvDs)),
                 QStringLiteral("2"));
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM %1.issues WHERE body = ''").arg(csvDs)), QStringLiteral("0"));
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM %1.issues i JOIN %2.issues c ON c.id = i.id WHERE "
                                    "i.title IS DISTINCT FROM c.title OR i.created_at IS DISTINCT FROM "
                                    "c.created_at "
                                    "OR coalesce(i.body, '') <> coalesce(c.body, '')")
                         .arg(ivDs, csvDs)),
                 QStringLiteral("0"));
    }

    void naiveTimestampsKeepWallClock()
    {
        // dlt writes temporal values as plain literals; PostgreSQL drops the offset for
        // `timestamp without time zone`, applies it for timestamptz and rounds to precision.
        const QByteArray table = tableJson(
            "ts_cases",
            {columnJson("id", "bigint", false), columnJson("ts_naive", "timestamp", true, ",\"timezone\":false"),
             columnJson("ts_tz", "timestamp"), columnJson("ts_p3", "timestamp", true, ",\"precision\":3"),
             columnJson("ts_naive_p0", "timestamp", true, ",\"timezone\":false,\"precision\":0"),
             columnJson("t_time", "time"), columnJson("d_date", "date"), columnJson("_dlt_load_id", "text", false),
             columnJson("_dlt_id", "text", false, ",\"unique\":true,\"row_key\":true")});
        const QByteArray insertValues =
            "INSERT INTO "
            "{}(\"id\",\"ts_naive\",\"ts_tz\",\"ts_p3\",\"ts_naive_p0\",\"t_time\",\"d_date\","
            "\"_dlt_load_id\",\"_dlt_id\")\nVALUES\n"
            "(1,'2024-04-05T09:16:59.942779+02:00','2024-04-05T09:16:59.942779+02:00',"
            "'2024-04-05T09:16:59.942779+02:00','2024-04-05T09:16:59.600000-05:00','09:16:59."
            "500000+02:00',"
            "'2024-04-05',E'1800000000.000002',E'ts_1'),\n"
            "(2,'2024-01-01T23:30:00-02:00','2024-01-01T23:30:00-02:00','2024-12-31T23:59:59."
            "999900+00:00',"
            "'2024-01-01T00:00:00.400000','23:59:59.999999','2024-02-29',E'1800000000.000002',E'ts_"
            "2'),\n"
            "(3,NULL,NULL,NULL,NULL,NULL,NULL,E'1800000000.000002',E'ts_3');";
        const QByteArray jsonl =
            "{\"id\":11,\"ts_naive\":\"2024-04-05T09:16:59.942779+02:00\",\"ts_tz\":\"2024-04-"
            "05T09:16:59.942779+02:00\","
            "\"ts_p3\":\"2024-04-05T09:16:59.942779+02:00\",\"ts_naive_p0\":\"2024-04-05T09:16:59."
            "600000-05:00\","
            "\"t_time\":\"09:16:59.500000+02:00\",\"d_date\":\"2024-04-05\",\"_dlt_load_id\":"
            "\"1800000000.000002\","
            "\"_dlt_id\":\"ts_11\"}\n"
            "{\"id\":12,\"ts_naive\":\"2024-01-01T23:30:00-02:00\",\"ts_tz\":\"2024-01-01T23:30:00-"
            "02:00\","
            "\"ts_p3\":\"2024-12-31T23:59:59.999900+00:00\",\"ts_naive_p0\":\"2024-01-01T00:00:00."
            "400000\","
            "\"t_time\":\"23:59:59.999999\",\"d_date\":\"2024-02-29\",\"_dlt_load_id\":"
            "\"1800000000.000002\","
            "\"_dlt_id\":\"ts_12\"}\n"
            "{\"id\":13,\"_dlt_load_id\":\"1800000000.000002\",\"_dlt_id\":\"ts_13\"}\n";
        const QString work = fresh(QStringLiteral("naive"));
        const QMap<QString, QByteArray> jobs{{"ts_cases.tsjob00001.0.insert_values.gz", insertValues},
                                             {"ts_cases.tsjob00002.0.jsonl", jsonl}};
        const QString a =
            makePackage(QDir(work).filePath("a"), "1800000000.000002", "ts_cases_pkg", "ts_cases", table, jobs);
        const QString b =
            makePackage(QDir(work).filePath("b"), "1800000000.000002", "ts_cases_pkg", "ts_cases", table, jobs);
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        const QString copyDs = dataset(QStringLiteral("ts_copy"));
        const QString insertDs = dataset(QStringLiteral("ts_insert"));
        dropSchemas();
        CliResult r = load(a, copyDs, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        r = load(b, insertDs, true);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        compareDatasets(copyDs, insertDs);
        QCOMPARE(describe(copyDs, QStringLiteral("ts_cases")),
                 QStringLiteral("id bigint not null, ts_naive timestamp without time zone, ts_tz timestamp with "
                                "time "
                                "zone, ts_p3 timestamp(3) with time zone, ts_naive_p0 timestamp(0) without time "
                                "zone, "
                                "t_time time without time zone, d_date date, _dlt_load_id character varying not "
                                "null, _dlt_id character varying not null"));
        const QString row = QStringLiteral("SELECT concat_ws('|', coalesce(ts_naive::text, '-'), coalesce(ts_tz::text, "
                                           "'-'), coalesce(ts_p3::text, '-'), coalesce(ts_naive_p0::text, '-'), "
                                           "coalesce(t_time::text, '-'), coalesce(d_date::text, '-')) FROM %1.ts_cases "
                                           "WHERE id % 10 = %2 ORDER BY id");
        for (const QString &ds : {copyDs, insertDs}) {
            const auto rows = [&](int id) { return sql(row.arg(ds).arg(id)); };
            const QString first =
                QStringLiteral("2024-04-05 09:16:59.942779|2024-04-05 07:16:59.942779+00|"
                               "2024-04-05 07:16:59.943+00|2024-04-05 09:17:00|09:16:59.5|2024-04-05");
            const QString second = QStringLiteral("2024-01-01 23:30:00|2024-01-02 01:30:00+00|2025-01-01 00:00:00+00|"
                                                  "2024-01-01 00:00:00|23:59:59.999999|2024-02-29");
            QCOMPARE(rows(1), first + QLatin1Char('\n') + first); // insert_values, then jsonl
            QCOMPARE(rows(2), second + QLatin1Char('\n') + second);
            QCOMPARE(rows(3), QStringLiteral("-|-|-|-|-|-\n-|-|-|-|-|-"));
        }
    }

    void failedJobsNameTheLineAndLeaveNothing_data()
    {
        QTest::addColumn<bool>("insertMethod");
        QTest::newRow("copy") << false;
        QTest::newRow("insert") << true;
    }
    void failedJobsNameTheLineAndLeaveNothing()
    {
        QFETCH(bool, insertMethod);
        const QString work = fresh(QStringLiteral("bad"));
        const QString root = copyPackage(work, "types_append");
        QVERIFY(!root.isEmpty());
        const QString jobs = QDir(root).filePath("1800000000.000001/new_jobs/");
        // csv: row 3 has a bad bigint. Row 1 (the first record) and row 2 hold line breaks in
        // quoted fields, so COPY's own line count (4) is not the file's line (6).
        QByteArray csv = readFile(jobs + "all_types.aaaaaaaaa2.0.csv");
        QVERIFY(csv.contains(",0,1e+20,") && csv.contains("DROP TABLE"));
        csv.replace(",0,1e+20,", ",\"abc\",1e+20,").replace("DROP TABLE", "DROP\nTABLE").replace("id_row_", "bad_csv_");
        QVERIFY(writeFile(jobs + "all_types.badcsv0001.0.csv", csv));
        // insert_values: row 3 (line 5) violates NOT NULL, found by the server.
        QByteArray iv = "INSERT INTO "
                        "{}(\"col_text\",\"col_bigint\",\"col_required\",\"_dlt_load_id\",\"_dlt_id\")\n"
                        "VALUES\n"
                        "(E'a',1,E'r',E'1800000000.000001',E'bad_iv_1'),\n"
                        "(E'b',2,E'r',E'1800000000.000001',E'bad_iv_2'),\n"
                        "(E'c',3,NULL,E'1800000000.000001',E'bad_iv_3'),\n"
                        "(E'd',4,E'r',E'1800000000.000001',E'bad_iv_4');";
        QVERIFY(writeFile(jobs + "all_types.badiv00001.0.insert_values", iv));
        // jsonl: line 2 has a value that is no bigint, found before the server sees it.
        QVERIFY(writeFile(jobs + "all_types.badjsonl01.0.jsonl",
                          "{\"col_bigint\":1,\"col_required\":\"r\",\"_dlt_load_id\":\"1800000000.000001\","
                          "\"_dlt_id\":\"bad_js_1\"}\n"
                          "{\"col_bigint\":\"x42\",\"col_required\":\"r\",\"_dlt_load_id\":\"1800000000.000001\","
                          "\"_dlt_id\":\"bad_js_2\"}\n"));
        const QString ds = dataset(insertMethod ? QStringLiteral("bad_insert") : QStringLiteral("bad_copy"));
        dropSchemas();
        const CliResult r = load(root, ds, insertMethod);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("is ABORTED and contains 3 FAILED job(s)!"), qPrintable(r.all()));
        QVERIFY2(QRegularExpression(QStringLiteral("all_types\\.badcsv0001\\.0\\.csv:6 \\(field col_bigint\\): "
                                                   "PostgreSQL error: invalid input syntax for type bigint: \"abc\""))
                     .match(r.out)
                     .hasMatch(),
                 qPrintable(r.out));
        QVERIFY2(QRegularExpression(QStringLiteral("all_types\\.badjsonl01\\.0\\.jsonl:2 \\(field col_bigint\\): "
                                                   "value 'x42'"))
                     .match(r.out)
                     .hasMatch(),
                 qPrintable(r.out));
        // COPY knows the row (file line 5); dlt's INSERT only knows the statement.
        const QString ivLocation = insertMethod ? QStringLiteral("all_types\\.badiv00001\\.0\\.insert_values: ")
                                                : QStringLiteral("all_types\\.badiv00001\\.0\\.insert_values:5: ");
        QVERIFY2(QRegularExpression(ivLocation + QStringLiteral("PostgreSQL error: null value in column "
                                                                "\"col_required\""))
                     .match(r.out)
                     .hasMatch(),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains("SQLSTATE: 23502") && r.out.contains("SQLSTATE: 22P02"), qPrintable(r.out));
        // The good jobs committed, nothing of the failed ones did.
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM %1.all_types").arg(ds)), QStringLiteral("20"));
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM %1.all_types WHERE _dlt_id LIKE 'bad%'").arg(ds)),
                 QStringLiteral("0"));
        QCOMPARE(QDir(QDir(root).filePath("1800000000.000001/failed_jobs")).entryList({"*.exception"}).size(), 3);
    }

    void largeInsertValuesSplitLikeDlt()
    {
        // More than max_query_length / 2 (16 Mi) characters: dlt's INSERT path cuts the file into
        // several statements at line ends; COPY streams it in 1 MiB pieces. Both must load
        // every row, with multi-byte characters across the cut.
        const int rows = 180000;
        QByteArray iv = "INSERT INTO "
                        "{}(\"id\",\"txt\",\"amount\",\"flag\",\"_dlt_load_id\",\"_dlt_id\")\nVALUES\n";
        iv.reserve(rows * 110);
        for (int i = 0; i < rows; ++i) {
            if (i)
                iv += ",\n";
            iv += "(" + QByteArray::number(i) + ",E'row " + QByteArray::number(i) +
                  ": h\xc3\xa9llo w\xc3\xb6rld \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
                  "\\n it''s \\\\ ok'," +
                  QByteArray::number(i) + ".5," + (i % 3 ? "True" : "False") + ",E'1800000000.000003',E'big_" +
                  QByteArray::number(i) + "')";
        }
        iv += ";";
        QVERIFY(QString::fromUtf8(iv).size() > 16 * 1024 * 1024 + 1000000);
        const QByteArray table =
            tableJson("big", {columnJson("id", "bigint", false), columnJson("txt", "text"),
                              columnJson("amount", "double"), columnJson("flag", "bool"),
                              columnJson("_dlt_load_id", "text", false), columnJson("_dlt_id", "text", false)});
        const QString work = fresh(QStringLiteral("big"));
        const QMap<QString, QByteArray> jobs{{"big.bigjob0001.0.insert_values.gz", iv}};
        const QString a = makePackage(QDir(work).filePath("a"), "1800000000.000003", "big_pkg", "big", table, jobs);
        const QString b = makePackage(QDir(work).filePath("b"), "1800000000.000003", "big_pkg", "big", table, jobs);
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        const QString copyDs = dataset(QStringLiteral("big_copy"));
        const QString insertDs = dataset(QStringLiteral("big_insert"));
        dropSchemas();
        CliResult r = load(a, copyDs, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        r = load(b, insertDs, true);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        compareDatasets(copyDs, insertDs);
        for (const QString &ds : {copyDs, insertDs}) {
            QCOMPARE(sql(QStringLiteral("SELECT count(*) || ' ' || count(DISTINCT _dlt_id) || ' ' || "
                                        "sum(id) || ' ' || "
                                        "sum(amount) || ' ' || count(*) FILTER (WHERE flag) FROM %1.big")
                             .arg(ds)),
                     QStringLiteral("%1 %1 %2 %3 %4")
                         .arg(rows)
                         .arg(qint64(rows) * (rows - 1) / 2)
                         .arg(qint64(rows) * (rows - 1) / 2 + rows / 2)
                         .arg(rows - (rows + 2) / 3));
            QCOMPARE(sql(QStringLiteral("SELECT txt = E'row 123456: h\u00e9llo w\u00f6rld \u2014 "
                                        "\u65e5\u672c\u8a9e "
                                        "\\n it''s \\\\ ok' FROM %1.big WHERE id = 123456")
                             .arg(ds)),
                     QStringLiteral("t"));
        }
    }

    void cleanupTestCase() { dropSchemas(); }
};

QTEST_GUILESS_MAIN(tst_PgLoadMethods)
#include "tst_PgLoadMethods.moc"
