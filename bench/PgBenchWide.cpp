// The real-shape case of wharf_bench_postgres (issue 13): a wide dlt table with its UNIQUE
// _dlt_id, 1 job and 100 jobs, into a new table and into one that exists, beside `\copy` of the
// same rows into the identical DDL and (optionally) dlt's own load step of the same packages.
#include "PgBenchCases.h"
#include "WideTable.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

namespace wharf::bench::pg {

namespace {

const QString kLoadId = QStringLiteral("1800000002.000001");
const QString kTemplateLoadId = QStringLiteral("1800000002.000000");

enum class Kind { Copy, WharfNew, WharfExisting, Dlt };

struct Case {
    Variant v;
    Kind kind = Kind::WharfNew;
    QString package; // the package root
    QMap<QString, QString> env;
    QStringList args;
    std::vector<double> dltLoadStep; // what dlt's load step alone took, from its output
};

/// "dlt load step: 12.345 s", printed by scripts/dlt-load-package.py.
double dltLoadStepSeconds(const QString &log)
{
    QFile f(log);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const auto match =
        QRegularExpression(QStringLiteral("dlt load step: ([0-9.]+) s")).match(QString::fromUtf8(f.readAll()));
    return match.hasMatch() ? match.captured(1).toDouble() : -1;
}

Measured loadWithDlt(const Settings &s, const QString &dltCommand, const QString &root, const QString &schema,
                     const QString &log)
{
    QStringList parts = QProcess::splitCommand(dltCommand);
    const QString program = parts.takeFirst();
    const QString pipelines = QDir(s.work).filePath(QStringLiteral("dlt_pipelines_") + schema);
    QDir(pipelines).removeRecursively();
    parts << QDir(root).filePath(kLoadId) << QStringLiteral("--destination") << QStringLiteral("postgres")
          << QStringLiteral("--dataset") << schema << QStringLiteral("--pipelines-dir") << pipelines;
    QFile::remove(log);
    const Measured m = measure(s, program, parts, {{QStringLiteral("DESTINATION__POSTGRES__CREDENTIALS"), s.url}}, log);
    QDir(pipelines).removeRecursively();
    return m;
}

bool createLike(const Settings &s, const QString &schema, const QString &templateSchema)
{
    return runSql(s, QStringLiteral("CREATE SCHEMA %1; CREATE TABLE %1.issues (LIKE %2.issues INCLUDING ALL)")
                         .arg(schema, templateSchema));
}

void printMemory(const Settings &s, qint64 rows, const QString &package100)
{
    std::printf("\npeak memory with jobs at once (the 100-job package, a new table each time):\n");
    std::printf("%-24s %8s %10s %9s\n", "jobs at once", "seconds", "peak MiB", "client s");
    for (const int workers : {1, 4, 20}) {
        const QString schema = QStringLiteral("%1_wm%2_%3").arg(s.prefix).arg(rows).arg(workers);
        runSql(s, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema));
        const Measured m =
            loadWithWharf(s, package100, schema, {}, {QStringLiteral("--workers"), QString::number(workers)});
        std::printf("%-24d %8.2f %10.1f %9.2f%s\n", workers, m.child.seconds, double(m.child.peakRssKb) / 1024.0,
                    m.child.cpuSeconds, m.child.exitCode == 0 ? "" : "  FAILED");
        runSql(s, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema));
    }
    std::fflush(stdout);
}

} // namespace

int runWideCase(const Settings &s, qint64 rows, const QString &dltCommand)
{
    std::printf("\n== real shape: a wide dlt table (22 columns, UNIQUE _dlt_id), insert_values.gz ==\n");
    const QString csv = QDir(s.work).filePath(QStringLiteral("wide_%1.csv").arg(rows));
    const QString one = QDir(s.work).filePath(QStringLiteral("wide_%1_1job").arg(rows));
    const QString hundred = QDir(s.work).filePath(QStringLiteral("wide_%1_100jobs").arg(rows));
    const QString tiny = QDir(s.work).filePath(QStringLiteral("wide_template"));
    const qint64 csvBytes = writeWideCsv(csv, rows, kLoadId);
    const qint64 bytes = writeWidePackage(one, rows, 1, kLoadId);
    writeWidePackage(hundred, rows, 100, kLoadId);
    writeWidePackage(tiny, 1, 1, kTemplateLoadId);

    // The DDL `\copy` and the "existing" loads write into: Wharf's own table, copied with LIKE.
    const QString templateSchema = s.prefix + QStringLiteral("_wtmpl");
    runSql(s, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(templateSchema));
    if (loadWithWharf(s, tiny, templateSchema).child.exitCode != 0) {
        std::fprintf(stderr, "could not create the template table (see %s)\n", s.log.toUtf8().constData());
        return 1;
    }

    std::vector<Case> cases;
    const auto add = [&](const char *label, Kind kind, const QString &package, QMap<QString, QString> env = {}) {
        Case c;
        c.v.label = QLatin1String(label);
        c.v.dataBytes = kind == Kind::Copy ? csvBytes : bytes;
        c.kind = kind;
        c.package = package;
        c.env = env;
        cases.push_back(c);
    };
    add("psql \\copy (csv) into the final DDL", Kind::Copy, {});
    add("wharf, 1 job -> new table", Kind::WharfNew, one);
    add("wharf, 1 job -> new table, UNIQUE up front", Kind::WharfNew, one,
        {{QStringLiteral("DESTINATION__POSTGRES__INDEXES_AFTER_ROWS"), QStringLiteral("false")}});
    add("wharf, 1 job -> existing table", Kind::WharfExisting, one);
    add("wharf, 100 jobs -> new table", Kind::WharfNew, hundred);
    add("wharf, 100 jobs -> existing table", Kind::WharfExisting, hundred);
    // The 1-job case goes over two connections (split_job_bytes); this is it over one.
    add("wharf, 1 job -> new table, one connection", Kind::WharfNew, one,
        {{QStringLiteral("DESTINATION__POSTGRES__SPLIT_JOB_BYTES"), QStringLiteral("0")}});
    if (!dltCommand.isEmpty()) {
        add("dlt load step, 1 job -> new table", Kind::Dlt, one);
        add("dlt load step, 100 jobs -> new table", Kind::Dlt, hundred);
    }

    int failures = 0;
    QString expected;
    for (int rep = 0; rep < s.repeat; ++rep) {
        for (std::size_t i = 0; i < cases.size(); ++i) {
            Case &c = cases[i];
            const QString schema = QStringLiteral("%1_w%2_%3").arg(s.prefix).arg(rows).arg(i);
            runSql(s, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema));
            Measured m;
            switch (c.kind) {
            case Kind::Copy:
                if (!createLike(s, schema, templateSchema))
                    return failures + 1;
                m = copyWithPsql(s, schema, wideTableName(), csv, wideNullableColumns());
                break;
            case Kind::WharfExisting:
                if (!createLike(s, schema, templateSchema))
                    return failures + 1;
                m = loadWithWharf(s, c.package, schema, c.env);
                break;
            case Kind::WharfNew:
                m = loadWithWharf(s, c.package, schema, c.env);
                break;
            case Kind::Dlt: {
                const QString log = QDir(s.work).filePath(QStringLiteral("dlt_%1.log").arg(i));
                m = loadWithDlt(s, dltCommand, c.package, schema, log);
                c.dltLoadStep.push_back(dltLoadStepSeconds(log));
                break;
            }
            }
            failures += finishRun(s, wideFingerprintSql(schema), schema, rows, rep, c.v, expected, m);
        }
    }
    std::vector<Variant> table;
    for (const Case &c : cases)
        table.push_back(c.v);
    printTable(table, rows, "vs \\copy");
    for (const Case &c : cases)
        if (c.kind == Kind::Dlt)
            std::printf("  %s: the load step alone (dlt's own clock, no Python start) %.2f s\n",
                        c.v.label.toUtf8().constData(), median(c.dltLoadStep));

    // The targets, from the table above.
    const auto seconds = [&](std::size_t i) { return i < cases.size() ? cases[i].v.medianSeconds() : -1.0; };
    const double copy = seconds(0);
    std::printf("\nratios: new table %.2fx and existing table %.2fx of \\copy (1 job); "
                "Wharf client CPU %.2f s per 1M rows\n",
                copy / seconds(1), copy / seconds(3), cases[1].v.medianClientCpu() * 1e6 / double(rows));
    std::printf("one job over two COPY connections (split_job_bytes): %.2f s, against %.2f s over one\n",
                seconds(1), seconds(6));
    if (cases.size() > 8)
        std::printf("vs dlt's load step (its own clock): %.2fx with 1 job, %.2fx with 100 jobs\n",
                    median(cases[7].dltLoadStep) / seconds(1), median(cases[8].dltLoadStep) / seconds(4));
    std::fflush(stdout);

    printMemory(s, rows, hundred);
    runSql(s, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(templateSchema));
    if (!s.keep) {
        for (const QString &dir : {one, hundred, tiny})
            QDir(dir).removeRecursively();
        QFile::remove(csv);
    }
    return failures;
}

} // namespace wharf::bench::pg
