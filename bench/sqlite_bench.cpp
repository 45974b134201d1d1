// Compares Wharf's SQLite loading with the sqlite3 shell's `.import` on the same data, in one
// run, and prints rows/s, peak RSS and the ratio. Not a test: see docs/BENCHMARKS.md.
//
//   build/bench/wharf_bench_sqlite [--rows 100000,1000000] [--work DIR] [--wharf PATH] [--sqlite3 PATH]
#include "BenchData.h"
#include "ChildProcess.h"
#include "SqliteBenchArgs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
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
    std::printf("%-34s %10lld %9.2f %12.0f %9.1f %8s\n", r.what.toUtf8().constData(), (long long)r.rows, r.run.seconds,
                rps, double(r.run.peakRssKb) / 1024.0,
                baseline > 0 ? QString::asprintf("%.2fx", rps / baseline).toUtf8().constData() : "-");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const SqliteBenchArgs args = parseSqliteBenchArgs(app, QStringLiteral("Wharf vs sqlite3 .import on the same rows"));
    const QString &work = args.work;
    const QString &log = args.log;
    std::printf("Wharf SQLite benchmark (scratch: %s, child output in %s)\n", work.toUtf8().constData(),
                log.toUtf8().constData());
    std::printf("%-34s %10s %9s %12s %9s %8s\n", "load", "rows", "seconds", "rows/s", "peak MB", "vs .import");
    int failures = 0;
    for (const qint64 rows : args.rows) {
        // Baseline: the sqlite3 shell importing the plain CSV into a fresh file, one transaction.
        const QString csv = QDir(work).filePath(QStringLiteral("bench_%1.csv").arg(rows));
        writePlainCsv(csv, rows);
        const QString importDb = QDir(work).filePath(QStringLiteral("import_%1.db").arg(rows));
        QFile::remove(importDb);
        Result base{
            QStringLiteral("sqlite3 .import (csv)"), rows,
            runChild(args.sqlite3,
                     {importDb, createTableSql(), QStringLiteral(".import --csv --skip 1 %1 bench_rows").arg(csv)}, {},
                     log)};
        failures += base.run.exitCode != 0;
        const double baseline = base.run.seconds > 0 ? double(rows) / base.run.seconds : 0;
        printRow(base, 0);

        struct Variant {
            const char *label;
            const char *format;
            bool gzip;
        };
        for (const Variant &v : {Variant{"wharf load csv", "csv", false}, Variant{"wharf load csv.gz", "csv", true},
                                 Variant{"wharf load insert_values", "insert_values", false},
                                 Variant{"wharf load insert_values.gz", "insert_values", true}}) {
            const QString root =
                QDir(work).filePath(QStringLiteral("pkg_%1_%2%3").arg(rows).arg(v.format).arg(v.gzip ? "_gz" : ""));
            writePackage(root, rows, QLatin1String(v.format), v.gzip);
            const QString db = QDir(work).filePath(
                QStringLiteral("wharf_%1_%2%3.db").arg(rows).arg(v.format).arg(v.gzip ? "_gz" : ""));
            for (const QString &f : QDir(work).entryList({QFileInfo(db).completeBaseName() + QStringLiteral("*")}))
                QFile::remove(QDir(work).filePath(f));
            Result r{QLatin1String(v.label), rows,
                     runChild(args.wharf, {QStringLiteral("load"), root},
                              {{QStringLiteral("DESTINATION__SQLITE__CREDENTIALS"), QStringLiteral("sqlite:///") + db}},
                              log)};
            failures += r.run.exitCode != 0;
            printRow(r, baseline);
            QDir(root).removeRecursively();
        }
        QFile::remove(csv);
    }
    if (failures)
        std::printf("%d run(s) failed; see %s\n", failures, log.toUtf8().constData());
    return failures ? 1 : 0;
}
