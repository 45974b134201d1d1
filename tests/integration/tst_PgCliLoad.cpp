// The headless CLI against a real PostgreSQL (WHARF_TEST_PG): whole dlt packages loaded with
// `wharf load --destination postgres`, then checked with psql and pg_dump against what dlt itself
// produced for the same packages (tests/data/expected, checked as /work/shared/tools/compare_pg.py
// checks them). Every test owns its dataset: it is dropped before and after.
#include "PgTestSupport.h"
#include "RejectingPgServer.h"
#include "TestSupport.h"

#include <QDebug>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QtEndian>
#include <zlib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

using namespace wharf::test;
using namespace wharf::test::pg;

namespace {
// ---------------------------------------------------------------------------------------------
// tests/data/packages/hostile (written by tests/data/tools/make_hostile_package.py)

const QString kHostileDataset = QStringLiteral("wharf_pgit_hostile");
const QString kHostileLoadId = QStringLiteral("1800000002.000001");
// As in schema.json ...
const QString kHostileTable = QStringLiteral(R"(Hostile "Tbl" \ Ünï 名; DROP TABLE x --)");
// ... and as PostgreSQL must store it: dlt lower-cases, then doubles the backslash (spec 5.6).
const QString kHostileTableInCatalog = QStringLiteral(R"(hostile "tbl" \\ ünï 名; drop table x --)");
const QString kLongTable = QStringLiteral("t63_table_name_exactly_sixty_three_characters_long_abcdefghijkl");
const QString kLongColumn = QStringLiteral("c63_column_name_exactly_sixty_three_characters_long_abcdefghijk");

struct CatalogColumn {
    QString name;
    QString type;
    bool nullable;
};

QList<CatalogColumn> hostileColumnsInCatalog()
{
    const QString text = QStringLiteral("character varying");
    return {
        {QStringLiteral("id"), QStringLiteral("bigint"), true},
        {QStringLiteral(R"(col "quoted")"), text, true},
        {QStringLiteral(R"(back\\slash)"), text, true},
        {QStringLiteral("ünïcødé 名前"), text, true},
        {QStringLiteral("with space"), text, true},
        {QStringLiteral("x; drop table x --"), text, true},
        {kLongColumn, text, true},
        {QStringLiteral("_dlt_load_id"), text, false},
        {QStringLiteral("_dlt_id"), text, false},
    };
}

using Value = std::optional<QString>;

/// Rows of the hostile table: id and the six text columns, in column order.
QList<QList<Value>> hostileRows()
{
    const Value null;
    return {
        {QStringLiteral("1"), QStringLiteral(R"(O'Reilly said "hi")"), QStringLiteral(R"(C:\path\to\file \\ and \N)"),
         QStringLiteral("日本語 ünïcødé ✓ 🚀"), QStringLiteral("line1\nline2\r\nline3\ttabbed"),
         QStringLiteral("'); DROP TABLE x; --"), QStringLiteral("a\n\\.\nb")},
        {QStringLiteral("2"), QStringLiteral(""), QStringLiteral("\\"), null, QStringLiteral(R"(E'\x41')"),
         QStringLiteral(R"(x"; DROP TABLE x; --)"), QStringLiteral(R"(,NULL,\N,"",'')")},
        {QStringLiteral("9223372036854775807"), null, QStringLiteral(R"(\N)"), null, QStringLiteral("NULL"), null,
         QStringLiteral(R"(\.)")},
    };
}

QString show(const Value &v)
{
    if (!v)
        return QStringLiteral("NULL");
    QString s = *v;
    s.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\n'), QLatin1String("\\n"));
    s.replace(QLatin1Char('\r'), QLatin1String("\\r")).replace(QLatin1Char('\t'), QLatin1String("\\t"));
    return QLatin1Char('\'') + s + QLatin1Char('\'');
}

/// Rows of `table` as [_dlt_id, col1, col2, ...] with exact values (hex on the wire, so newlines,
/// separators and NULLs cannot be confused).
QList<QList<Value>> fetchRows(const QString &dataset, const QString &table, const QStringList &columns)
{
    QStringList exprs{QStringLiteral("encode(convert_to(_dlt_id, 'UTF8'), 'hex')")};
    for (const QString &c : columns)
        exprs << QStringLiteral("coalesce(encode(convert_to(%1::text, 'UTF8'), 'hex'), 'NULL')").arg(quoteIdent(c));
    QList<QList<Value>> rows;
    for (const QString &line :
         psqlLines(QStringLiteral("select concat_ws('|', %1) from %2.%3 order by _dlt_id collate \"C\"")
                       .arg(exprs.join(QStringLiteral(", ")), quoteIdent(dataset), quoteIdent(table)))) {
        QList<Value> row;
        if (line.startsWith(QLatin1Char('<'))) {
            row << line;
        } else {
            for (const QString &part : line.split(QLatin1Char('|')))
                row << (part == QLatin1String("NULL") ? Value() : Value(fromHex(part)));
        }
        rows << row;
    }
    return rows;
}

} // namespace

class tst_PgCliLoad : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    PgServer m_pg;

    QString fresh(const QString &name) { return freshDir(m_tmp.path(), name); }
    QMap<QString, QString> pgEnv(const QString &url) const
    {
        return {{QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"), url}};
    }
    CliResult load(const QString &root, const QString &work, const QMap<QString, QString> &env)
    {
        return runWharf({QStringLiteral("load"), root, QStringLiteral("--destination"), QStringLiteral("postgres")},
                        work, env);
    }
    /// The dataset dlt loaded `caseName` into (the schema of every key in counts.json).
    static QString datasetOf(const QString &caseName)
    {
        const QJsonObject counts = readJson(expectedFile(caseName, QStringLiteral("counts.json")));
        return counts.isEmpty() ? QString() : counts.keys().first().section(QLatin1Char('.'), 0, 0);
    }
    /// Loads an append package into its default dataset and checks wharf's own report.
    bool loadAppendPackage(const QString &package, const QString &dataset, QString *why,
                           const QString &loadMethod = QString())
    {
        const QString work = fresh(package);
        const QString root = copyPackage(work, package);
        if (root.isEmpty()) {
            *why = QStringLiteral("cannot copy the package");
            return false;
        }
        QMap<QString, QString> env = pgEnv(m_pg.url());
        if (!loadMethod.isEmpty())
            env.insert(QStringLiteral("DESTINATION__POSTGRES__LOAD_METHOD"), loadMethod);
        const CliResult r = load(root, work, env);
        const QStringList needles{
            QStringLiteral("1 load package(s) were loaded to destination postgres and into dataset ") + dataset,
            QStringLiteral("is LOADED and contains no failed jobs"),
            QStringLiteral("The postgres destination used %1 location to store data")
                .arg(m_pg.masked(!m_pg.password.isEmpty()))};
        QStringList missing;
        for (const QString &n : needles)
            if (!r.out.contains(n))
                missing << n;
        if (r.exitCode != 0 || !missing.isEmpty()) {
            *why = QStringLiteral("wharf load exited %1; missing in its output: [%2]\n%3")
                       .arg(r.exitCode)
                       .arg(missing.join(QStringLiteral("; ")), r.all());
            return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!testPg().isEmpty(), "WHARF_TEST_PG is not set: these tests need a PostgreSQL server, e.g. "
                                      "WHARF_TEST_PG=\"host=127.0.0.1 port=5432 dbname=wharf user=wharf "
                                      "password=wharf\"");
        QVERIFY(m_tmp.isValid());
        m_pg = PgServer::fromEnv();
        QVERIFY2(!m_pg.user.isEmpty(), "WHARF_TEST_PG must name the user");
        const ToolResult ping = psql(QStringLiteral("select 1"));
        QVERIFY2(ping.exitCode == 0 && ping.out.trimmed() == QLatin1String("1"),
                 qPrintable(QStringLiteral("psql cannot reach WHARF_TEST_PG: ") + ping.err));
        QVERIFY2(QFile::exists(qEnvironmentVariable("WHARF_BIN")), "WHARF_BIN does not name the built wharf binary");
        QVERIFY2(runTool(QStringLiteral("pg_dump"), {QStringLiteral("--version")}).exitCode == 0, "pg_dump is missing");
    }

    // 1. The append packages: exactly what compare_pg.py asserts, plus dlt's column order.
    void appendPackageDataMatchesDlt_data()
    {
        QTest::addColumn<QString>("package");
        QTest::addColumn<QString>("loadMethod");
        QTest::newRow("insert_values") << "gh_issues_insert_values" << QString();
        QTest::newRow("csv") << "gh_issues_csv" << QString();
        QTest::newRow("typed-jsonl") << "gh_issues_typed_jsonl" << QString();
        // insert_values run as dlt runs it: the file's INSERT statements, header lower-cased.
        QTest::newRow("insert_values, load_method=insert") << "gh_issues_insert_values"
                                                           << "insert";
    }
    void appendPackageDataMatchesDlt()
    {
        QFETCH(QString, package);
        QFETCH(QString, loadMethod);
        const QString dataset = datasetOf(package);
        QVERIFY2(plainName(dataset), qPrintable(dataset));
        QCOMPARE(readJson(dataPath(QStringLiteral("packages/%1/package_info.json").arg(package)))
                     .value(QStringLiteral("dataset_name"))
                     .toString(),
                 dataset);
        DatasetGuard guard(dataset);
        QString why;
        QVERIFY2(loadAppendPackage(package, dataset, &why, loadMethod), qPrintable(why));
        const QJsonObject schema =
            readJson(loadIdDir(dataPath(QStringLiteral("packages/") + package)) + QStringLiteral("/schema.json"));
        const Comparison c = compareDataWithDlt(package, dataset, schema);
        if (!c.ok) // the whole report: QtTest cuts long failure messages
            qWarning().noquote() << "\n" + c.report;
        QVERIFY2(c.ok, qPrintable(QStringLiteral("the dataset differs from dlt's, see the report above:\n") +
                                  c.report.section(QLatin1Char('\n'), -1)));
    }

    // 1b. The DDL equals dlt's: types, NOT NULL, UNIQUE constraints and their names.
    void appendPackageDdlMatchesDlt_data()
    {
        QTest::addColumn<QString>("package");
        QTest::addColumn<QString>("reference");
        QTest::newRow("insert_values") << "gh_issues_insert_values"
                                       << "gh_issues_insert_values";
        QTest::newRow("csv") << "gh_issues_csv"
                             << "gh_issues_csv";
        // expected/gh_issues_typed_jsonl/pg_dump_schema_only.sql is what dlt's *sqlalchemy*
        // destination created (text, varchar(128) row keys, no UNIQUE constraints): dlt's postgres
        // destination cannot load typed-jsonl at all. What dlt's postgres destination creates for
        // these tables (same columns, same order, same hints) is the insert_values dump.
        QTest::newRow("typed-jsonl") << "gh_issues_typed_jsonl"
                                     << "gh_issues_insert_values";
    }
    void appendPackageDdlMatchesDlt()
    {
        QFETCH(QString, package);
        QFETCH(QString, reference);
        const QString dataset = datasetOf(package);
        const QString referenceDataset = datasetOf(reference);
        QVERIFY2(plainName(dataset) && plainName(referenceDataset),
                 qPrintable(dataset + QLatin1Char(' ') + referenceDataset));
        if (reference != package) {
            // The substitute reference must describe the same columns in the same order.
            const auto a = describedColumns(package);
            const auto b = describedColumns(reference);
            QCOMPARE(a.size(), b.size());
            for (auto it = a.cbegin(); it != a.cend(); ++it)
                QCOMPARE(it.value(),
                         b.value(referenceDataset + QLatin1Char('.') + it.key().section(QLatin1Char('.'), 1)));
        }
        DatasetGuard guard(dataset);
        QString why;
        QVERIFY2(loadAppendPackage(package, dataset, &why), qPrintable(why));
        const ToolResult dump =
            runTool(QStringLiteral("pg_dump"), {QStringLiteral("--dbname=") + testPg(), QStringLiteral("--schema-only"),
                                                QStringLiteral("--no-owner"), QStringLiteral("--schema=") + dataset});
        QVERIFY2(dump.exitCode == 0, qPrintable(dump.err));
        QString want = QString::fromUtf8(readAll(expectedFile(reference, QStringLiteral("pg_dump_schema_only.sql"))));
        QVERIFY(!want.isEmpty());
        if (referenceDataset != dataset)
            want.replace(QRegularExpression(QStringLiteral("\\b%1\\b").arg(referenceDataset)), dataset);
        const QStringList wantDdl = normalisedDdl(want);
        const QStringList haveDdl = normalisedDdl(dump.out);
        QVERIFY2(wantDdl.size() > 20, "the reference DDL is empty");
        if (haveDdl != wantDdl) // the whole diff: QtTest cuts long failure messages
            qWarning().noquote() << "\nWharf's DDL differs from dlt's (- dlt, + Wharf):\n" + lineDiff(wantDdl, haveDdl);
        QVERIFY2(haveDdl == wantDdl, "Wharf's DDL differs from dlt's, see the diff above");
    }

    // 2a. replace (truncate-and-insert): step1, then step2 into the same dataset, each equal to
    // what dlt produced after the same step - step2's nested tables are replaced too.
    void replaceStepsMatchDlt()
    {
        const QString dataset = datasetOf(QStringLiteral("gh_issues_replace_step1"));
        QCOMPARE(datasetOf(QStringLiteral("gh_issues_replace_step2")), dataset);
        DatasetGuard guard(dataset);
        for (const char *step : {"gh_issues_replace_step1", "gh_issues_replace_step2"}) {
            const QString package = QLatin1String(step);
            QString why;
            QVERIFY2(loadAppendPackage(package, dataset, &why), qPrintable(why));
            const QJsonObject schema =
                readJson(loadIdDir(dataPath(QStringLiteral("packages/") + package)) + QStringLiteral("/schema.json"));
            const Comparison c = compareDataWithDlt(package, dataset, schema);
            if (!c.ok)
                qWarning().noquote() << "\n" + c.report;
            QVERIFY2(c.ok, qPrintable(package + QStringLiteral(" differs from dlt's result:\n") +
                                      c.report.section(QLatin1Char('\n'), -1)));
        }
    }

    // 2c. After two steps, the DDL of the dataset (and of its staging dataset) equals dlt's.
    void stepPackagesDdlMatchesDlt_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::newRow("replace") << "gh_issues_replace_step1"
                                 << "gh_issues_replace_step2";
        QTest::newRow("merge") << "gh_issues_merge_step1"
                               << "gh_issues_merge_step2";
    }
    void stepPackagesDdlMatchesDlt()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        const QString dataset = datasetOf(second);
        DatasetGuard guard(dataset);
        DatasetGuard stagingGuard(dataset + QStringLiteral("_staging"));
        QString why;
        QVERIFY2(loadAppendPackage(first, dataset, &why), qPrintable(why));
        QVERIFY2(loadAppendPackage(second, dataset, &why), qPrintable(why));
        QStringList args{QStringLiteral("--dbname=") + testPg(), QStringLiteral("--schema-only"),
                         QStringLiteral("--no-owner"), QStringLiteral("--schema=") + dataset};
        if (schemaExists(dataset + QStringLiteral("_staging")))
            args << QStringLiteral("--schema=") + dataset + QStringLiteral("_staging");
        const ToolResult dump = runTool(QStringLiteral("pg_dump"), args);
        QVERIFY2(dump.exitCode == 0, qPrintable(dump.err));
        const QString want =
            QString::fromUtf8(readAll(expectedFile(second, QStringLiteral("pg_dump_schema_only.sql"))));
        const QStringList wantDdl = normalisedDdl(want);
        const QStringList haveDdl = normalisedDdl(dump.out);
        QVERIFY2(wantDdl.size() > 20, "the reference DDL is empty");
        if (haveDdl != wantDdl)
            qWarning().noquote() << "\nWharf's DDL differs from dlt's (- dlt, + Wharf):\n" + lineDiff(wantDdl, haveDdl);
        QVERIFY2(haveDdl == wantDdl, "Wharf's DDL differs from dlt's, see the diff above");
    }

    // 2b. merge (delete-insert through <dataset>_staging): step1, then step2 (12 changed issues,
    // fewer labels, a new column), each equal to dlt's result - staging tables included.
    void mergeStepsMatchDlt()
    {
        const QString dataset = datasetOf(QStringLiteral("gh_issues_merge_step1"));
        QCOMPARE(datasetOf(QStringLiteral("gh_issues_merge_step2")), dataset);
        DatasetGuard guard(dataset);
        DatasetGuard stagingGuard(dataset + QStringLiteral("_staging"));
        for (const char *step : {"gh_issues_merge_step1", "gh_issues_merge_step2"}) {
            const QString package = QLatin1String(step);
            QString why;
            QVERIFY2(loadAppendPackage(package, dataset, &why), qPrintable(why));
            const QJsonObject schema =
                readJson(loadIdDir(dataPath(QStringLiteral("packages/") + package)) + QStringLiteral("/schema.json"));
            const Comparison c = compareDataWithDlt(package, dataset, schema);
            if (!c.ok)
                qWarning().noquote() << "\n" + c.report;
            QVERIFY2(c.ok, qPrintable(package + QStringLiteral(" differs from dlt's result:\n") +
                                      c.report.section(QLatin1Char('\n'), -1)));
        }
    }

    // 3a. A wrong password: a configuration error (exit 2) that never shows the password.
    void wrongPasswordIsAConfigError_data()
    {
        QTest::addColumn<bool>("realServer");
        QTest::addColumn<QString>("password");
        QTest::newRow("server asking for a password") << false << "Wrong-Pw-7f3a9c";
        QTest::newRow("password that needs URL encoding") << false << "Wr0ng:p@ss/w%rd 7f3a9c";
        // The test server itself, when its pg_hba checks passwords (a trust pg_hba accepts any).
        const ToolResult probe =
            psql(QStringLiteral("select 1"), m_pg.conninfoWithPassword(QStringLiteral("Wrong-Pw-7f3a9c")));
        if (probe.exitCode != 0 && probe.err.contains(QLatin1String("password")))
            QTest::newRow("WHARF_TEST_PG server") << true << "Wrong-Pw-7f3a9c";
        else
            qInfo("WHARF_TEST_PG's server accepts any password (trust pg_hba): the wrong password "
                  "is checked "
                  "against a server that asks for one and rejects it as PostgreSQL does");
    }
    void wrongPasswordIsAConfigError()
    {
        QFETCH(bool, realServer);
        QFETCH(QString, password);
        RejectingPgServer fake;
        QVERIFY(fake.isListening());
        const int port = realServer ? m_pg.port : fake.port();
        const QString host = realServer ? m_pg.host : QStringLiteral("127.0.0.1");
        const QString dataset = QStringLiteral("wharf_pgit_wrong_password");
        DatasetGuard guard(dataset);

        const QString work = fresh(QStringLiteral("wrong_password"));
        const QString root = copyPackage(work, QStringLiteral("gh_issues_insert_values"));
        QVERIFY(!root.isEmpty());
        const QString url = m_pg.url(password, port, host);
        QVERIFY(url.contains(QString::fromUtf8(QUrl::toPercentEncoding(password))));
        const CliResult r = runWharf({QStringLiteral("load"), root, QStringLiteral("--destination"),
                                      QStringLiteral("postgres"), QStringLiteral("--dataset"), dataset},
                                     work, pgEnv(url));
        QVERIFY2(r.exitCode == 2, qPrintable(QStringLiteral("exit %1\n%2").arg(r.exitCode).arg(r.all())));
        QVERIFY2(r.all().contains(QLatin1String("password")) || r.all().contains(QLatin1String("authentication")),
                 qPrintable(r.all()));
        // Never the password, in any spelling.
        for (const QString &secret :
             {password, QString::fromUtf8(QUrl::toPercentEncoding(password)), QStringLiteral("7f3a9c")})
            QVERIFY2(!r.all().contains(secret), qPrintable(QStringLiteral("the password leaked:\n") + r.all()));
        const QString masked = m_pg.masked(true, port, host);
        QVERIFY2(r.all().contains(masked), qPrintable(QStringLiteral("'%1' not in:\n%2").arg(masked, r.all())));
        if (!realServer) // wharf really sent the password it was given, decoded
            QVERIFY2(fake.passwordsReceived().contains(password),
                     qPrintable(fake.passwordsReceived().join(QStringLiteral(", "))));
        QVERIFY(!schemaExists(dataset));
        // Nothing was started: the package can be loaded once the password is fixed.
        const QString pkg = loadIdDir(root);
        QCOMPARE(filesIn(pkg + QStringLiteral("/new_jobs")).size(), 4);
        QVERIFY(!QFile::exists(pkg + QStringLiteral("/package_completed.json")));
    }

    // 3b. Nobody listening: a transient "cannot connect" once the outage budget is spent (1 s
    // here; 120 s by default), and the package stays pending.
    void unreachableServerIsTransient()
    {
        const QString work = fresh(QStringLiteral("unreachable"));
        const QString root = copyPackage(work, QStringLiteral("gh_issues_insert_values"));
        QVERIFY(!root.isEmpty());
        QMap<QString, QString> env = pgEnv(m_pg.url(std::nullopt, 1, QStringLiteral("127.0.0.1")));
        env.insert(QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS__CONNECT_TIMEOUT"), QStringLiteral("3"));
        env.insert(QStringLiteral("LOAD__CONNECTION_OUTAGE_TIMEOUT_S"), QStringLiteral("1"));
        QElapsedTimer timer;
        timer.start();
        const CliResult r = load(root, work, env);
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(r.exitCode == 1, qPrintable(QStringLiteral("exit %1\n%2").arg(r.exitCode).arg(r.all())));
        QVERIFY2(elapsed < 15000, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
        QVERIFY2(r.all().contains(QLatin1String("cannot connect")), qPrintable(r.all()));
        const QString masked = m_pg.masked(!m_pg.password.isEmpty(), 1, QStringLiteral("127.0.0.1"));
        QVERIFY2(r.all().contains(masked), qPrintable(QStringLiteral("'%1' not in:\n%2").arg(masked, r.all())));
        QVERIFY2(r.out.contains(QLatin1String("NOT YET LOADED")), qPrintable(r.out));
        // Transient: no job failed, the package is still pending.
        const QString pkg = loadIdDir(root);
        QCOMPARE(filesIn(pkg + QStringLiteral("/new_jobs")).size(), 4);
        QVERIFY(filesIn(pkg + QStringLiteral("/failed_jobs")).isEmpty());
        QVERIFY(!QFile::exists(pkg + QStringLiteral("/package_completed.json")));
    }

    // 3b'. The server refuses a startup parameter (libpq's options=-c ... in the URL): the
    // user's to fix, so the load stops at once with a config error, naming it, instead of
    // waiting out the outage budget (120 s by default) as for a lost server.
    void refusedStartupParameterIsConfig()
    {
        const QString work = fresh(QStringLiteral("refused_parameter"));
        const QString root = copyPackage(work, QStringLiteral("gh_issues_insert_values"));
        QVERIFY(!root.isEmpty());
        const QString url = m_pg.url() + QStringLiteral("?options=-c%20log_min_duration_statement%3D0");
        QElapsedTimer timer;
        timer.start();
        const CliResult r = load(root, work, pgEnv(url));
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(r.exitCode == 2, qPrintable(QStringLiteral("exit %1\n%2").arg(r.exitCode).arg(r.all())));
        QVERIFY2(elapsed < 15000, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
        QVERIFY2(r.all().contains(QLatin1String("log_min_duration_statement")), qPrintable(r.all()));
        QVERIFY2(!r.all().contains(QLatin1String("trying again")), qPrintable(r.all()));
        // Nothing was started: the package loads once the URL is fixed.
        const QString pkg = loadIdDir(root);
        QCOMPARE(filesIn(pkg + QStringLiteral("/new_jobs")).size(), 4);
        QVERIFY(filesIn(pkg + QStringLiteral("/failed_jobs")).isEmpty());
    }

    // 3c. A NULL in a NOT NULL column: the job fails terminally (SQLSTATE 23502), alone.
    void notNullViolationFailsTheJob()
    {
        const QString package = QStringLiteral("gh_issues_insert_values");
        const QString dataset = datasetOf(package);
        DatasetGuard guard(dataset);
        const QString work = fresh(QStringLiteral("not_null"));
        const QString root = copyPackage(work, package);
        QVERIFY(!root.isEmpty());
        const QString jobs = loadIdDir(root) + QStringLiteral("/new_jobs/");
        const QString gz = jobs + QStringLiteral("issues__labels.c26f8c1531.0.insert_values.gz");
        const QString jobName = QStringLiteral("issues__labels.c26f8c1531.0.insert_values");
        QList<QByteArray> lines = gunzipFile(gz).split('\n');
        QVERIFY(lines.size() > 3);
        QCOMPARE(lines[1], QByteArray("VALUES"));
        QVERIFY(lines[0].endsWith(",\"_dlt_id\")")); // _dlt_id is the last value of each row
        // First row: its last literal (the _dlt_id) becomes NULL.
        static const QRegularExpression lastLiteral(QStringLiteral(",E'[^']*'\\),$"));
        const QString row = QString::fromUtf8(lines[2]);
        QVERIFY2(lastLiteral.match(row).hasMatch(), lines[2].constData());
        lines[2] = QString(row).replace(lastLiteral, QStringLiteral(",NULL),")).toUtf8();
        QVERIFY(writeAll(jobs + jobName, lines.join('\n')));
        QVERIFY(QFile::remove(gz));

        const CliResult r = load(root, work, pgEnv(m_pg.url()));
        QVERIFY2(r.exitCode == 1, qPrintable(QStringLiteral("exit %1\n%2").arg(r.exitCode).arg(r.all())));
        QVERIFY2(r.out.contains(QLatin1String("is ABORTED and contains 1 FAILED job(s)!")), qPrintable(r.all()));
        QVERIFY2(r.out.contains(jobName), qPrintable(r.all()));
        QVERIFY2(r.all().contains(QLatin1String("23502")), qPrintable(r.all()));
        const QString pkg = loadIdDir(root);
        QVERIFY(QFile::exists(pkg + QStringLiteral("/failed_jobs/") + jobName));
        const QByteArray exception =
            readAll(pkg + QStringLiteral("/failed_jobs/") + jobName + QStringLiteral(".exception"));
        QVERIFY2(exception.contains("23502"), exception.constData());
        QCOMPARE(filesIn(pkg + QStringLiteral("/completed_jobs")).size(), 3);
        // Nothing of the failed job is committed; the other jobs are.
        QCOMPARE(rowCount(dataset, QStringLiteral("issues__labels")), QStringLiteral("0"));
        QCOMPARE(rowCount(dataset, QStringLiteral("issues")), QStringLiteral("100"));
        QCOMPARE(rowCount(dataset, QStringLiteral("issues__assignees")), QStringLiteral("31"));
        QCOMPARE(rowCount(dataset, QStringLiteral("_dlt_pipeline_state")), QStringLiteral("1"));
        QCOMPARE(rowCount(dataset, QStringLiteral("_dlt_loads")),
                 QStringLiteral("0")); // an aborted package is not a load
    }

    // 3d. Identifiers and literals that break hand-built SQL.
    void hostileIdentifiersAndLiterals_data()
    {
        QTest::addColumn<QString>("loadMethod");
        QTest::newRow("copy (default)") << QString();
        // the file's INSERT statements, as dlt runs them
        QTest::newRow("load_method=insert") << "insert";
    }
    void hostileIdentifiersAndLiterals()
    {
        QFETCH(QString, loadMethod);
        QCOMPARE(kLongTable.size(), 63);
        QCOMPARE(kLongColumn.size(), 63);
        const QString dataset = kHostileDataset;
        DatasetGuard guard(dataset);
        // The dataset exists already and holds a table `x`, the target of every injection attempt.
        const ToolResult setup = psql(QStringLiteral("CREATE SCHEMA %1; CREATE TABLE %1.x (keep int); "
                                                     "INSERT INTO %1.x VALUES (42)")
                                          .arg(quoteIdent(dataset)));
        QVERIFY2(setup.exitCode == 0, qPrintable(setup.err));

        const QString work = fresh(QStringLiteral("hostile"));
        const QString root = copyPackage(work, QStringLiteral("hostile"));
        QVERIFY(!root.isEmpty());
        const QJsonObject schemaTables =
            readJson(loadIdDir(root) + QStringLiteral("/schema.json")).value(QStringLiteral("tables")).toObject();
        QVERIFY2(schemaTables.contains(kHostileTable) && schemaTables.contains(kLongTable),
                 qPrintable(schemaTables.keys().join(QStringLiteral(" | "))));

        QMap<QString, QString> env = pgEnv(m_pg.url());
        if (!loadMethod.isEmpty())
            env.insert(QStringLiteral("DESTINATION__POSTGRES__LOAD_METHOD"), loadMethod);
        const CliResult r = load(root, work, env);
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2").arg(r.exitCode).arg(r.all())));
        QVERIFY2(r.out.contains(QLatin1String("is LOADED and contains no failed jobs")), qPrintable(r.out));

        // Exactly these tables: `x` survived, nothing else was created.
        QStringList want{QStringLiteral("_dlt_loads"), QStringLiteral("_dlt_version"), kHostileTableInCatalog,
                         kLongTable, QStringLiteral("x")};
        std::sort(want.begin(), want.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
        QCOMPARE(catalogTables(dataset), want);
        QCOMPARE(psqlValue(QStringLiteral("select string_agg(keep::text, ',') from %1.x").arg(quoteIdent(dataset))),
                 QStringLiteral("42"));
        QCOMPARE(psqlValue(QStringLiteral("select count(*) from information_schema.tables where table_schema <> %1 and "
                                          "(table_name ilike '%drop table%' or table_schema ilike '%drop table%')")
                               .arg(textExpr(dataset))),
                 QStringLiteral("0"));

        // Columns with exactly those names (lower-cased, backslash doubled), types and nullability.
        const auto columnsOf = [&](const QString &table) {
            QStringList out;
            for (const QString &line : psqlLines(QStringLiteral("select encode(convert_to(column_name, 'UTF8'), 'hex') "
                                                                "|| '|' || data_type || "
                                                                "'|' || is_nullable from information_schema.columns "
                                                                "where table_schema = %1 "
                                                                "and table_name = %2 order by ordinal_position")
                                                     .arg(textExpr(dataset), textExpr(table))))
                out << (line.startsWith(QLatin1Char('<')) ? line
                                                          : fromHex(line.section(QLatin1Char('|'), 0, 0)) +
                                                                QLatin1Char('|') + line.section(QLatin1Char('|'), 1));
            return out;
        };
        QStringList wantColumns;
        for (const auto &c : hostileColumnsInCatalog())
            wantColumns << QStringLiteral("%1|%2|%3")
                               .arg(c.name, c.type, c.nullable ? QStringLiteral("YES") : QStringLiteral("NO"));
        QCOMPARE(columnsOf(kHostileTableInCatalog), wantColumns);
        QCOMPARE(columnsOf(kLongTable), QStringList({QStringLiteral("val|character varying|YES"),
                                                     QStringLiteral("_dlt_load_id|character varying|NO"),
                                                     QStringLiteral("_dlt_id|character varying|NO")}));
        // The row key is UNIQUE in both tables, as dlt creates it.
        for (const QString &t : {kHostileTableInCatalog, kLongTable})
            QCOMPARE(psqlValue(QStringLiteral("select count(*) from pg_constraint where contype = 'u' and conrelid = "
                                              "to_regclass(%1)")
                                   .arg(textExpr(quoteIdent(dataset) + QLatin1Char('.') + quoteIdent(t)))),
                     QStringLiteral("1"));

        // Values round-trip exactly, through insert_values and jsonl alike.
        QStringList valueColumns;
        const auto catalogColumns = hostileColumnsInCatalog();
        for (qsizetype k = 0; k < 7; ++k)
            valueColumns << catalogColumns[k].name;
        QList<QList<Value>> wantRows;
        for (const char *prefix : {"hostile_iv_", "hostile_js_"}) {
            int k = 0;
            for (const auto &row : hostileRows())
                wantRows << (QList<Value>{QString::fromLatin1(prefix) + QString::number(++k)} + row);
        }
        const QList<QList<Value>> haveRows = fetchRows(dataset, kHostileTableInCatalog, valueColumns);
        QStringList diffs;
        for (qsizetype k = 0; k < std::max(wantRows.size(), haveRows.size()); ++k) {
            const QList<Value> w = wantRows.value(k), h = haveRows.value(k);
            for (qsizetype c = 0; c < std::max(w.size(), h.size()); ++c)
                if (w.value(c) != h.value(c))
                    diffs << QStringLiteral("row %1 (%2), column %3: have %4, want %5")
                                 .arg(k)
                                 .arg(show(w.value(0)))
                                 .arg(c == 0 ? QStringLiteral("_dlt_id") : valueColumns.value(c - 1))
                                 .arg(show(h.value(c)), show(w.value(c)));
        }
        if (!diffs.isEmpty())
            qWarning().noquote() << "\n" + diffs.join(QLatin1Char('\n'));
        QVERIFY2(diffs.isEmpty(),
                 qPrintable(QStringLiteral("%1 value(s) differ, first: ").arg(diffs.size()) + diffs.value(0)));
        const QList<QList<Value>> longRows = fetchRows(dataset, kLongTable, {QStringLiteral("val")});
        QStringList longShown;
        for (const auto &row : longRows)
            for (const Value &v : row)
                longShown << show(v);
        QCOMPARE(longShown.join(QLatin1Char(' ')),
                 QStringLiteral(R"('long_table_1' 'B's "value" \\ end' 'long_table_2' NULL)"));
        QCOMPARE(psqlValue(QStringLiteral("select load_id || '|' || schema_name || '|' || status from %1._dlt_loads")
                               .arg(quoteIdent(dataset))),
                 kHostileLoadId + QStringLiteral("|hostile|0"));
    }
};

QTEST_GUILESS_MAIN(tst_PgCliLoad)
#include "tst_PgCliLoad.moc"
