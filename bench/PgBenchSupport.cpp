#include "PgBenchSupport.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QUrl>
#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace wharf::bench::pg {

bool runSql(const Settings &s, const QString &sql, QString *output)
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

namespace {

struct ProcStat {
    QByteArray comm;
    long long ppid = 0;
    double own = 0;      // utime + stime
    double children = 0; // cutime + cstime (exited and waited-for children)
};

bool readStat(const QString &pid, ProcStat &out)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = f.readAll();
    const qsizetype open = line.indexOf('(');
    const qsizetype close = line.lastIndexOf(')');
    if (open < 0 || close < open)
        return false;
    out.comm = line.mid(open + 1, close - open - 1);
    // Fields after the command: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17).
    const QList<QByteArray> f3 = line.mid(close + 2).split(' ');
    if (f3.size() < 15)
        return false;
    static const double tick = double(sysconf(_SC_CLK_TCK));
    out.ppid = f3[1].toLongLong();
    out.own = (f3[11].toDouble() + f3[12].toDouble()) / tick;
    out.children = (f3[13].toDouble() + f3[14].toDouble()) / tick;
    return true;
}

} // namespace

double serverCpuSeconds()
{
    QMap<long long, ProcStat> all;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        bool ok = false;
        const long long n = pid.toLongLong(&ok);
        ProcStat st;
        if (ok && readStat(pid, st) && st.comm == "postgres")
            all.insert(n, st);
    }
    if (all.isEmpty())
        return -1;
    double total = 0;
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        total += it->own;
        if (!all.contains(it->ppid)) // a postmaster: its exited backends' time
            total += it->children;
    }
    return total;
}

Measured measure(const Settings &s, const QString &program, const QStringList &args, const QMap<QString, QString> &env,
                 const QString &logFile)
{
    if (s.checkpoint)
        runSql(s, QStringLiteral("CHECKPOINT"));
    Measured m;
    const double before = serverCpuSeconds();
    m.child = runChild(program, args, env, logFile);
    // A backend's time reaches the postmaster when it is reaped: give it a moment to exit.
    usleep(150 * 1000);
    const double after = serverCpuSeconds();
    if (before >= 0 && after >= 0)
        m.serverCpu = after - before;
    return m;
}

Measured loadWithWharf(const Settings &s, const QString &original, const QString &schema,
                       const QMap<QString, QString> &env, const QStringList &extraArgs)
{
    const QString root = original + QStringLiteral(".run");
    QDir(root).removeRecursively();
    QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-r"), original, root});
    QMap<QString, QString> vars{{QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"), s.url}};
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        vars.insert(it.key(), it.value());
    const Measured m =
        measure(s, s.wharf,
                QStringList{QStringLiteral("load"), root, QStringLiteral("--destination"), QStringLiteral("postgres"),
                            QStringLiteral("--dataset"), schema, QStringLiteral("--project-dir"), s.work} +
                    extraArgs,
                vars, s.log);
    QDir(root).removeRecursively();
    return m;
}

Measured copyWithPsql(const Settings &s, const QString &schema, const QString &table, const QString &csv,
                      const QStringList &nullable)
{
    const QString copy = QStringLiteral("\\copy %1.%2 FROM '%3' WITH (FORMAT csv, HEADER true, FORCE_NULL (%4))")
                             .arg(schema, table, csv, nullable.join(QStringLiteral(", ")));
    return measure(s, s.psql,
                   {s.conninfo, QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                    QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"), copy},
                   {}, s.log);
}

void checkValues(const Settings &s, const QString &fingerprintSql, const QString &label, QString &expected, Measured &m)
{
    if (m.child.exitCode != 0)
        return;
    QString got;
    if (!runSql(s, fingerprintSql, &got))
        got = QStringLiteral("(query failed)");
    if (expected.isEmpty()) {
        expected = got;
        return;
    }
    if (got != expected) {
        std::fprintf(stderr, "%s: loaded values differ from the baseline's\n  baseline: %s\n  this:     %s\n",
                     label.toUtf8().constData(), expected.toUtf8().constData(), got.toUtf8().constData());
        m.child.exitCode = -2;
    }
}

int finishRun(const Settings &s, const QString &fingerprintSql, const QString &schema, qint64 rows, int rep, Variant &v,
              QString &expected, Measured m)
{
    checkValues(s, fingerprintSql, v.label, expected, m);
    std::fprintf(stderr, "  N=%lld run %d/%d %-46s %7.2f s %7.1f MiB %6.2f s client CPU %6.2f s server CPU%s\n",
                 (long long)rows, rep + 1, s.repeat, v.label.toUtf8().constData(), m.child.seconds,
                 double(m.child.peakRssKb) / 1024.0, m.child.cpuSeconds, m.serverCpu,
                 m.child.exitCode == 0 ? "" : "  FAILED");
    v.runs.push_back(m);
    runSql(s, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema));
    return m.child.exitCode != 0 ? 1 : 0;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

namespace {

double medianOf(const std::vector<Measured> &runs, double (*field)(const Measured &))
{
    std::vector<double> s;
    for (const Measured &r : runs)
        if (r.child.exitCode == 0 && field(r) >= 0)
            s.push_back(field(r));
    return s.empty() ? -1 : median(s);
}

} // namespace

double Variant::medianSeconds() const
{
    return medianOf(runs, [](const Measured &m) { return m.child.seconds; });
}

double Variant::medianClientCpu() const
{
    return medianOf(runs, [](const Measured &m) { return m.child.cpuSeconds; });
}

double Variant::medianServerCpu() const
{
    return medianOf(runs, [](const Measured &m) { return m.serverCpu; });
}

long Variant::peakRssKb() const
{
    long peak = 0;
    for (const Measured &r : runs)
        if (r.child.exitCode == 0)
            peak = std::max(peak, r.child.peakRssKb);
    return peak;
}

int Variant::failures() const
{
    int n = 0;
    for (const Measured &r : runs)
        n += r.child.exitCode != 0;
    return n;
}

void printTable(const std::vector<Variant> &variants, qint64 rows, const char *baselineName)
{
    std::printf("%-46s %10s %8s %11s %8s %8s %9s %8s %9s\n", "load", "rows", "seconds", "rows/s", "MiB/s", "peak MiB",
                "client s", "server s", baselineName);
    const double base = variants.empty() ? 0 : variants.front().medianSeconds();
    for (const Variant &v : variants) {
        const double seconds = v.medianSeconds();
        const double mib = double(v.dataBytes) / (1024.0 * 1024.0);
        QString ratio = QStringLiteral("-");
        if (&v != &variants.front() && base > 0 && seconds > 0)
            ratio = QString::asprintf("%.2fx", base / seconds);
        const double server = v.medianServerCpu();
        std::printf("%-46s %10lld %8.2f %11.0f %8s %8.1f %9.2f %8s %9s", v.label.toUtf8().constData(), (long long)rows,
                    seconds, seconds > 0 ? double(rows) / seconds : 0,
                    v.dataBytes > 0 && seconds > 0 ? QString::number(mib / seconds, 'f', 1).toUtf8().constData() : "-",
                    double(v.peakRssKb()) / 1024.0, v.medianClientCpu(),
                    server >= 0 ? QString::number(server, 'f', 2).toUtf8().constData() : "-",
                    ratio.toUtf8().constData());
        if (const int failed = v.failures())
            std::printf("  (%d of %zu runs FAILED)", failed, v.runs.size());
        std::printf("\n");
    }
    std::fflush(stdout);
}

} // namespace wharf::bench::pg
