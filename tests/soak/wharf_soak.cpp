// The crash harness of issue 9 (docs/RELIABILITY.md): loads a package of many insert_values jobs
// into SQLite, PostgreSQL and MariaDB while killing `wharf` with SIGKILL at random moments and at
// the named crash points (core/load/CrashPoint.h), restarts the database server once mid-load,
// runs two loaders at once, and after each trial checks the rows: every one present exactly once
// and one _dlt_loads row. Prints `exact: K/N` per destination; exits 1 unless every trial is exact.
//
//   build/tests/wharf_soak [--kills 20] [--jobs 100] [--rows 5000] [--destinations sqlite,postgres,mysql]
//
// PostgreSQL comes from WHARF_TEST_PG (scripts/pg-test-server.sh); its restart needs
// WHARF_PG_DIR and pg_ctl (and root or the server's own user). MariaDB comes from
// WHARF_TEST_MYSQL and WHARF_MARIADB_DIR (scripts/mariadb-test-server.sh, which restarts it).
// Not part of the quick suite.
#include "LoadTarget.h"
#include "TestSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <csignal>
#include <unistd.h>

using namespace wharf::test;

namespace {

const QString kLoadId = QStringLiteral("1795476037.8625736");
QTextStream out(stdout);

struct Settings {
    int kills = 20;
    int jobs = 100;
    int rows = 5000;
};

// The gh_issues_insert_values package with its jobs replaced by `jobs` insert_values files of
// `rows` label rows each (unique _dlt_id throughout).
QString makePackage(const QString &work, const Settings &s)
{
    const QString root = copyPackage(work, QStringLiteral("gh_issues_insert_values"), QStringLiteral("pkg"));
    const QString jobs = QDir(root).filePath(kLoadId + QStringLiteral("/new_jobs"));
    for (const QString &f : QDir(jobs).entryList(QDir::Files))
        QFile::remove(QDir(jobs).filePath(f));
    for (int j = 0; j < s.jobs; ++j) {
        QByteArray text = "INSERT INTO {}(\"id\",\"name\",\"color\",\"_dlt_parent_id\",\"_dlt_list_idx\",\"_dlt_id\")\n"
                          "VALUES\n";
        for (int r = 0; r < s.rows; ++r) {
            text += QStringLiteral("(%1,E'label %1 ''q''','c0ffee',E'parent_%2',%3,E'soak_%2_%3')")
                        .arg(qint64(j) * s.rows + r)
                        .arg(j)
                        .arg(r)
                        .toUtf8();
            text += r + 1 < s.rows ? ",\n" : ";";
        }
        QFile f(QDir(jobs).filePath(
            QStringLiteral("issues__labels.soak%1.0.insert_values").arg(j, 5, 10, QLatin1Char('0'))));
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            qFatal("cannot write the soak package");
    }
    return root;
}

// Empty when the dataset holds every row exactly once and one _dlt_loads row; else why not.
QString check(const LoadTarget &d, const Settings &s)
{
    const qint64 want = qint64(s.jobs) * s.rows;
    const qint64 have = d.count(QStringLiteral("issues__labels"));
    const qint64 distinct = d.countDistinct(QStringLiteral("issues__labels"), QStringLiteral("_dlt_id"));
    const qint64 loads = d.count(QStringLiteral("_dlt_loads"));
    // PostgreSQL builds the UNIQUE constraints of the tables a package creates after their rows:
    // whatever the kill interrupted, the table ends with its constraint and no debt recorded, and
    // a LOADED package leaves no ledger rows behind.
    QString postgres;
    if (d.type == QLatin1String("postgres")) {
        const QString constraints =
            pg::psqlValue(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'u' AND "
                                         "conrelid = '%1.issues__labels'::regclass")
                              .arg(d.dataset));
        const QString ledger = pg::psqlValue(
            QStringLiteral("SELECT count(*) || ' (' || coalesce(string_agg(DISTINCT job_key, ', '), '') || ')' FROM "
                           "(SELECT job_key FROM _wharf.job_ledger WHERE dataset_name = '%1' LIMIT 5) k")
                .arg(d.dataset));
        if (constraints != QLatin1String("1"))
            postgres += QStringLiteral(", %1 UNIQUE constraints instead of 1").arg(constraints);
        if (!ledger.startsWith(QLatin1String("0 ")))
            postgres += QStringLiteral(", job ledger rows left: %1").arg(ledger);
    }
    if (have == want && distinct == have && loads == 1 && postgres.isEmpty())
        return {};
    return QStringLiteral("%1 rows (%2 distinct) of %3, %4 _dlt_loads rows%5")
        .arg(have)
        .arg(distinct)
        .arg(want)
        .arg(loads)
        .arg(postgres);
}

/// `why`, followed by the run's warnings when it is not empty.
QString withWarnings(QString why, const QString &log)
{
    if (why.isEmpty())
        return why;
    for (const QString &line : log.split(QLatin1Char('\n')))
        if (line.contains(QLatin1String("warning"), Qt::CaseInsensitive))
            why += QStringLiteral("\n    ") + line.left(300);
    return why;
}

/// Runs wharf to its end; the exit code, or -2 when it was killed.
int finish(std::unique_ptr<QProcess> p, QString *log = nullptr)
{
    p->waitForFinished(600000);
    const int code = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -2;
    if (log)
        *log = QString::fromUtf8(p->readAll());
    return code;
}

class Trials {
public:
    Trials(const Settings &s, const QString &type, const QString &tmp)
        : m_settings(s)
        , m_type(type)
        , m_tmp(tmp)
    {}

    /// Added to every run's environment.
    void setEnv(const QMap<QString, QString> &env) { m_env = env; }
    /// What the clean load must write to its log (the trials test what it says happened).
    void expectInLog(const QString &text) { m_expectInLog = text; }

    /// A fresh package and dataset for one trial.
    std::pair<LoadTarget, QString> fresh()
    {
        LoadTarget d;
        d.type = m_type;
        d.appName = QStringLiteral("wharf_soak");
        d.dataset = QStringLiteral("soak_%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_serial);
        d.work = freshDir(m_tmp, d.dataset);
        d.drop();
        return {d, makePackage(d.work, m_settings)};
    }

    /// Loads until a run ends the package (at most 5 runs), then checks the rows.
    void settle(const QString &name, const LoadTarget &d, const QString &package)
    {
        QString log;
        int code = -1;
        for (int run = 0; run < 5 && code != 0; ++run) {
            code = finish(start(d, d.args(QStringLiteral("load"), package)), &log);
            if (log.contains(QLatin1String("already completed")))
                code = 0;
        }
        const QString why = code == 0 ? check(d, m_settings) : QStringLiteral("did not end LOADED: ") + log.right(400);
        record(name, why);
        d.drop();
    }

    void record(const QString &name, const QString &why)
    {
        ++m_total;
        if (why.isEmpty())
            ++m_exact;
        else
            out << "  NOT EXACT  " << m_type << " " << name << ": " << why << "\n";
        out.flush();
    }

    qint64 baselineMs()
    {
        auto [d, package] = fresh();
        QElapsedTimer t;
        t.start();
        QString log;
        const int code = finish(start(d, d.args(QStringLiteral("load"), package)), &log);
        const qint64 ms = t.elapsed();
        QString why = code == 0 ? check(d, m_settings) : QStringLiteral("exit %1").arg(code);
        if (why.isEmpty() && !log.contains(m_expectInLog))
            why = QStringLiteral("the log does not say \"%1\": %2").arg(m_expectInLog, log.right(600));
        record(QStringLiteral("clean load"), why);
        d.drop();
        return ms;
    }

    void randomKills(qint64 baseline)
    {
        for (int k = 0; k < m_settings.kills; ++k) {
            auto [d, package] = fresh();
            auto p = start(d, d.args(QStringLiteral("load"), package));
            QThread::msleep(QRandomGenerator::global()->bounded(quint32(std::max<qint64>(50, baseline))));
            // processId() is 0 once the process ended: kill(0) would kill this harness's group.
            if (const qint64 pid = p->processId(); pid > 1 && p->state() == QProcess::Running)
                ::kill(pid_t(pid), SIGKILL);
            finish(std::move(p));
            settle(QStringLiteral("SIGKILL #%1").arg(k + 1), d, package);
        }
    }

    void crashPoints()
    {
        const int jobs = m_settings.jobs;
        const QStringList points = {
            QStringLiteral("after-commit:%1").arg(1 + QRandomGenerator::global()->bounded(jobs)),
            QStringLiteral("after-pending-transition:%1").arg(1 + QRandomGenerator::global()->bounded(jobs)),
            QStringLiteral("after-move:%1").arg(1 + QRandomGenerator::global()->bounded(jobs)),
            QStringLiteral("before-indexes"),
            QStringLiteral("after-complete-load"),
            QStringLiteral("after-ledger-cleared"),
        };
        for (const QString &point : points) {
            auto [d, package] = fresh();
            const int code =
                finish(start(d, d.args(QStringLiteral("load"), package), {{QStringLiteral("WHARF_CRASH_AT"), point}}));
            if (code != -2) {
                record(point, QStringLiteral("the crash point was not reached (exit %1)").arg(code));
                continue;
            }
            settle(point, d, package);
        }
    }

    void twoLoaders()
    {
        auto [d, package] = fresh();
        auto a = start(d, d.args(QStringLiteral("load"), package));
        auto b = start(d, d.args(QStringLiteral("load"), package));
        QString la, lb;
        const int ca = finish(std::move(a), &la);
        const int cb = finish(std::move(b), &lb);
        if (ca != 0 && cb != 0) {
            record(QStringLiteral("two loaders"), QStringLiteral("neither loaded: ") + la.right(300) + lb.right(300));
            return;
        }
        record(QStringLiteral("two loaders"), check(d, m_settings));
        d.drop();
    }

    // The server restarted a third of the way into the load (PostgreSQL: pg_ctl restart -m
    // fast; MariaDB: a clean shutdown and start): the same run must end LOADED. A restart that
    // lands after the load ended proves nothing, so the run must have logged the outage; if it
    // did not, the trial is run again with the restart sooner (at most 5 times).
    void serverRestart(qint64 baseline)
    {
        QString program;
        QStringList cmd;
        if (const QString why = restartCommand(&program, &cmd); !why.isEmpty()) {
            record(QStringLiteral("server restart"), why);
            return;
        }
        qint64 delay = std::max<qint64>(20, baseline / 3);
        for (int attempt = 1; attempt <= 5; ++attempt, delay = std::max<qint64>(5, delay / 2)) {
            auto [d, package] = fresh();
            auto p = start(d, d.args(QStringLiteral("load"), package));
            QThread::msleep(quint64(delay));
            const pg::ToolResult r = pg::runTool(program, cmd);
            QString log;
            const int code = finish(std::move(p), &log);
            const bool seen = log.contains(QLatin1String("warning"));
            QString why;
            if (r.exitCode != 0)
                why = QStringLiteral("the restart failed: ") + r.err + r.out;
            else if (code != 0)
                why = QStringLiteral("the run did not ride it out: ") + log.right(600);
            else
                why = withWarnings(check(d, m_settings), log);
            d.drop();
            if (!why.isEmpty() || seen) {
                record(QStringLiteral("server restart"), why);
                out << "  " << m_type << " server restart after " << delay << " ms: the run logged "
                    << log.count(QLatin1String("warning")) << " warnings\n";
                return;
            }
        }
        record(QStringLiteral("server restart"), QStringLiteral("the restart never landed inside a load"));
    }

    // One job's rows over two connections (PostgreSQL's split_job_bytes): killed at random,
    // and between the commits of the two parts.
    void splitJobs(qint64 baseline)
    {
        randomKills(baseline);
        auto [d, package] = fresh();
        const int code = finish(start(d, d.args(QStringLiteral("load"), package),
                                      {{QStringLiteral("WHARF_CRASH_AT"), QStringLiteral("after-part-commit")}}));
        if (code != -2) {
            record(QStringLiteral("after-part-commit"),
                   QStringLiteral("the crash point was not reached (exit %1)").arg(code));
            return;
        }
        settle(QStringLiteral("after-part-commit"), d, package);
    }

    void report() const { out << m_type << ": exact: " << m_exact << "/" << m_total << "\n"; }
    bool allExact() const { return m_exact == m_total; }

private:
    // How to restart this destination's test server; empty, or why it cannot be done.
    QString restartCommand(QString *program, QStringList *cmd) const
    {
        if (m_type == QLatin1String("mysql")) {
            const QString dir = qEnvironmentVariable("WHARF_MARIADB_DIR");
            if (!QFile::exists(dir + QStringLiteral("/port")))
                return QStringLiteral("WHARF_MARIADB_DIR does not name a server of scripts/mariadb-test-server.sh");
            *program = QStringLiteral("bash");
            *cmd = {
                QStringLiteral("-c"),
                QStringLiteral("source '%1/mariadb-test-server.sh' && wharf_mariadb_restart").arg(WHARF_SOAK_SCRIPTS)};
            return {};
        }
        const QString dataDir = qEnvironmentVariable("WHARF_PG_DIR") + QStringLiteral("/data");
        const QString pgCtl = QStringLiteral("/usr/lib/postgresql/15/bin/pg_ctl");
        if (!QFile::exists(dataDir + QStringLiteral("/postmaster.pid")) || !QFile::exists(pgCtl))
            return QStringLiteral("WHARF_PG_DIR does not name the running test server");
        *cmd = {pgCtl,
                QStringLiteral("-D"),
                dataDir,
                QStringLiteral("-m"),
                QStringLiteral("fast"),
                QStringLiteral("-w"),
                QStringLiteral("restart")};
        if (::getuid() == 0) {
            *program = QStringLiteral("runuser");
            *cmd = QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--")} + *cmd;
        } else {
            *program = cmd->takeFirst();
        }
        return {};
    }

    std::unique_ptr<QProcess> start(const LoadTarget &d, const QStringList &args,
                                    QMap<QString, QString> extra = {}) const
    {
        for (auto it = m_env.cbegin(); it != m_env.cend(); ++it)
            extra.insert(it.key(), it.value());
        return d.start(args, extra);
    }

    Settings m_settings;
    QString m_type;
    QString m_tmp;
    QMap<QString, QString> m_env;
    QString m_expectInLog;
    int m_serial = 0;
    int m_exact = 0;
    int m_total = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Wharf's crash harness (docs/RELIABILITY.md)"));
    parser.addHelpOption();
    const QCommandLineOption killsOpt(QStringLiteral("kills"), QStringLiteral("random SIGKILLs per destination"),
                                      QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption jobsOpt(QStringLiteral("jobs"), QStringLiteral("jobs in the package"), QStringLiteral("N"),
                                     QStringLiteral("100"));
    const QCommandLineOption rowsOpt(QStringLiteral("rows"), QStringLiteral("rows per job"), QStringLiteral("N"),
                                     QStringLiteral("5000"));
    const QCommandLineOption destOpt(QStringLiteral("destinations"), QStringLiteral("comma-separated"),
                                     QStringLiteral("LIST"), QStringLiteral("sqlite,postgres"));
    parser.addOptions({killsOpt, jobsOpt, rowsOpt, destOpt});
    parser.process(app);
    Settings s;
    s.kills = parser.value(killsOpt).toInt();
    s.jobs = std::max(1, parser.value(jobsOpt).toInt());
    s.rows = std::max(1, parser.value(rowsOpt).toInt());
    if (!QFile::exists(qEnvironmentVariable("WHARF_BIN")))
        qputenv("WHARF_BIN", QCoreApplication::applicationDirPath().toUtf8() + "/../app/wharf");
    if (qEnvironmentVariableIsEmpty("WHARF_TEST_DATA"))
        qputenv("WHARF_TEST_DATA", WHARF_SOAK_TEST_DATA);
    QTemporaryDir tmp;
    bool ok = true;
    for (const QString &type : parser.value(destOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (type == QLatin1String("postgres") && pg::testPg().isEmpty()) {
            out << "postgres: WHARF_TEST_PG is not set\n";
            ok = false;
            continue;
        }
        if (type == QLatin1String("mysql") && qEnvironmentVariableIsEmpty("WHARF_TEST_MYSQL")) {
            out << "mysql: WHARF_TEST_MYSQL is not set\n";
            ok = false;
            continue;
        }
        Trials trials(s, type, tmp.path());
        const qint64 baseline = trials.baselineMs();
        out << type << ": a clean load of " << s.jobs << " jobs x " << s.rows << " rows takes " << baseline << " ms\n";
        out.flush();
        trials.randomKills(baseline);
        trials.crashPoints();
        trials.twoLoaders();
        if (type != QLatin1String("sqlite"))
            trials.serverRestart(baseline);
        trials.report();
        ok = ok && trials.allExact();
        if (type == QLatin1String("postgres")) {
            // The same rows as two jobs, each split over two connections.
            Settings two = s;
            two.jobs = 2;
            two.rows = std::max(1, s.jobs * s.rows / 2);
            two.kills = std::max(1, s.kills / 2);
            Trials split(two, type, tmp.path());
            split.setEnv({{QStringLiteral("DESTINATION__POSTGRES__SPLIT_JOB_BYTES"), QStringLiteral("1")},
                          {QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("wharf.destination.info=true")}});
            split.expectInLog(QStringLiteral("loads over two connections"));
            const qint64 ms = split.baselineMs();
            out << "postgres, jobs split over two connections: a clean load of 2 jobs x " << two.rows << " rows takes "
                << ms << " ms\n";
            split.splitJobs(ms);
            split.twoLoaders();
            split.serverRestart(ms);
            out << "split ";
            split.report();
            ok = ok && split.allExact();
        }
    }
    return ok ? 0 : 1;
}
