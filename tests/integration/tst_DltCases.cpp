// The cases of tests/dlt/dlt_cases.py, which the real dlt 1.26 extracted, normalized and loaded
// itself (tests/data/dlt): Wharf loads the same packages, step after step, and must leave what
// dlt left - on PostgreSQL row for row (counts, checksums, columns, as compare_pg.py checks), on
// SQLite the same counts.
#include "LoadTarget.h"
#include "PgTestSupport.h"
#include "SqliteDltCompare.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf::test;

namespace {

// dlt's sqlalchemy merge leaves its work tables (<table>_delete_<id>, <table>_insert_<id>) in
// staging; they are not part of the result.
bool isDltWorkTable(const QString &table, const QJsonObject &schema)
{
    return !schema.value("tables").toObject().contains(table);
}

struct Case {
    const char *lastPackage;
    bool sqlite;   ///< SQLite can load it (the strategy is in its capabilities)
    bool postgres; ///< PostgreSQL can load it
};

// Made by tests/dlt/dlt_cases.py; the last package of each case (its steps come before it).
constexpr Case kCases[] = {
    {"merge_hard_delete_step2", true, true},
    {"merge_sqlite_delete_insert_step2", true, true},
    {"merge_dedup_sort_step2", true, true},
    {"merge_key_only_step2", true, true},
    {"merge_deduplicated_step2", true, true},
    {"merge_truncate_staging_step2", true, true},
    {"merge_hard_delete_text_step2", true, true},
    {"merge_dedup_sort_asc_step2", true, true},
    {"merge_no_keys_step2", true, true},
    {"merge_pk_and_merge_key_step2", true, true},
    {"merge_upsert_step2", false, true},
    {"merge_insert_only_step2", false, true},
    {"scd2_default_step3", true, true},
    {"scd2_options_step2", true, true},
    {"scd2_merge_key_step2", true, true},
    {"scd2_sqlite_step2", true, true},
    {"replace_insert_from_staging_step2", true, true},
    {"replace_insert_from_staging_sqlite_step2", true, true},
    {"replace_staging_optimized_step2", false, true},
    {"refresh_drop_sources_step2", true, true},
    {"refresh_drop_data_step2", true, true},
    {"refresh_drop_resources_step2", true, true},
    // Columns that differ only in case: SQLite's identifiers are case-insensitive (refused, as dlt).
    {"naming_sql_cs_step2", false, true},
    {"naming_direct", false, true},
    {"csv_format_pipe", true, true},
    // Every dlt type; sqlite_types_utc compares on SQLite row for row (sqlite_types itself has
    // offsets other than UTC, where Wharf deliberately differs: offsetTimestampsAreStoredInUtc).
    {"sqlite_types_utc_step2", true, true},
    {"sqlite_types_pg", true, true},
    // PostGIS geometry columns (dlt's postgres_adapter); the test server has the extension.
    {"postgis_geometry_step2", false, true},
    // Jobs of more than 256 rows, each split over two connections on PostgreSQL (load_env);
    // SQLite ignores the setting.
    {"split_jobs_step2", true, true},
};

} // namespace

class tst_DltCases : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

private slots:
    void matchesDlt_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("lastPackage");
        // One row per case and destination, named after the case's last package.
        for (const Case &c : kCases) {
            if (c.sqlite)
                QTest::addRow("sqlite %s", c.lastPackage)
                    << QStringLiteral("sqlite") << QString::fromLatin1(c.lastPackage);
            if (c.postgres)
                QTest::addRow("postgres %s", c.lastPackage)
                    << QStringLiteral("postgres") << QString::fromLatin1(c.lastPackage);
        }
    }
    void matchesDlt()
    {
        QFETCH(QString, type);
        QFETCH(QString, lastPackage);
        if (type == QLatin1String("postgres") && pg::testPg().isEmpty()) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("WHARF_TEST_PG is not set under CI");
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        }
        const QJsonObject last = dltPackageInfo(lastPackage);
        LoadTarget t;
        t.type = type;
        t.dataset = last.value("dataset_name").toString();
        t.work = freshDir(m_tmp.path(), type + lastPackage);
        t.drop();
        for (const QJsonValue &step : last.value("packages_in_order").toArray()) {
            const QString package = step.toString();
            const QString root = QDir(t.work).filePath(package);
            QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/") + package), root));
            const CliResult r = runWharf(t.args("load", root), t.work, t.envFor(package));
            QVERIFY2(r.exitCode == 0 && r.out.contains("is LOADED and contains no failed jobs"), qPrintable(r.all()));
            // Every table of the dataset and of its staging dataset as dlt counted it after this step.
            const QJsonObject schema = pg::readJson(pg::loadIdDir(root) + QStringLiteral("/schema.json"));
            const QJsonObject counts = dltExpectedCounts(package, t.dataset);
            QVERIFY(!counts.isEmpty());
            for (auto it = counts.begin(); it != counts.end(); ++it) {
                const QString dataset = it.key().section('.', 0, 0);
                const QString table = it.key().section('.', 1);
                if (dataset != t.dataset && (dataset != t.dataset + "_staging" || isDltWorkTable(table, schema)))
                    continue;
                const qint64 have = t.count(table, dataset);
                QVERIFY2(have == it.value().toInteger(), qPrintable(QStringLiteral("%1 after %2: %3 rows, dlt had %4")
                                                                        .arg(it.key(), package)
                                                                        .arg(have)
                                                                        .arg(it.value().toInteger())));
            }
            const QString sqliteState = dataPath("dlt/expected/" + package + "/sqlite_state.json");
            if (type == QLatin1String("sqlite") && QFile::exists(sqliteState)) {
                const SqliteComparison c =
                    compareSqliteWithDlt(QDir(t.work).filePath("wh__" + t.dataset + ".db"),
                                         pg::readJson(sqliteState).value(QStringLiteral("dataset")).toObject());
                if (!c.ok)
                    qWarning().noquote() << "\n" + c.report;
                QVERIFY2(c.ok, qPrintable(package + QStringLiteral(" differs from dlt's SQLite result, see above")));
            }
            if (type == QLatin1String("postgres") &&
                QFile::exists(dataPath("dlt/expected/" + package + "/counts.json"))) {
                // compareDataWithDlt reads tests/data/expected/<case>; these cases live in
                // tests/data/dlt/expected.
                const pg::Comparison c = pg::compareDataWithDlt("../dlt/expected/" + package, t.dataset, schema);
                if (!c.ok)
                    qWarning().noquote() << "\n" + c.report;
                QVERIFY2(c.ok, qPrintable(package + QStringLiteral(" differs from dlt's result: ") +
                                          c.report.section(QLatin1Char('\n'), -1)));
            }
        }
        // The DDL of the dataset and its staging dataset after the last step, as pg_dump prints it.
        const QString ddlFile = dataPath("dlt/expected/" + lastPackage + "/pg_dump_schema_only.sql");
        if (type == QLatin1String("postgres") && QFile::exists(ddlFile)) {
            QStringList args{"--dbname=" + pg::testPg(), "--schema-only", "--no-owner", "--schema=" + t.dataset};
            if (pg::schemaExists(t.dataset + "_staging"))
                args << "--schema=" + t.dataset + "_staging";
            const pg::ToolResult dump = pg::runTool("pg_dump", args);
            QVERIFY2(dump.exitCode == 0, qPrintable(dump.err));
            const QStringList want = pg::normalisedDdl(QString::fromUtf8(pg::readAll(ddlFile)));
            const QStringList have = pg::normalisedDdl(dump.out);
            if (have != want)
                qWarning().noquote() << "\nWharf's DDL differs from dlt's (- dlt, + Wharf):\n" +
                                            pg::lineDiff(want, have);
            QVERIFY2(have == want, "Wharf's DDL differs from dlt's, see the diff above");
        }
        t.drop();
    }

    // load_package_state.json gets dlt's load_metrics: one entry per job and per follow-up, with
    // the follow-up ids on the jobs of its chain; the rest of the state is untouched.
    void packageStateHasLoadMetrics()
    {
        LoadTarget t;
        t.type = QStringLiteral("sqlite");
        t.dataset = QStringLiteral("metrics");
        t.work = freshDir(m_tmp.path(), QStringLiteral("metrics"));
        const QString root = QDir(t.work).filePath(QStringLiteral("step1"));
        QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/merge_hard_delete_step1")), root));
        const QString statePath = pg::loadIdDir(root) + QStringLiteral("/load_package_state.json");
        const QJsonObject before = pg::readJson(statePath);
        QStringList jobs;
        for (const QString &f : QDir(pg::loadIdDir(root) + "/new_jobs").entryList(QDir::Files)) {
            QStringList parts = f.split('.');
            parts.removeAt(2); // the retry count is not part of the job id
            jobs << parts.join('.');
        }
        QCOMPARE(jobs.size(), 3);
        const CliResult r = runWharf(t.args("load", root), t.work, t.env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QJsonObject state = pg::readJson(statePath);
        for (const char *kept : {"created_at", "_version_hash", "_state_version", "pipeline_state"})
            QCOMPARE(state.value(kept), before.value(kept));
        const QJsonObject metrics = state.value("load_metrics").toObject();
        QCOMPARE(metrics.size(), jobs.size() + 1); // and one follow-up for the tickets chain
        QString followUp;
        for (auto it = metrics.begin(); it != metrics.end(); ++it)
            if (it.key().endsWith(".sql"))
                followUp = it.key();
        QVERIFY2(followUp.startsWith("tickets."), qPrintable(followUp));
        for (const QString &job : jobs) {
            const QJsonObject m = metrics.value(job).toObject();
            QCOMPARE(m.value("job_id").toString(), job);
            QCOMPARE(m.value("state").toString(), QStringLiteral("completed"));
            QCOMPARE(m.value("retry_count").toInt(-1), 0);
            QVERIFY(m.value("file_path").toString().contains("/started_jobs/"));
            const QString started = m.value("started_at").toString();
            const QString finished = m.value("finished_at").toString();
            QVERIFY2(started.startsWith(QChar(0xF027)) && started.endsWith("+00:00"), qPrintable(started));
            QVERIFY(finished >= started);
            QVERIFY(m.contains("remote_url"));
            const QJsonArray fups = m.value("followup_jobs").toArray();
            if (job.startsWith("tickets"))
                QCOMPARE(fups, QJsonArray{followUp});
            else
                QVERIFY(fups.isEmpty());
        }
        QCOMPARE(metrics.value(followUp).toObject().value("state").toString(), QStringLiteral("completed"));
    }

    // Geometry columns on a database without PostGIS: refused before any DDL, saying what to do.
    void postgisMissingIsExplained()
    {
        if (pg::testPg().isEmpty()) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("WHARF_TEST_PG is not set under CI");
            QSKIP("no test PostgreSQL (WHARF_TEST_PG)");
        }
        // The test database has PostGIS (CI installs it); a database of its own has not.
        QCOMPARE(pg::psqlValue(QStringLiteral("SELECT to_regtype('geometry') IS NOT NULL")), QStringLiteral("t"));
        const QString db = QStringLiteral("wharf_nogis_%1").arg(QCoreApplication::applicationPid());
        pg::psql(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(db));
        QVERIFY(pg::psql(QStringLiteral("CREATE DATABASE %1").arg(db)).exitCode == 0);
        pg::PgServer server = pg::PgServer::fromEnv();
        server.database = db;
        const QString work = freshDir(m_tmp.path(), QStringLiteral("nogis"));
        const QString root = QDir(work).filePath(QStringLiteral("step1"));
        QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/postgis_geometry_step1")), root));
        const CliResult r = runWharf({"load", root, "--destination", "postgres"}, work,
                                     {{"DESTINATION__POSTGRES__CREDENTIALS", server.url()}});
        const QString otherDb = QStringLiteral("host=%1 port=%2 dbname=%3 user=%4 password=%5")
                                    .arg(server.host)
                                    .arg(server.port)
                                    .arg(db, server.user, server.password);
        const QString tables =
            pg::psqlValue(QStringLiteral("SELECT count(*) FROM information_schema.schemata WHERE schema_name = "
                                         "'postgis_geometry'"),
                          otherDb);
        pg::psql(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(db));
        QVERIFY2(r.exitCode != 0, qPrintable(r.all()));
        QVERIFY2(r.all().contains("places.geom") && r.all().contains("CREATE EXTENSION postgis"), qPrintable(r.all()));
        QCOMPARE(tables, QStringLiteral("0"));
    }

    // Where Wharf differs from dlt on purpose (README): dlt's SQLite destination stores an aware
    // timestamp's wall time and drops its offset, so 12:34:56+02:00 reads back as 12:34:56 UTC;
    // Wharf stores the instant, in UTC, as PostgreSQL does. Everything else equals dlt's.
    void offsetTimestampsAreStoredInUtc()
    {
        LoadTarget t;
        t.type = QStringLiteral("sqlite");
        t.dataset = QStringLiteral("sqlite_types");
        t.work = freshDir(m_tmp.path(), QStringLiteral("offsets"));
        const QString root = QDir(t.work).filePath(QStringLiteral("step1"));
        QVERIFY(copyTree(dataPath(QStringLiteral("dlt/packages/sqlite_types_step1")), root));
        const CliResult r = runWharf(t.args("load", root), t.work, t.env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const SqliteProbe db(QDir(t.work).filePath(QStringLiteral("wh__sqlite_types.db")));
        // Row 2: 2024-03-10 12:34:56.123456+02:00; dlt stored '2024-03-10 12:34:56.123456'.
        QCOMPARE(db.scalar(QStringLiteral("SELECT ts FROM all_types WHERE id = 2")).toString(),
                 QStringLiteral("2024-03-10 10:34:56.123456"));
        // Row 3: 01:02:03-05:30 is 06:32:03 UTC; dlt stored '2024-03-10 01:02:03.000000'.
        QCOMPARE(db.scalar(QStringLiteral("SELECT ts FROM all_types WHERE id = 3")).toString(),
                 QStringLiteral("2024-03-10 06:32:03.000000"));
        // The precision hint is not applied (as dlt), the JSON is Python's text (as dlt).
        QCOMPARE(db.scalar(QStringLiteral("SELECT tm3 FROM all_types WHERE id = 1")).toString(),
                 QStringLiteral("12:34:56.123456"));
        QCOMPARE(db.scalar(QStringLiteral("SELECT payload FROM all_types WHERE id = 6")).toString(),
                 QStringLiteral("{\"n\": 10, \"f\": 1.0, \"e\": 1.5e-10}"));
    }
};

QTEST_GUILESS_MAIN(tst_DltCases)
#include "tst_DltCases.moc"
