// The headless CLI on whole packages, then SQL checks on the SQLite files it wrote.
#include "SqliteProbe.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <zlib.h>

using namespace wharf;
using namespace wharf::test;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// dlt type of a PostgreSQL type as `\d+` prints it / of a SQLite declared type as Wharf creates it.
QString dltTypeOfPg(const QString &pg)
{
    if (pg.startsWith(QLatin1String("character varying")))
        return QStringLiteral("text");
    if (pg == QLatin1String("bigint"))
        return QStringLiteral("bigint");
    if (pg == QLatin1String("boolean"))
        return QStringLiteral("bool");
    if (pg.startsWith(QLatin1String("timestamp")))
        return QStringLiteral("timestamp");
    if (pg == QLatin1String("double precision"))
        return QStringLiteral("double");
    if (pg == QLatin1String("jsonb"))
        return QStringLiteral("json");
    return pg;
}
QString dltTypeOfSqlite(const QString &t)
{
    if (t == QLatin1String("TEXT") || t.startsWith(QLatin1String("VARCHAR")))
        return QStringLiteral("text");
    if (t == QLatin1String("BIGINT"))
        return QStringLiteral("bigint");
    if (t == QLatin1String("BOOLEAN"))
        return QStringLiteral("bool");
    if (t == QLatin1String("DATETIME"))
        return QStringLiteral("timestamp");
    if (t == QLatin1String("DOUBLE"))
        return QStringLiteral("double");
    if (t == QLatin1String("JSON"))
        return QStringLiteral("json");
    return t;
}

struct ExpectedColumn {
    QString name;
    QString dltType;
    bool notNull = false;
};

// Parses dlt's `\d+` output in tests/data/expected/<case>/describe_tables.txt.
QMap<QString, QList<ExpectedColumn>> expectedColumns(const QString &caseName)
{
    QFile f(dataPath(QStringLiteral("expected/%1/describe_tables.txt").arg(caseName)));
    f.open(QIODevice::ReadOnly);
    QMap<QString, QList<ExpectedColumn>> out;
    QString table;
    static const QRegularExpression header(QStringLiteral("Table \"[^.]+\\.([^\"]+)\""));
    for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
        const auto m = header.match(line);
        if (m.hasMatch()) {
            table = m.captured(1);
            continue;
        }
        const QStringList parts = line.split(QLatin1Char('|'));
        if (table.isEmpty() || parts.size() < 4 || parts[0].trimmed() == QLatin1String("Column") ||
            parts[0].startsWith(QLatin1Char('-')))
            continue;
        out[table].append(
            {parts[0].trimmed(), dltTypeOfPg(parts[1].trimmed()), parts[3].trimmed() == QLatin1String("not null")});
    }
    return out;
}

QMap<QString, int> expectedCounts(const QString &caseName)
{
    QFile f(dataPath(QStringLiteral("expected/%1/counts.json").arg(caseName)));
    f.open(QIODevice::ReadOnly);
    QMap<QString, int> out;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key().section(QLatin1Char('.'), 1), it.value().toInt());
    return out;
}

} // namespace

class tst_CliLoad : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    QString fresh(const QString &name) { return freshDir(m_tmp.path(), name); }
    QMap<QString, QString> sqliteEnv(const QString &work)
    {
        return {{QStringLiteral("DESTINATION__SQLITE__CREDENTIALS"),
                 QStringLiteral("sqlite:///") + QDir(work).filePath(QStringLiteral("wh.db"))}};
    }
    QString datasetFile(const QString &work, const QString &dataset)
    {
        return QDir(work).filePath(QStringLiteral("wh__%1.db").arg(dataset));
    }

private slots:
    void appendPackagesMatchDlt_data()
    {
        QTest::addColumn<QString>("package");
        QTest::newRow("insert_values") << "gh_issues_insert_values";
        QTest::newRow("csv") << "gh_issues_csv";
        QTest::newRow("typed-jsonl") << "gh_issues_typed_jsonl";
    }
    void appendPackagesMatchDlt()
    {
        QFETCH(QString, package);
        const QString work = fresh(package);
        const QString root = copyPackage(work, package);
        QVERIFY(!root.isEmpty());
        const CliResult r = runWharf({QStringLiteral("load"), root}, work, sqliteEnv(work));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains(
                     QStringLiteral("1 load package(s) were loaded to destination sqlite and into dataset ") + package),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("is LOADED and contains no failed jobs")));
        QVERIFY(r.out.contains(QStringLiteral("The sqlite destination used sqlite:///")));

        SqliteProbe db(datasetFile(work, package));
        QVERIFY(db.isOpen());
        const auto counts = expectedCounts(package);
        const auto columns = expectedColumns(package);
        QStringList want = counts.keys();
        want.sort();
        QCOMPARE(db.tables(), want);
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            const QString count = db.scalar(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(it.key())).toString();
            QVERIFY2(count == QString::number(it.value()), qPrintable(it.key() + ": " + count));
            const auto have = db.columns(it.key());
            const auto &exp = columns[it.key()];
            QVERIFY2(have.size() == exp.size(), qPrintable(it.key()));
            for (int c = 0; c < exp.size(); ++c) {
                const QString where = it.key() + QLatin1Char('.') + exp[c].name;
                QCOMPARE(have[c][0], exp[c].name);
                QVERIFY2(dltTypeOfSqlite(have[c][1]) == exp[c].dltType, qPrintable(where + " " + have[c][1]));
                QVERIFY2((have[c][2] == QLatin1String("1")) == exp[c].notNull, qPrintable(where));
            }
        }
        // Spot values: timestamps in UTC, booleans as 0/1, quotes and unicode kept, NULLs.
        QCOMPARE(
            db.scalar(
                  "SELECT title || '|' || created_at || '|' || locked || '|' || state FROM issues WHERE number = 71")
                .toString(),
            QStringLiteral("Timestamp type + functions|2018-12-06 07:29:53.000000|0|closed"));
        QCOMPARE(db.scalar("SELECT count(*) FROM issues WHERE body LIKE '%juliapkg doesn''t contains a TimeZone%'")
                     .toString(),
                 QStringLiteral("1"));
        QVERIFY(db.scalar("SELECT count(*) FROM issues WHERE body LIKE '%┌%'").toInt() > 0);
        QVERIFY(db.scalar("SELECT count(*) FROM issues WHERE body LIKE '%' || char(13) || char(10) || '%'").toInt() >
                0);
        QVERIFY(db.scalar("SELECT count(*) FROM issues WHERE closed_at IS NULL").toInt() > 0);
        QCOMPARE(db.scalar("SELECT load_id || '|' || schema_name || '|' || status FROM _dlt_loads").toString(),
                 db.scalar("SELECT DISTINCT _dlt_load_id FROM issues").toString() + "|" + package + "|0");
        QCOMPARE(db.scalar("SELECT count(*) FROM _dlt_version WHERE schema_name = '" + package + "'").toInt(), 1);
        // Every job file ended in completed_jobs.
        const QStringList pkgs = QDir(root).entryList({QStringLiteral("17*")}, QDir::Dirs);
        QCOMPARE(pkgs.size(), 1);
        const QDir pkg(QDir(root).filePath(pkgs[0]));
        QVERIFY(pkg.entryList({QStringLiteral("*")}, QDir::Files, QDir::Name).contains("package_completed.json"));
        QVERIFY(QDir(pkg.filePath("new_jobs")).entryList(QDir::Files).isEmpty());
        QVERIFY(QDir(pkg.filePath("failed_jobs")).entryList(QDir::Files).isEmpty());
    }

    void formatsAgreeWithEachOther()
    {
        // The same 100 issues written by dlt as insert_values, csv and typed-jsonl must load to the
        // same values (csv differs only where dlt's COPY semantics turn '' into NULL).
        const QString work = fresh("cross");
        for (const char *p : {"gh_issues_insert_values", "gh_issues_csv", "gh_issues_typed_jsonl"}) {
            const CliResult r = runWharf({"load", copyPackage(work, p)}, work, sqliteEnv(work));
            QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        }
        SqliteProbe db(datasetFile(work, "gh_issues_insert_values"));
        db.rows(QStringLiteral("ATTACH '%1' AS c").arg(datasetFile(work, "gh_issues_csv")));
        db.rows(QStringLiteral("ATTACH '%1' AS j").arg(datasetFile(work, "gh_issues_typed_jsonl")));
        const QString cols = "title, body, state, created_at, updated_at, closed_at, locked, comments, user__login, "
                             "reactions__total_count, author_association";
        QStringList diffs;
        for (const QString &c : cols.split(", ")) {
            const int strict = db.scalar(QStringLiteral("SELECT count(*) FROM issues a JOIN j.issues b ON a.id = b.id "
                                                        "WHERE a.%1 IS NOT b.%1")
                                             .arg(c))
                                   .toInt();
            const int csv = db.scalar(QStringLiteral("SELECT count(*) FROM issues a JOIN c.issues b ON a.id = b.id "
                                                     "WHERE coalesce(a.%1, '') <> coalesce(b.%1, '')")
                                          .arg(c))
                                .toInt();
            if (strict || csv)
                diffs << QStringLiteral("%1: jsonl %2, csv %3").arg(c).arg(strict).arg(csv);
        }
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join("; ")));
        QCOMPARE(db.scalar("SELECT count(*) FROM issues a JOIN c.issues b ON a.id = b.id").toInt(), 100);
        QCOMPARE(db.scalar("SELECT count(*) FROM issues a JOIN j.issues b ON a.id = b.id").toInt(), 100);
    }

    void everyTypeInEveryFormat()
    {
        const QString work = fresh("types");
        const CliResult r = runWharf({"load", copyPackage(work, "types_append")}, work, sqliteEnv(work));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        SqliteProbe db(datasetFile(work, "types_data"));
        QCOMPARE(db.scalar("SELECT count(*) FROM all_types").toInt(), 20);
        for (int job = 1; job <= 4; ++job) {
            const QString id = QString::number(job);
            const QString where = QStringLiteral(" FROM all_types WHERE _dlt_id = 'id_row_%1");
            QCOMPARE(db.scalar("SELECT col_text" + where.arg("one_aa" + id) + "'").toString(),
                     QStringLiteral("O'Brien said \"hi\", \\ back\nslash"));
            QCOMPARE(db.scalar("SELECT col_text" + where.arg("two_bb" + id) + "'").toString(),
                     QStringLiteral(", NULL'); DROP TABLE all_types --"));
            QCOMPARE(db.scalar("SELECT col_text" + where.arg("thr_cc" + id) + "'").toString(),
                     QStringLiteral("日本語のテキスト 'quoted' और हिन्दी"));
            QCOMPARE(db.scalar("SELECT col_bigint || '|' || col_double || '|' || col_bool || '|' || col_ts || '|' || "
                               "col_ts_naive || '|' || col_date || '|' || col_time || '|' || col_json || '|' || "
                               "hex(col_binary) || '|' || col_required" +
                               where.arg("one_aa" + id) + "'")
                         .toString(),
                     QStringLiteral("9223372036854775807|3.5|1|2024-04-05 07:16:59.942779|2024-04-05 09:16:59.000000|"
                                    "2024-04-05|09:16:59.123456|{\"a\": 1, \"b\": [true, null, \"x\"]}|68656C6C6F|r1"));
            QCOMPARE(db.scalar("SELECT col_decimal" + where.arg("one_aa" + id) + "'").toDouble(), 123.456);
            QCOMPARE(db.scalar("SELECT hex(col_binary)" + where.arg("two_bb" + id) + "'").toString(), QString());
            QCOMPARE(db.scalar("SELECT count(*)" + where.arg("fou_dd" + id) +
                               "' AND col_text IS NULL AND col_bigint "
                               "IS NULL AND col_ts IS NULL AND col_json IS NULL AND col_binary IS NULL")
                         .toInt(),
                     1);
            // csv: an empty field is NULL in a nullable column (COPY's FORCE_NULL) but stays '' in a
            // NOT NULL one; the other formats keep ''.
            QCOMPARE(
                db.scalar("SELECT coalesce(col_text, '<null>') || '|' || col_required" + where.arg("fiv_ee" + id) + "'")
                    .toString(),
                job == 2 ? QStringLiteral("<null>|") : QStringLiteral("|"));
        }
        // Column types as dlt's SQLAlchemy destination creates them on SQLite.
        QStringList types;
        for (const auto &c : db.columns("all_types"))
            types << c[1];
        QCOMPARE(types.join(','), QStringLiteral("TEXT,BIGINT,FLOAT,BOOLEAN,DATETIME,DATETIME,DATE,TIME,NUMERIC(38, 9),"
                                                 "NUMERIC(38, 0),JSON,BLOB,TEXT,TEXT,VARCHAR(128)"));
    }

    void replaceStepsReplaceTheWholeChain()
    {
        // step2 holds issues[60:]: after it the dataset has exactly step2's rows, nested tables too
        // (counts as dlt left them: tests/data/expected/gh_issues_replace_step2/counts.json).
        const QString work = fresh("replace");
        CliResult r = runWharf({"load", copyPackage(work, "gh_issues_replace_step1")}, work, sqliteEnv(work));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        SqliteProbe db(datasetFile(work, "gh_issues_replace"));
        QCOMPARE(db.scalar("SELECT count(*) FROM issues").toInt(), 100);
        r = runWharf({"load", copyPackage(work, "gh_issues_replace_step2")}, work, sqliteEnv(work));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const auto counts = expectedCounts("gh_issues_replace_step2");
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            QVERIFY2(db.scalar(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(it.key())).toInt() == it.value(),
                     qPrintable(it.key()));
        QCOMPARE(db.scalar("SELECT min(number) < 1000 FROM issues").toString(), QStringLiteral("1"));
        // No nested row points at a parent that is gone.
        QCOMPARE(db.scalar("SELECT count(*) FROM issues__labels l WHERE NOT EXISTS (SELECT 1 FROM issues i "
                           "WHERE i._dlt_id = l._dlt_parent_id)")
                     .toInt(),
                 0);
    }

    void sqliteSaysItReadsCsvAsUtf8Only()
    {
        const QString work = fresh("csv_encoding");
        const QString root = copyPackage(work, "gh_issues_csv");
        auto env = sqliteEnv(work);
        env.insert("DESTINATION__SQLITE__CSV_FORMAT__ENCODING", "latin1");
        const CliResult r = runWharf({"load", root}, work, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.all().contains("csv_format.encoding is 'latin1', but the SQLite destination reads csv files as "
                                  "UTF-8 only"),
                 qPrintable(r.all()));
        QVERIFY(r.all().contains("ABORTED"));
    }

    void strategiesTheDestinationLacksAreRefused()
    {
        // SQLite (as dlt's sqlalchemy destination) has no staging-optimized replace and no
        // upsert: refused up front, naming what it has, nothing created.
        const QString work = fresh("replace_strategy");
        const QString root = copyPackage(work, "gh_issues_replace_step1");
        auto env = sqliteEnv(work);
        env.insert("DESTINATION__REPLACE_STRATEGY", "staging-optimized");
        CliResult r = runWharf({"load", root}, work, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.all().contains("replace_strategy 'staging-optimized' is not supported") &&
                     r.all().contains("truncate-and-insert, insert-from-staging"),
                 qPrintable(r.all()));
        QVERIFY(!QFile::exists(datasetFile(work, "gh_issues_replace")));

        const QString upsert =
            copyTree(dataPath("dlt/packages/merge_upsert_step1"), work + "/upsert") ? work + "/upsert" : QString();
        QVERIFY(!upsert.isEmpty());
        r = runWharf({"load", upsert, "--dataset", "upsert_here"}, work, sqliteEnv(work));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.all().contains("merge strategy 'upsert' of table accounts is not supported"), qPrintable(r.all()));
        QVERIFY(!QFile::exists(datasetFile(work, "upsert_here")));
    }

    void mergeStepsMergeByPrimaryKey()
    {
        // delete-insert through <dataset>_staging, counts as dlt left them after each step
        // (tests/data/expected/gh_issues_merge_step*/counts.json), staging included.
        const QString work = fresh("merge");
        for (const char *step : {"gh_issues_merge_step1", "gh_issues_merge_step2"}) {
            const CliResult r = runWharf({"load", copyPackage(work, step)}, work, sqliteEnv(work));
            QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
            const auto counts = expectedCounts(step); // keys: table names (dataset part dropped)
            QFile f(dataPath(QStringLiteral("expected/%1/counts.json").arg(step)));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QJsonObject all = QJsonDocument::fromJson(f.readAll()).object();
            for (auto it = all.begin(); it != all.end(); ++it) {
                const QString dataset = it.key().section('.', 0, 0);
                const QString table = it.key().section('.', 1);
                SqliteProbe db(datasetFile(work, dataset));
                const int have = db.scalar(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table)).toInt();
                QVERIFY2(have == it.value().toInt(), qPrintable(QStringLiteral("%1 after %2: %3 rows, dlt had %4")
                                                                    .arg(it.key(), step)
                                                                    .arg(have)
                                                                    .arg(it.value().toInt())));
            }
        }
        SqliteProbe db(datasetFile(work, "gh_issues_merge"));
        // One row per primary key, and no nested row left without its parent.
        QCOMPARE(db.scalar("SELECT count(*) - count(DISTINCT id) FROM issues").toInt(), 0);
        QCOMPARE(db.scalar("SELECT count(*) FROM issues__labels l WHERE NOT EXISTS (SELECT 1 FROM issues i WHERE "
                           "i._dlt_id = l._dlt_root_id)")
                     .toInt(),
                 0);
        QCOMPARE(db.scalar("SELECT count(*) FROM issues WHERE reviewed IS NOT NULL").toInt() > 0, true);
    }

    void badJobFailsAlone_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("needle");
        QTest::newRow("corrupt gzip") << "gzip"
                                      << "issues__labels.badgzip001.0.insert_values.gz"
                                      << "gzip";
        QTest::newRow("truncated insert_values") << "truncated"
                                                 << "issues__labels.truncated1.0.insert_values"
                                                 << ":";
        QTest::newRow("csv wrong column count") << "csv"
                                                << "issues__labels.badcsv0001.0.csv"
                                                << ":4";
        QTest::newRow("json not an object") << "json"
                                            << "issues__labels.badjson001.0.jsonl"
                                            << ":2";
        QTest::newRow("unknown format") << "format"
                                        << "issues__labels.badformat1.0.parquetish"
                                        << "parquetish";
        QTest::newRow("unknown column") << "column"
                                        << "issues__labels.badcolumn1.0.jsonl"
                                        << "no_such_column";
    }
    void badJobFailsAlone()
    {
        QFETCH(QString, kind);
        QFETCH(QString, fileName);
        QFETCH(QString, needle);
        const QString work = fresh("bad_" + kind);
        const QString root = copyPackage(work, "gh_issues_insert_values");
        const QString pkg = QDir(root).filePath("1795476037.8625736");
        const QString jobs = QDir(pkg).filePath("new_jobs");
        const QString good = QDir(jobs).filePath("issues__labels.c26f8c1531.0.insert_values.gz");
        const QString bad = QDir(jobs).filePath(fileName);
        if (kind == "gzip") {
            QFile f(good);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QByteArray data = f.readAll();
            for (int k = data.size() / 2; k < data.size() / 2 + 64; ++k)
                data[k] = char(data[k] ^ 0x5a);
            QVERIFY(writeFile(bad, data));
        } else if (kind == "truncated") {
            const QByteArray text = gunzipFile(good);
            QVERIFY(writeFile(bad, text.left(text.size() * 6 / 10)));
        } else if (kind == "csv") {
            const QString csvPkg = dataPath("packages/gh_issues_csv/1795476039.4863045/new_jobs/"
                                            "issues__labels.6580064aae.0.csv.gz");
            QList<QByteArray> lines = gunzipFile(csvPkg).split('\n');
            lines[3] = lines[3].left(lines[3].lastIndexOf(','));
            QVERIFY(writeFile(bad, lines.join('\n')));
        } else if (kind == "json") {
            QVERIFY(writeFile(bad, "{\"id\":1,\"name\":\"x\",\"_dlt_parent_id\":\"p\",\"_dlt_list_idx\":0,"
                                   "\"_dlt_id\":\"unique_json_1\"}\n[1,2]\n"));
        } else if (kind == "column") {
            QVERIFY(writeFile(bad, "{\"id\":1,\"no_such_column\":2,\"_dlt_parent_id\":\"p\",\"_dlt_list_idx\":0,"
                                   "\"_dlt_id\":\"u\"}\n"));
        } else {
            QVERIFY(writeFile(bad, "PAR1"));
        }
        const CliResult r = runWharf({"load", root}, work, sqliteEnv(work));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("is ABORTED and contains 1 FAILED job(s)!"), qPrintable(r.all()));
        // The message names the file (and where a line is known, the line).
        const QRegularExpression named(QRegularExpression::escape(fileName) + ".*" +
                                       QRegularExpression::escape(needle));
        QVERIFY2(named.match(r.out).hasMatch() || r.out.contains(needle), qPrintable(r.out));
        QVERIFY2(r.out.contains(fileName), qPrintable(r.out));
        // Nothing of the bad job is committed; every other job completed.
        SqliteProbe db(datasetFile(work, "gh_issues_insert_values"));
        QCOMPARE(db.scalar("SELECT count(*) FROM issues__labels").toInt(), 34);
        QCOMPARE(db.scalar("SELECT count(*) FROM issues").toInt(), 100);
        QCOMPARE(db.scalar("SELECT count(*) FROM issues__assignees").toInt(), 31);
        QCOMPARE(db.scalar("SELECT count(*) FROM _dlt_loads").toInt(), 0); // an aborted package is not a load
        QVERIFY(QFile::exists(QDir(pkg).filePath("failed_jobs/") + fileName));
        QFile ex(QDir(pkg).filePath("failed_jobs/") + fileName + ".exception");
        QVERIFY(ex.open(QIODevice::ReadOnly));
        QVERIFY(ex.readAll().contains(fileName.toUtf8()));
        QCOMPARE(QDir(QDir(pkg).filePath("completed_jobs")).entryList(QDir::Files).size(), 4);
    }

    void missingSchemaIsAClearError()
    {
        const QString work = fresh("noschema");
        const QString root = copyPackage(work, "gh_issues_insert_values");
        QVERIFY(QFile::remove(QDir(root).filePath("1795476037.8625736/schema.json")));
        const CliResult r = runWharf({"load", root}, work, sqliteEnv(work));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.all().contains("schema.json") && r.all().contains("missing"), qPrintable(r.all()));
        QVERIFY(!QFile::exists(datasetFile(work, "gh_issues_insert_values")));
    }

    void usageAndConfigErrors()
    {
        const QString work = fresh("usage");
        QCOMPARE(runWharf({"load"}, work).exitCode, 2);
        QCOMPARE(runWharf({"frobnicate"}, work).exitCode, 2);
        CliResult r = runWharf({"load", QDir(work).filePath("nope")}, work);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("no such folder"));
        QFile plain(QDir(work).filePath("plain.txt"));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        QCOMPARE(runWharf({"load", plain.fileName()}, work).exitCode, 2);
        QCOMPARE(runWharf({"load", work}, work).exitCode, 2); // a folder without packages
        r = runWharf({"load", "--help"}, work);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--destination") && r.out.contains("--dataset") && r.out.contains("--project-dir"));
        QCOMPARE(runWharf({"info", "--help"}, work).exitCode, 0);
        QCOMPARE(runWharf({"--help"}, work).exitCode, 0);
        const QString root = copyPackage(work, "gh_issues_insert_values");
        r = runWharf({"load", root, "--destination", "oracle"}, work);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown destination type 'oracle'"));
        // Invalid TOML names the file, line and column.
        QDir().mkpath(QDir(work).filePath(".dlt"));
        QVERIFY(writeFile(QDir(work).filePath(".dlt/config.toml"), "[load]\nworkers = = 3\n"));
        r = runWharf({"load", root}, work);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("config.toml") && r.err.contains(":2"), qPrintable(r.err));
        QVERIFY(QFile::remove(QDir(work).filePath(".dlt/config.toml")));
        // --project-dir points at another .dlt folder: a bad value there is reported too.
        const QString project = fresh("project");
        QDir().mkpath(QDir(project).filePath(".dlt"));
        QVERIFY(writeFile(QDir(project).filePath(".dlt/config.toml"), "[load]\nworkers = \"many\"\n"));
        r = runWharf({"load", root, "--project-dir", project}, work);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("workers"), qPrintable(r.err));
    }

    void secretsTomlChoosesTheDatabase()
    {
        const QString work = fresh("secrets");
        const QString root = copyPackage(work, "gh_issues_insert_values");
        QDir().mkpath(QDir(work).filePath(".dlt"));
        const QString db = QDir(work).filePath("from_toml.db");
        QVERIFY(writeFile(QDir(work).filePath(".dlt/secrets.toml"),
                          QStringLiteral("[destination.sqlite.credentials]\ndatabase = \"%1\"\n").arg(db).toUtf8()));
        const CliResult r = runWharf({"load", root, "--dataset", "my_data"}, work);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY(r.out.contains("into dataset my_data"));
        QVERIFY(r.out.contains("sqlite:///" + db));
        SqliteProbe probe(QDir(work).filePath("from_toml__my_data.db"));
        QCOMPARE(probe.scalar("SELECT count(*) FROM issues").toInt(), 100);
    }

    void envFieldAndExplicitOptionsWin()
    {
        const QString work = fresh("envfield");
        const QString root = copyPackage(work, "gh_issues_insert_values");
        QDir().mkpath(QDir(work).filePath(".dlt"));
        QVERIFY(writeFile(QDir(work).filePath(".dlt/secrets.toml"),
                          "[destination.sqlite.credentials]\ndatabase = \"ignored.db\"\n"));
        const QString db = QDir(work).filePath("from_env.db");
        const CliResult r = runWharf({"load", root}, work,
                                     {{"DESTINATION__SQLITE__CREDENTIALS__DATABASE", db}, {"LOAD__WORKERS", "2"}});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY(QFile::exists(QDir(work).filePath("from_env__gh_issues_insert_values.db")));
        QVERIFY(!QFile::exists(QDir(work).filePath("ignored__gh_issues_insert_values.db")));
        const CliResult bad = runWharf({"load", root}, work, {{"LOAD__WORKERS", "lots"}});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("LOAD__WORKERS") || bad.err.contains("workers"), qPrintable(bad.err));
    }

    void hostileDatasetNameIsRefused()
    {
        const QString work = fresh("hostile");
        const QString root = copyPackage(work, "gh_issues_insert_values");
        const CliResult r = runWharf({"load", root, "--dataset", "../../escape"}, work, sqliteEnv(work));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.all().contains("cannot be used with SQLite"), qPrintable(r.all()));
        QVERIFY(!QFile::exists(QDir(work).filePath("../../escape.db")));
        QCOMPARE(QDir(QDir(root).filePath("1795476037.8625736/new_jobs")).entryList(QDir::Files).size(), 4);
    }

    // `wharf info --sql`: the strategy and follow-up SQL of every table chain, worked out
    // without credentials and without touching any database.
    void infoShowsTheSqlALoadWouldRun()
    {
        const QString work = fresh("info_sql");
        QVERIFY(copyTree(dataPath("dlt/packages/merge_upsert_step2"), work + "/upsert"));
        CliResult r = runWharf({"info", work + "/upsert", "--sql", "--destination", "postgres"}, work, {});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains("table chain accounts, accounts__phones: merge upsert (primary key id); jobs load into "
                                "merge_upsert_staging, then one transaction runs:"),
                 qPrintable(r.out));
        QVERIFY(
            r.out.contains("MERGE INTO \"merge_upsert\".\"accounts\" d USING \"merge_upsert_staging\".\"accounts\" s "
                           "ON d.\"id\" = s.\"id\" WHEN MATCHED AND s.\"deleted\" = True THEN DELETE"));
        // SQLite has no upsert: the preview says the load would be refused.
        r = runWharf({"info", work + "/upsert", "--sql", "--json", "--dataset", "preview"}, work, sqliteEnv(work));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QJsonObject sql = QJsonDocument::fromJson(r.out.toUtf8())
                                    .object()["packages"]
                                    .toArray()
                                    .first()
                                    .toObject()["load_sql"]
                                    .toObject();
        QCOMPARE(sql["dataset"].toString(), QStringLiteral("preview"));
        QVERIFY(sql["refusals"].toArray().first().toString().contains("upsert"));
        // scd2 on SQLite: its retire and insert statements, with the package's created_at boundary.
        QVERIFY(copyTree(dataPath("dlt/packages/scd2_sqlite_step2"), work + "/scd2"));
        r = runWharf({"info", work + "/scd2", "--sql"}, work, sqliteEnv(work));
        QVERIFY2(r.out.contains("UPDATE \"scd2_sqlite\".\"members\" SET \"_dlt_valid_to\" = '"), qPrintable(r.out));
        QVERIFY(!QFile::exists(datasetFile(work, "scd2_sqlite")) && !QFile::exists(datasetFile(work, "preview")));
        QVERIFY(!QFile::exists(QDir(work).filePath("wh.db")));
    }

    // `wharf info --sql --compare`: what the dataset as it is now would get, read from the
    // destination (no file is created to find out): every table at first, then only the
    // column the second merge step adds.
    void infoComparesWithTheDestination()
    {
        const QString work = fresh("info_compare");
        const QString step1 = copyPackage(work, "gh_issues_merge_step1");
        const QString step2 = copyPackage(work, "gh_issues_merge_step2");
        CliResult r = runWharf({"info", step1, "--sql", "--compare"}, work, sqliteEnv(work));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains("the dataset does not exist yet and is created") &&
                     r.out.contains("creates table issues__labels (11 columns)"),
                 qPrintable(r.out));
        QVERIFY(!QFile::exists(QDir(work).filePath("wh.db")) && !QFile::exists(datasetFile(work, "gh_issues_merge")));
        r = runWharf({"load", step1}, work, sqliteEnv(work));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY(QFile::exists(datasetFile(work, "gh_issues_merge")));
        r = runWharf({"info", step2, "--sql", "--compare", "--json"}, work, sqliteEnv(work));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        const QJsonObject now = QJsonDocument::fromJson(r.out.toUtf8())
                                    .object()["packages"]
                                    .toArray()
                                    .first()
                                    .toObject()["load_sql"]
                                    .toObject()["destination_now"]
                                    .toObject();
        QVERIFY2(now["compared"].toBool() && now["dataset_exists"].toBool(), qPrintable(r.out));
        QCOMPARE(now["new_tables"].toArray().size(), 0);
        const QJsonArray added = now["new_columns"].toArray();
        QCOMPARE(added.size(), 1);
        QCOMPARE(added[0].toObject()["table"].toString(), QStringLiteral("issues"));
        QCOMPARE(added[0].toObject()["columns"].toArray()[0].toObject()["name"].toString(), QStringLiteral("reviewed"));
        const QString ddl = now["ddl"].toArray()[0].toString();
        QVERIFY2(ddl.startsWith("ALTER TABLE \"gh_issues_merge\".\"issues\"") &&
                     ddl.contains("ADD COLUMN \"reviewed\""),
                 qPrintable(ddl));
        // Nothing changed: the column is still missing until step 2 loads.
        r = runWharf({"info", step2, "--sql", "--compare"}, work, sqliteEnv(work));
        QVERIFY2(r.out.contains("adds columns to issues: reviewed (bool)"), qPrintable(r.out));
    }

    void infoDescribesPackages()
    {
        const QString work = fresh("info");
        const QString root = copyPackage(work, "gh_issues_csv");
        CliResult r = runWharf({"info", root, "--json"}, work);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject pkg = QJsonDocument::fromJson(r.out.toUtf8()).object()["packages"].toArray()[0].toObject();
        QCOMPARE(pkg["load_id"].toString(), QStringLiteral("1795476039.4863045"));
        QCOMPARE(pkg["state"].toString(), QStringLiteral("normalized"));
        QCOMPARE(pkg["default_dataset"].toString(), QStringLiteral("gh_issues_csv"));
        QCOMPARE(pkg["jobs_by_state"].toObject()["new_jobs"].toInt(), 5);
        QCOMPARE(pkg["tables"].toArray().size(), 4);
        r = runWharf({"info", root}, work);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Jobs: 5 new, 0 started, 0 completed, 0 failed"));
        QVERIFY(r.out.contains("issues.c19c6a9595.csv.gz"));
        QCOMPARE(runWharf({"load", root}, work, sqliteEnv(work)).exitCode, 0);
        r = runWharf({"info", root, "--json"}, work);
        const QJsonObject after = QJsonDocument::fromJson(r.out.toUtf8()).object()["packages"].toArray()[0].toObject();
        QCOMPARE(after["state"].toString(), QStringLiteral("loaded"));
        QCOMPARE(after["jobs_by_state"].toObject()["completed_jobs"].toInt(), 5);
        // Loading a completed package again is refused, not repeated.
        r = runWharf({"load", QDir(root).filePath("1795476039.4863045")}, work, sqliteEnv(work));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("already completed"));
    }

    void datasetFromStateInsidePackage()
    {
        // Only the <load_id> folder, without the pipeline files next to it: the dataset name
        // comes from the pipeline state dlt stored inside the package.
        const QString work = fresh("bare");
        const QString pkg = QDir(work).filePath("1795476037.8625736");
        QVERIFY(copyTree(dataPath("packages/gh_issues_insert_values/1795476037.8625736"), pkg));
        const CliResult r = runWharf({"load", pkg}, work, sqliteEnv(work));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY(r.out.contains("into dataset gh_issues_insert_values"));
    }
};

QTEST_GUILESS_MAIN(tst_CliLoad)
#include "tst_CliLoad.moc"
