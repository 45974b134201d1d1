// Exports a loaded SQLite table with `wharf export` beside the sqlite3 shell's own CSV output
// of the same table, in one run, and prints rows/s, peak RSS and the ratio: the export reads page
// by page, so its memory stays flat as the table grows. Not a test: see docs/BENCHMARKS.md.
//
//   build/bench/wharf_bench_export [--rows 100000,1000000] [--work DIR] [--wharf PATH] [--sqlite3 PATH]
#include "BenchData.h"
#include "ChildProcess.h"
#include "SqliteBenchArgs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cstdio>

using namespace wharf::bench;

namespace {

void printRow(const char *what, qint64 rows, const ChildRun &run, qint64 bytes, double baseline)
{
    const double rps = run.seconds > 0 ? double(rows) / run.seconds : 0;
    std::printf("%-28s %10lld %9.2f %12.0f %9.1f %10.1f %8s\n", what, (long long)rows, run.seconds, rps,
                double(run.peakRssKb) / 1024.0, double(bytes) / 1048576.0,
                baseline > 0 ? QString::asprintf("%.2fx", rps / baseline).toUtf8().constData() : "-");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const SqliteBenchArgs args =
        parseSqliteBenchArgs(app, QStringLiteral("wharf export vs the sqlite3 shell's CSV output on the same table"));
    const QString &work = args.work;
    const QString &log = args.log;
    std::printf("Wharf export benchmark (scratch: %s, child output in %s)\n", work.toUtf8().constData(),
                log.toUtf8().constData());
    std::printf("%-28s %10s %9s %12s %9s %10s %8s\n", "export", "rows", "seconds", "rows/s", "peak MB", "file MB",
                "vs sqlite3");
    int failures = 0;
    for (const qint64 rows : args.rows) {
        const QString root = QDir(work).filePath(QStringLiteral("pkg_%1").arg(rows));
        writePackage(root, rows, QStringLiteral("csv"), false);
        const QString db = QDir(work).filePath(QStringLiteral("export_%1.db").arg(rows));
        const QMap<QString, QString> env{
            {QStringLiteral("DESTINATION__SQLITE__CREDENTIALS"), QStringLiteral("sqlite:///") + db}};
        const ChildRun load = runChild(args.wharf, {QStringLiteral("load"), root}, env, log);
        if (load.exitCode != 0) {
            std::printf("loading %lld rows failed; see %s\n", (long long)rows, log.toUtf8().constData());
            ++failures;
            continue;
        }
        const QString dataset = QDir(work).filePath(QStringLiteral("export_%1__bench.db").arg(rows));
        const QString baseFile = QDir(work).filePath(QStringLiteral("sqlite3_%1.csv").arg(rows));
        const ChildRun base =
            runChild(args.sqlite3,
                     {dataset, QStringLiteral(".headers on"), QStringLiteral(".mode csv"),
                      QStringLiteral(".output %1").arg(baseFile), QStringLiteral("SELECT * FROM bench_rows;")},
                     {}, log);
        failures += base.exitCode != 0;
        const double baseline = base.seconds > 0 ? double(rows) / base.seconds : 0;
        printRow("sqlite3 -csv (shell)", rows, base, QFileInfo(baseFile).size(), 0);
        for (const char *format : {"csv", "jsonl"}) {
            const QString out = QDir(work).filePath(QStringLiteral("wharf_%1.%2").arg(rows).arg(QLatin1String(format)));
            const ChildRun r =
                runChild(args.wharf,
                         {QStringLiteral("export"), QStringLiteral("--dataset"), QStringLiteral("bench"),
                          QStringLiteral("--table"), QStringLiteral("bench_rows"), QStringLiteral("-o"), out},
                         env, log);
            failures += r.exitCode != 0;
            printRow(qPrintable(QStringLiteral("wharf export %1").arg(QLatin1String(format))), rows, r,
                     QFileInfo(out).size(), baseline);
            QFile::remove(out);
        }
        QFile::remove(baseFile);
        QDir(root).removeRecursively();
    }
    if (failures)
        std::printf("%d run(s) failed; see %s\n", failures, log.toUtf8().constData());
    return failures ? 1 : 0;
}
