// Compares Wharf's MySQL / MariaDB loading with the `mariadb` client's LOAD DATA LOCAL INFILE of
// the same rows as CSV into the same DDL, in one run, and prints rows/s, the client's peak RSS
// and CPU, and the ratio. Not a test: see docs/BENCHMARKS.md.
//
//   build/bench/wharf_bench_mysql --url mysql://user:pass@127.0.0.1:3306/db [--rows 100000,1000000]
//                                 [--work DIR] [--wharf PATH] [--client mariadb]
// Without --url it reads WHARF_TEST_MYSQL (scripts/mariadb-test-server.sh exports it).
#include "BenchData.h"
#include "ChildProcess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QUrl>
#include <cstdio>

using namespace wharf::bench;

namespace {

struct Result {
    QString what;
    qint64 rows;
    ChildRun run;
};

void printRow(const Result &r, double baseline)
{
    const double rps = r.run.seconds > 0 ? double(r.rows) / r.run.seconds : 0;
    std::printf("%-30s %9lld %8.2f %11.0f %8.1f %8.2f %10s\n", r.what.toUtf8().constData(), (long long)r.rows,
                r.run.seconds, rps, double(r.run.peakRssKb) / 1024.0, r.run.cpuSeconds,
                baseline > 0 ? QString::asprintf("%.2fx", rps / baseline).toUtf8().constData() : "-");
}

// The table as Wharf creates it from the benchmark package's schema (dlt's MySQL types).
QString createTableSql(const QString &database)
{
    return QStringLiteral("CREATE DATABASE `%1` CHARACTER SET utf8mb4; CREATE TABLE `%1`.bench_rows (id BIGINT NOT "
                          "NULL, name TEXT, amount DOUBLE, flag BOOL, created_at DATETIME(6), price NUMERIC(38, 9), "
                          "payload JSON, note TEXT, _dlt_load_id TEXT NOT NULL, _dlt_id VARCHAR(128) NOT NULL)")
        .arg(database);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Wharf vs the mariadb client's LOAD DATA LOCAL INFILE on the same rows"));
    p.addHelpOption();
    QCommandLineOption urlOpt(QStringLiteral("url"), QStringLiteral("server (mysql:// URL)"), QStringLiteral("URL"),
                              qEnvironmentVariable("WHARF_TEST_MYSQL"));
    QCommandLineOption rowsOpt(QStringLiteral("rows"), QStringLiteral("row counts, comma separated"),
                               QStringLiteral("N[,N]"), QStringLiteral("100000,1000000"));
    QCommandLineOption workOpt(QStringLiteral("work"), QStringLiteral("scratch folder"), QStringLiteral("DIR"));
    QCommandLineOption wharfOpt(QStringLiteral("wharf"), QStringLiteral("wharf binary"), QStringLiteral("PATH"),
                                QStringLiteral(WHARF_DEFAULT_BIN));
    QCommandLineOption clientOpt(QStringLiteral("client"), QStringLiteral("mariadb (or mysql) client"),
                                 QStringLiteral("PATH"), QStringLiteral("mariadb"));
    p.addOptions({urlOpt, rowsOpt, workOpt, wharfOpt, clientOpt});
    p.process(app);
    const QUrl url(p.value(urlOpt));
    if (!url.isValid() || url.host().isEmpty()) {
        std::fprintf(stderr, "give the server with --url mysql://user:pass@host:port/db (or WHARF_TEST_MYSQL)\n");
        return 2;
    }
    const QStringList login{QStringLiteral("--no-defaults"),
                            QStringLiteral("--host=") + url.host(),
                            QStringLiteral("--port=%1").arg(url.port(3306)),
                            QStringLiteral("--user=") + url.userName(),
                            QStringLiteral("--password=") + url.password(),
                            QStringLiteral("--local-infile=1")};

    QTemporaryDir tmp;
    const QString work = p.isSet(workOpt) ? p.value(workOpt) : tmp.path();
    QDir().mkpath(work);
    const QString log = QDir(work).filePath(QStringLiteral("bench.log"));
    const auto sql = [&](const QString &statements) {
        return runChild(p.value(clientOpt), login + QStringList{QStringLiteral("-e"), statements}, {}, log);
    };
    std::printf("Wharf MySQL/MariaDB benchmark (scratch: %s, child output in %s)\n", work.toUtf8().constData(),
                log.toUtf8().constData());
    std::printf("%-30s %9s %8s %11s %8s %8s %10s\n", "load", "rows", "seconds", "rows/s", "peak MB", "CPU s",
                "vs client");
    int failures = 0;
    for (const QString &n : p.value(rowsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qint64 rows = n.toLongLong();
        // Baseline: the client streaming the plain CSV into the same DDL, one statement; the
        // conversions Wharf does (booleans, ISO timestamps, empty = NULL) in its SET clause.
        const QString csv = QDir(work).filePath(QStringLiteral("bench_%1.csv").arg(rows));
        writePlainCsv(csv, rows);
        const QString base = QStringLiteral("bench_client_%1").arg(rows);
        sql(QStringLiteral("DROP DATABASE IF EXISTS `%1`; ").arg(base) + createTableSql(base));
        const QString load =
            QStringLiteral("SET sql_mode = 'STRICT_ALL_TABLES'; LOAD DATA LOCAL INFILE '%1' INTO TABLE `%2`.bench_rows "
                           "CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' "
                           "LINES TERMINATED BY '\\n' IGNORE 1 LINES (id, name, amount, @flag, @ts, price, payload, "
                           "@note, _dlt_load_id, _dlt_id) SET flag = (@flag = 'True'), created_at = "
                           "STR_TO_DATE(LEFT(@ts, 26), '%Y-%m-%dT%H:%i:%s.%f'), note = NULLIF(@note, '')")
                .arg(csv, base);
        Result client{QStringLiteral("mariadb LOAD DATA LOCAL (csv)"), rows, sql(load)};
        failures += client.run.exitCode != 0;
        const double baseline = client.run.seconds > 0 ? double(rows) / client.run.seconds : 0;
        printRow(client, 0);
        sql(QStringLiteral("DROP DATABASE IF EXISTS `%1`").arg(base));

        struct Variant {
            const char *label;
            const char *format;
            bool gzip;
        };
        for (const Variant &v : {Variant{"wharf load csv", "csv", false}, Variant{"wharf load csv.gz", "csv", true},
                                 Variant{"wharf load insert_values.gz", "insert_values", true},
                                 Variant{"wharf load jsonl.gz", "jsonl", true}}) {
            const QString root =
                QDir(work).filePath(QStringLiteral("pkg_%1_%2%3").arg(rows).arg(v.format).arg(v.gzip ? "_gz" : ""));
            writePackage(root, rows, QLatin1String(v.format), v.gzip);
            const QString dataset = QStringLiteral("bench_wharf_%1_%2").arg(rows).arg(v.format);
            sql(QStringLiteral("DROP DATABASE IF EXISTS `%1`; DROP DATABASE IF EXISTS `%1_staging`").arg(dataset));
            Result r{QLatin1String(v.label), rows,
                     runChild(p.value(wharfOpt),
                              {QStringLiteral("load"), root, QStringLiteral("--destination"), QStringLiteral("mysql"),
                               QStringLiteral("--dataset"), dataset},
                              {{QStringLiteral("DESTINATION__MYSQL__CREDENTIALS"), url.toString()}}, log)};
            failures += r.run.exitCode != 0;
            printRow(r, baseline);
            sql(QStringLiteral("DROP DATABASE IF EXISTS `%1`").arg(dataset));
            QDir(root).removeRecursively();
        }
        QFile::remove(csv);
    }
    if (failures)
        std::printf("%d run(s) failed; see %s\n", failures, log.toUtf8().constData());
    return failures ? 1 : 0;
}
