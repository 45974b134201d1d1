// Compares Wharf's PostgreSQL loading with `psql \copy` of the same rows on one server, in one
// run, and prints rows/s, MiB/s, peak RSS and the ratio. Not a test: see docs/BENCHMARKS.md.
//
//   build/bench/wharf_bench_postgres [--conninfo "host=... port=... dbname=... user=... password=..."]
//       [--rows 100000,1000000] [--repeat 5] [--insert-method] [--work DIR] [--wharf PATH] [--psql PATH]
//
// The conninfo defaults to the WHARF_TEST_PG environment variable. Every load goes into a fresh
// schema that is dropped right after it.
#include "BenchData.h"
#include "ChildProcess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>
#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <vector>

using namespace wharf::bench;

namespace {

// The columns a dlt csv may leave empty for NULL: COPY's FORCE_NULL list, as dlt's postgres
// csv job passes it, so that `\copy` loads the same values as Wharf.
const char *kNullableColumns = "name, amount, flag, created_at, price, payload, note";

/// libpq conninfo ("k=v ..." or a postgres URI) turned into dlt's credentials URL.
/// Returns an empty string (and sets `error`) for what a URL cannot say.
QString credentialsUrl(const QString &conninfo, QString &error)
{
    if (conninfo.startsWith(QLatin1String("postgresql://")) || conninfo.startsWith(QLatin1String("postgres://")))
        return conninfo;
    // keyword = value pairs; a value may be single-quoted, with \' and \\ inside.
    QMap<QString, QString> kv;
    int i = 0;
    const int n = int(conninfo.size());
    const auto skipSpace = [&] {
        while (i < n && conninfo.at(i).isSpace())
            ++i;
    };
    while (true) {
        skipSpace();
        if (i >= n)
            break;
        const int keyStart = i;
        while (i < n && conninfo.at(i) != QLatin1Char('=') && !conninfo.at(i).isSpace())
            ++i;
        const QString key = conninfo.mid(keyStart, i - keyStart);
        skipSpace();
        if (i >= n || conninfo.at(i) != QLatin1Char('=')) {
            error = QStringLiteral("conninfo: missing '=' after \"%1\"").arg(key);
            return {};
        }
        ++i;
        skipSpace();
        QString value;
        if (i < n && conninfo.at(i) == QLatin1Char('\'')) {
            ++i;
            while (i < n && conninfo.at(i) != QLatin1Char('\'')) {
                if (conninfo.at(i) == QLatin1Char('\\') && i + 1 < n)
                    ++i;
                value += conninfo.at(i++);
            }
            if (i >= n) {
                error = QStringLiteral("conninfo: unterminated quoted value of \"%1\"").arg(key);
                return {};
            }
            ++i;
        } else {
            while (i < n && !conninfo.at(i).isSpace()) {
                if (conninfo.at(i) == QLatin1Char('\\') && i + 1 < n)
                    ++i;
                value += conninfo.at(i++);
            }
        }
        kv.insert(key, value);
    }
    QString host = kv.take(QStringLiteral("host"));
    const QString hostaddr = kv.take(QStringLiteral("hostaddr"));
    if (host.isEmpty())
        host = hostaddr.isEmpty() ? QStringLiteral("localhost") : hostaddr;
    if (host.startsWith(QLatin1Char('/')) || host.contains(QLatin1Char(','))) {
        error = QStringLiteral("conninfo: host must be one TCP host name or address (not a socket folder or a list)");
        return {};
    }
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    const auto enc = [](const QString &s) { return QString::fromLatin1(QUrl::toPercentEncoding(s)); };
    QString url = QStringLiteral("postgresql://") + enc(kv.take(QStringLiteral("user")));
    if (kv.contains(QStringLiteral("password")))
        url += QLatin1Char(':') + enc(kv.take(QStringLiteral("password")));
    url += QLatin1Char('@') + host;
    if (kv.contains(QStringLiteral("port")))
        url += QLatin1Char(':') + kv.take(QStringLiteral("port"));
    url += QLatin1Char('/') + enc(kv.take(QStringLiteral("dbname")));
    QStringList query;
    for (auto it = kv.cbegin(); it != kv.cend(); ++it)
        query.append(enc(it.key()) + QLatin1Char('=') + enc(it.value()));
    if (!query.isEmpty())
        url += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return url;
}

struct Settings {
    QString psql;
    QString conninfo;
    QString log;
};

/// Runs `sql` with psql (untimed set-up and checks). Returns false, and says why, on failure.
bool runSql(const Settings &s, const QString &sql, QString *output = nullptr)
{
    QProcess p;
    p.start(s.psql, {s.conninfo, QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"), QStringLiteral("-t"),
                     QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"), sql});
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "psql failed (%s): %s\n  statement: %s\n", p.errorString().toUtf8().constData(),
                     p.readAllStandardError().trimmed().constData(), sql.left(200).toUtf8().constData());
        return false;
    }
    if (output)
        *output = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    return true;
}

/// A fingerprint of the loaded table's values: equal fingerprints mean every column was loaded
/// the same way (NULLs, text with quotes/newlines/unicode, timestamps, decimals, json).
QString fingerprint(const Settings &s, const QString &schema)
{
    QString out;
    const QString sql = QStringLiteral("SELECT concat_ws(' ', count(*), count(name), count(note), sum(id), "
                                       "sum(amount), sum(price), "
                                       "count(*) FILTER (WHERE flag), sum(extract(epoch FROM created_at)), "
                                       "sum(hashtext(name)::bigint), sum(hashtext(note)::bigint), "
                                       "sum(hashtext(payload::text)::bigint), "
                                       "sum(hashtext(_dlt_id)::bigint), min(_dlt_load_id), max(_dlt_load_id)) FROM "
                                       "%1.bench_rows")
                            .arg(schema);
    if (!runSql(s, sql, &out))
        return QStringLiteral("(query failed)");
    return out;
}

struct Variant {
    QString label;
    QString format; // empty: the \copy baseline
    bool gzip = false;
    bool insertMethod = false; // load_method = "insert"
    qint64 dataBytes = 0;      // uncompressed bytes of what is loaded
    std::vector<ChildRun> runs;
};

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

double medianOf(const Variant &v, double ChildRun::*field)
{
    std::vector<double> s;
    for (const ChildRun &r : v.runs)
        if (r.exitCode == 0)
            s.push_back(r.*field);
    return median(s);
}

void printHeader()
{
    std::printf("%-40s %10s %8s %11s %9s %8s %8s %8s %9s\n", "load", "rows", "seconds", "rows/s", "data MiB", "MiB/s",
                "peak MiB", "CPU s", "vs \\copy");
    std::fflush(stdout);
}

void printRow(const Variant &v, qint64 rows, double baselineRowsPerSecond)
{
    const double seconds = medianOf(v, &ChildRun::seconds);
    long peakKb = 0;
    int failed = 0;
    for (const ChildRun &r : v.runs) {
        if (r.exitCode == 0)
            peakKb = std::max(peakKb, r.peakRssKb);
        failed += r.exitCode != 0;
    }
    const double mib = double(v.dataBytes) / (1024.0 * 1024.0);
    const double rps = seconds > 0 ? double(rows) / seconds : 0;
    QString ratio = QStringLiteral("-");
    if (baselineRowsPerSecond > 0 && rps > 0)
        ratio = QString::asprintf("%.2fx", rps / baselineRowsPerSecond);
    std::printf("%-40s %10lld %8.2f %11.0f %9.1f %8.1f %8.1f %8.2f %9s", v.label.toUtf8().constData(), (long long)rows,
                seconds, rps, mib, seconds > 0 ? mib / seconds : 0, double(peakKb) / 1024.0,
                medianOf(v, &ChildRun::cpuSeconds), ratio.toUtf8().constData());
    if (failed)
        std::printf("  (%d of %zu runs FAILED)", failed, v.runs.size());
    std::printf("\n");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Wharf vs psql \\copy on the same rows, one PostgreSQL server"));
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
    QCommandLineOption workOpt(QStringLiteral("work"), QStringLiteral("scratch folder"), QStringLiteral("DIR"));
    QCommandLineOption wharfOpt(QStringLiteral("wharf"), QStringLiteral("wharf binary"), QStringLiteral("PATH"),
                                QStringLiteral(WHARF_DEFAULT_BIN));
    QCommandLineOption psqlOpt(QStringLiteral("psql"), QStringLiteral("psql binary"), QStringLiteral("PATH"),
                               QStringLiteral("psql"));
    QCommandLineOption insertOpt(QStringLiteral("insert-method"),
                                 QStringLiteral("also load insert_values.gz with load_method = \"insert\" (slow)"));
    QCommandLineOption keepOpt(QStringLiteral("keep"),
                               QStringLiteral("keep the generated packages and CSV in the scratch folder (for "
                                              "profiling a single `wharf load`)"));
    p.addOptions({connOpt, rowsOpt, repeatOpt, workOpt, wharfOpt, psqlOpt, insertOpt, keepOpt});
    p.process(app);

    Settings s;
    s.psql = p.value(psqlOpt);
    s.conninfo = p.value(connOpt);
    if (s.conninfo.isEmpty()) {
        std::fprintf(stderr, "no server: pass --conninfo or set WHARF_TEST_PG\n");
        return 2;
    }
    QString error;
    const QString url = credentialsUrl(s.conninfo, error);
    if (url.isEmpty()) {
        std::fprintf(stderr, "%s\n", error.toUtf8().constData());
        return 2;
    }
    const int repeat = std::max(1, p.value(repeatOpt).toInt());

    QTemporaryDir tmp;
    const QString work = p.isSet(workOpt) ? QDir(p.value(workOpt)).absolutePath() : tmp.path();
    QDir().mkpath(work);
    s.log = QDir(work).filePath(QStringLiteral("bench.log"));
    if (work.contains(QLatin1Char('\''))) {
        std::fprintf(stderr, "the scratch folder's path must not contain a single quote (\\copy reads it quoted)\n");
        return 2;
    }
    QString version;
    if (!runSql(s, QStringLiteral("SHOW server_version"), &version))
        return 1;
    std::printf("Wharf PostgreSQL benchmark: server %s, %d run(s) per load (median seconds, "
                "largest peak RSS)\n"
                "scratch: %s, child output in %s\n",
                version.toUtf8().constData(), repeat, work.toUtf8().constData(), s.log.toUtf8().constData());
    std::fflush(stdout);

    const QString prefix = QStringLiteral("wharf_bench_%1").arg(getpid());
    int failures = 0;
    for (const QString &n : p.value(rowsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qint64 rows = n.toLongLong();
        std::vector<Variant> variants;
        Variant base;
        base.label = QStringLiteral("psql \\copy (csv)");
        const QString csv = QDir(work).filePath(QStringLiteral("bench_%1.csv").arg(rows));
        base.dataBytes = writePlainCsv(csv, rows);
        variants.push_back(base);
        const auto add = [&](const char *label, const char *format, bool gzip, bool insertMethod = false) {
            Variant v;
            v.label = QLatin1String(label);
            v.format = QLatin1String(format);
            v.gzip = gzip;
            v.insertMethod = insertMethod;
            variants.push_back(v);
        };
        add("wharf load csv", "csv", false);
        add("wharf load csv.gz", "csv", true);
        add("wharf load insert_values", "insert_values", false);
        add("wharf load insert_values.gz", "insert_values", true);
        add("wharf load jsonl", "jsonl", false);
        add("wharf load jsonl.gz", "jsonl", true);
        if (p.isSet(insertOpt))
            add("wharf load insert_values.gz (insert)", "insert_values", true, true);

        // Packages are written once per N; loading leaves them in completed_jobs/, so each run
        // loads a fresh copy of new_jobs/.
        std::vector<QString> roots(variants.size());
        for (std::size_t i = 1; i < variants.size(); ++i) {
            Variant &v = variants[i];
            roots[i] = QDir(work).filePath(QStringLiteral("pkg_%1_%2%3%4")
                                               .arg(rows)
                                               .arg(v.format)
                                               .arg(v.gzip ? "_gz" : "")
                                               .arg(v.insertMethod ? "_insert" : ""));
            writePackage(roots[i] + QStringLiteral(".orig"), rows, v.format, v.gzip, &v.dataBytes);
        }

        QString expected;
        for (int rep = 0; rep < repeat; ++rep) {
            for (std::size_t i = 0; i < variants.size(); ++i) {
                Variant &v = variants[i];
                const QString schema = QStringLiteral("%1_%2_%3").arg(prefix).arg(rows).arg(i);
                if (!runSql(s, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema)))
                    return 1;
                ChildRun run;
                if (i == 0) {
                    if (!runSql(s, QStringLiteral("CREATE SCHEMA %1; ").arg(schema) + postgresCreateTableSql(schema)))
                        return 1;
                    const QString copy = QStringLiteral("\\copy %1.bench_rows FROM '%2' WITH (FORMAT csv, HEADER true, "
                                                        "FORCE_NULL (%3))")
                                             .arg(schema, csv, QLatin1String(kNullableColumns));
                    run = runChild(s.psql,
                                   {s.conninfo, QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                                    QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"), copy},
                                   {}, s.log);
                } else {
                    QDir(roots[i]).removeRecursively();
                    QProcess::execute(QStringLiteral("cp"),
                                      {QStringLiteral("-r"), roots[i] + QStringLiteral(".orig"), roots[i]});
                    QMap<QString, QString> env{{QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"), url}};
                    if (v.insertMethod)
                        env.insert(QStringLiteral("DESTINATION__POSTGRES__LOAD_METHOD"), QStringLiteral("insert"));
                    run = runChild(p.value(wharfOpt),
                                   {QStringLiteral("load"), roots[i], QStringLiteral("--destination"),
                                    QStringLiteral("postgres"), QStringLiteral("--dataset"), schema,
                                    QStringLiteral("--project-dir"), work},
                                   env, s.log);
                }
                // Every load must have loaded the same values as \copy, or its time means nothing.
                if (run.exitCode == 0) {
                    const QString got = fingerprint(s, schema);
                    if (i == 0 && expected.isEmpty())
                        expected = got;
                    if (!expected.isEmpty() && got != expected) {
                        std::fprintf(stderr, "%s: loaded values differ from \\copy's\n  \\copy: %s\n  this:   %s\n",
                                     v.label.toUtf8().constData(), expected.toUtf8().constData(),
                                     got.toUtf8().constData());
                        run.exitCode = -2;
                    }
                }
                failures += run.exitCode != 0;
                v.runs.push_back(run);
                std::fprintf(stderr, "  N=%lld run %d/%d %-40s %7.2f s %7.1f MiB %6.2f s CPU%s\n", (long long)rows,
                             rep + 1, repeat, v.label.toUtf8().constData(), run.seconds, double(run.peakRssKb) / 1024.0,
                             run.cpuSeconds, run.exitCode == 0 ? "" : "  FAILED");
                runSql(s, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema));
            }
        }

        printHeader();
        const double baseSeconds = medianOf(variants[0], &ChildRun::seconds);
        const double baseline = baseSeconds > 0 ? double(rows) / baseSeconds : 0;
        for (const Variant &v : variants)
            printRow(v, rows, &v == &variants[0] ? 0 : baseline);
        for (std::size_t i = 1; i < variants.size() && !p.isSet(keepOpt); ++i) {
            QDir(roots[i]).removeRecursively();
            QDir(roots[i] + QStringLiteral(".orig")).removeRecursively();
        }
        if (!p.isSet(keepOpt))
            QFile::remove(csv);
    }
    if (failures)
        std::printf("%d load(s) failed; see %s\n", failures, s.log.toUtf8().constData());
    return failures ? 1 : 0;
}
