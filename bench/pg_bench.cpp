// Compares Wharf's PostgreSQL loading with `psql \copy` of the same rows on one server (and,
// when asked, with dlt's own load step), in one run, and prints rows/s, peak RSS, the client's
// and the server's CPU and the ratios. Not a test: see docs/BENCHMARKS.md.
//
//   build/bench/wharf_bench_postgres [--conninfo "host=... port=... dbname=... user=... password=..."]
//       [--rows 100000,1000000] [--repeat 5] [--cases wide,formats] [--insert-method] [--work DIR]
//       [--wharf PATH] [--psql PATH] [--keep]
//
// The conninfo defaults to the WHARF_TEST_PG environment variable; WHARF_BENCH_DLT, when set, is
// the command that runs dlt's load step on a package (e.g. "python3 scripts/dlt-load-package.py",
// with dlt importable). Every load goes into a fresh schema that is dropped right after it.
#include "PgBenchCases.h"
#include "PgBenchSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace wharf::bench::pg;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Wharf vs psql \\copy (and dlt) on the same rows, one PostgreSQL "
                                               "server"));
    p.addHelpOption();
    QCommandLineOption connOpt(QStringLiteral("conninfo"),
                               QStringLiteral("libpq connection string or postgresql:// URI (default: $WHARF_TEST_PG)"),
                               QStringLiteral("CONNINFO"), qEnvironmentVariable("WHARF_TEST_PG"));
    QCommandLineOption rowsOpt(QStringLiteral("rows"), QStringLiteral("row counts, comma separated"),
                               QStringLiteral("N[,N]"), QStringLiteral("100000,1000000"));
    QCommandLineOption repeatOpt(QStringLiteral("repeat"),
                                 QStringLiteral("loads of each variant; the table shows the median time and the "
                                                "largest peak RSS"),
                                 QStringLiteral("K"), QStringLiteral("1"));
    QCommandLineOption casesOpt(QStringLiteral("cases"),
                                QStringLiteral("wide (the real-shape table, 1 and 100 jobs, new and existing) and/or "
                                               "formats (every file format)"),
                                QStringLiteral("LIST"), QStringLiteral("wide,formats"));
    QCommandLineOption workOpt(QStringLiteral("work"), QStringLiteral("scratch folder"), QStringLiteral("DIR"));
    QCommandLineOption wharfOpt(QStringLiteral("wharf"), QStringLiteral("wharf binary"), QStringLiteral("PATH"),
                                QStringLiteral(WHARF_DEFAULT_BIN));
    QCommandLineOption psqlOpt(QStringLiteral("psql"), QStringLiteral("psql binary"), QStringLiteral("PATH"),
                               QStringLiteral("psql"));
    QCommandLineOption insertOpt(QStringLiteral("insert-method"),
                                 QStringLiteral("formats: also load insert_values.gz with load_method = \"insert\""));
    QCommandLineOption keepOpt(QStringLiteral("keep"),
                               QStringLiteral("keep the generated packages and CSV in the scratch folder (for "
                                              "profiling a single `wharf load`)"));
    p.addOptions({connOpt, rowsOpt, repeatOpt, casesOpt, workOpt, wharfOpt, psqlOpt, insertOpt, keepOpt});
    p.process(app);

    Settings s;
    s.psql = p.value(psqlOpt);
    s.wharf = p.value(wharfOpt);
    s.conninfo = p.value(connOpt);
    s.keep = p.isSet(keepOpt);
    s.repeat = std::max(1, p.value(repeatOpt).toInt());
    if (s.conninfo.isEmpty()) {
        std::fprintf(stderr, "no server: pass --conninfo or set WHARF_TEST_PG\n");
        return 2;
    }
    QString error;
    s.url = credentialsUrl(s.conninfo, error);
    if (s.url.isEmpty()) {
        std::fprintf(stderr, "%s\n", error.toUtf8().constData());
        return 2;
    }
    QTemporaryDir tmp;
    s.work = p.isSet(workOpt) ? QDir(p.value(workOpt)).absolutePath() : tmp.path();
    QDir().mkpath(s.work);
    s.log = QDir(s.work).filePath(QStringLiteral("bench.log"));
    s.prefix = QStringLiteral("wharf_bench_%1").arg(getpid());
    if (s.work.contains(QLatin1Char('\''))) {
        std::fprintf(stderr, "the scratch folder's path must not contain a single quote (\\copy reads it quoted)\n");
        return 2;
    }
    QString version, settings;
    if (!runSql(s, QStringLiteral("SHOW server_version"), &version) ||
        !runSql(s,
                QStringLiteral("SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings WHERE "
                               "name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', "
                               "'maintenance_work_mem', 'max_wal_size', 'lc_collate')"),
                &settings))
        return 1;
    // Each load writes about a gigabyte of WAL at 1M rows: without a checkpoint in between, a load
    // pays for flushing the one before it, and the figures swing by a third.
    QProcess probe;
    probe.start(s.psql, {s.conninfo, QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                         QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"), QStringLiteral("CHECKPOINT")});
    s.checkpoint = probe.waitForFinished(-1) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
    const QString dlt = qEnvironmentVariable("WHARF_BENCH_DLT");
    std::printf("Wharf PostgreSQL benchmark: server %s (%s), %d run(s) per load (median seconds, largest peak "
                "RSS)\nscratch: %s, child output in %s\ndlt: %s\n",
                version.toUtf8().constData(), settings.toUtf8().constData(), s.repeat, s.work.toUtf8().constData(),
                s.log.toUtf8().constData(),
                dlt.isEmpty() ? "not timed (set WHARF_BENCH_DLT to the command of its load step)"
                              : dlt.toUtf8().constData());
    std::printf("%s\n", s.checkpoint ? "CHECKPOINT before every timed load"
                                     : "no CHECKPOINT between loads (the role lacks pg_checkpoint): figures vary more");
    if (serverCpuSeconds() < 0)
        std::printf("server CPU: not visible from here (a remote server); the column shows '-'\n");
    std::fflush(stdout);

    const QStringList cases = p.value(casesOpt).split(QLatin1Char(','), Qt::SkipEmptyParts);
    int failures = 0;
    for (const QString &n : p.value(rowsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qint64 rows = n.toLongLong();
        if (cases.contains(QLatin1String("wide")))
            failures += runWideCase(s, rows, dlt);
        if (cases.contains(QLatin1String("formats")))
            failures += runFormatsCase(s, rows, p.isSet(insertOpt));
    }
    if (failures)
        std::printf("%d load(s) failed; see %s\n", failures, s.log.toUtf8().constData());
    return failures ? 1 : 0;
}
