// Where Wharf's own CPU goes when it loads a package into PostgreSQL, without a server: for
// each job file of a package it times, in CPU seconds of this process,
//   1. inflating the file (InputStream alone),
//   2. reading its rows (the format's RowReader, which inflates too),
//   3. reading and encoding them as COPY binary,
//   4. reading and encoding them as COPY text,
// and prints each stage's share per 1M rows. Not a test: see docs/BENCHMARKS.md.
//
//   build/bench/wharf_bench_encode <package folder> [--repeat 3] [--only inflate|read|binary|text]
//
// Column types are those Wharf's PostgreSQL DDL gives a new table (bigint -> int8, text ->
// varchar, timestamp -> timestamptz, json -> jsonb, ...), as a load into a new table sees them.
#include "Error.h"
#include "formats/InputStream.h"
#include "formats/RowReader.h"
#include "package/JobFileName.h"
#include "postgres/PgBinaryEncoder.h"
#include "postgres/PgCopyEncoder.h"
#include "schema/Schema.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

using namespace wharf;
using namespace wharf::postgres;

namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// What Wharf's CREATE TABLE makes of a dlt type, as pg_type.typname.
QString typnameFor(DataType t)
{
    switch (t) {
    case DataType::Bigint:
        return QStringLiteral("int8");
    case DataType::Double:
        return QStringLiteral("float8");
    case DataType::Bool:
        return QStringLiteral("bool");
    case DataType::Timestamp:
        return QStringLiteral("timestamptz");
    case DataType::Date:
        return QStringLiteral("date");
    case DataType::Time:
        return QStringLiteral("time");
    case DataType::Decimal:
    case DataType::Wei:
        return QStringLiteral("numeric");
    case DataType::Json:
        return QStringLiteral("jsonb");
    case DataType::Binary:
        return QStringLiteral("bytea");
    case DataType::Text:
        break;
    }
    return QStringLiteral("varchar");
}

struct Job {
    QString path;
    FileFormat format;
    const Table *table;
};

// The COPY buffer is handed on (and emptied) at this size, as PgJobClient does.
constexpr std::size_t kFlush = 256 * 1024;

struct StageTotals {
    double inflate = 0, read = 0, binary = 0, text = 0;
};

// Runs `body` `repeat` times and keeps the fastest CPU time.
double best(int repeat, const std::function<void()> &body)
{
    double fastest = -1;
    for (int i = 0; i < repeat; ++i) {
        const double start = cpuSeconds();
        body();
        const double took = cpuSeconds() - start;
        fastest = fastest < 0 ? took : std::min(fastest, took);
    }
    return fastest;
}

qint64 runJob(const Job &job, int mode, std::size_t &bytesOut)
{
    ReaderOptions options;
    options.tableColumns = job.table->completeColumnNames();
    auto reader = openRowReader(job.path, job.format, options);
    QList<Column> columns;
    std::vector<PgWire> wires;
    for (const QString &name : reader->columns()) {
        const Column *c = job.table->column(name);
        if (!c || !c->dataType)
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("%1: column %2 has no type in the schema").arg(job.path, name));
        columns.append(*c);
        wires.push_back(binaryWireFor(*c->dataType, typnameFor(*c->dataType)).value_or(PgWire::Text));
    }
    PgCopyEncoder::Options eo;
    eo.sqlLiterals = job.format == FileFormat::InsertValues;
    eo.jsonSource = job.format == FileFormat::Jsonl || job.format == FileFormat::TypedJsonl;
    PgBinaryEncoder bin(columns, wires, eo);
    PgCopyEncoder text(columns, eo);
    RowBatch batch;
    std::string buffer;
    buffer.reserve(kFlush + 64 * 1024);
    qint64 rows = 0;
    while (reader->readBatch(batch)) {
        rows += qint64(batch.rowCount());
        if (mode == 0)
            continue;
        for (std::size_t r = 0; r < batch.rowCount(); ++r) {
            if (mode == 1)
                bin.appendRow(batch.row(r), buffer);
            else
                text.appendRow(batch.row(r), buffer);
        }
        if (buffer.size() >= kFlush) {
            bytesOut += buffer.size();
            buffer.clear();
        }
    }
    bytesOut += buffer.size();
    return rows;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Wharf's client CPU per stage of a PostgreSQL load, without a server"));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("package"),
                            QStringLiteral("a load package folder (schema.json, new_jobs/)"));
    QCommandLineOption repeatOpt(QStringLiteral("repeat"), QStringLiteral("runs per stage; the fastest counts"),
                                 QStringLiteral("N"), QStringLiteral("3"));
    p.addOption(repeatOpt);
    QCommandLineOption onlyOpt(QStringLiteral("only"),
                               QStringLiteral("run one stage, for a profiler: inflate, read, binary or text"),
                               QStringLiteral("stage"));
    p.addOption(onlyOpt);
    p.process(app);
    if (p.positionalArguments().size() != 1)
        p.showHelp(2);
    const QDir package(p.positionalArguments().constFirst());
    const int repeat = std::max(1, p.value(repeatOpt).toInt());
    const QString only = p.value(onlyOpt);
    // A stage left out by --only takes no time.
    const auto stage = [&](const char *name, int runs, const std::function<void()> &body) {
        return only.isEmpty() || only == QLatin1String(name) ? best(runs, body) : 0.0;
    };

    try {
        const Schema schema = Schema::fromFile(package.filePath(QStringLiteral("schema.json")));
        std::vector<Job> jobs;
        const QDir jobsDir(package.filePath(QStringLiteral("new_jobs")));
        for (const QString &name : jobsDir.entryList(QDir::Files, QDir::Name)) {
            const auto parsed = JobFileName::tryParse(name);
            if (!parsed)
                continue;
            const Table *table = schema.table(parsed->table);
            if (!table || table->isDltTable())
                continue;
            jobs.push_back({jobsDir.filePath(name), parsed->format, table});
        }
        if (jobs.empty()) {
            std::fprintf(stderr, "no data job files in %s\n", qPrintable(jobsDir.path()));
            return 2;
        }

        qint64 rows = 0;
        std::size_t inflated = 0, binaryBytes = 0, textBytes = 0, unused = 0;
        StageTotals t;
        t.inflate = stage("inflate", repeat, [&] {
            inflated = 0;
            for (const Job &job : jobs) {
                InputStream in(job.path);
                while (in.fill(1) > 0) {
                    inflated += in.available();
                    in.consume(in.available());
                }
            }
        });
        t.read = stage("read", repeat, [&] {
            rows = 0;
            for (const Job &job : jobs)
                rows += runJob(job, 0, unused);
        });
        t.binary = stage("binary", repeat, [&] {
            binaryBytes = 0;
            for (const Job &job : jobs)
                runJob(job, 1, binaryBytes);
        });
        t.text = stage("text", repeat, [&] {
            textBytes = 0;
            for (const Job &job : jobs)
                runJob(job, 2, textBytes);
        });

        if (!only.isEmpty()) { // one stage: its time as it is (the row count is the read stage's)
            std::printf("%s: %.3f CPU seconds (fastest of %d)\n", qPrintable(only),
                        std::max({t.inflate, t.read, t.binary, t.text}), repeat);
            return 0;
        }
        const double per = rows > 0 ? 1e6 / double(rows) : 0;
        std::printf("%zu job file(s), %lld rows, %.1f MB of file text, fastest of %d run(s), CPU seconds per 1M rows\n",
                    jobs.size(), (long long)rows, double(inflated) / 1e6, repeat);
        std::printf("%-34s %9s %9s\n", "stage", "s/1M", "MB out");
        std::printf("%-34s %9.3f %9.1f\n", "inflate only", t.inflate * per, double(inflated) / 1e6);
        std::printf("%-34s %9.3f %9s\n", "read rows (inflate + parse)", t.read * per, "-");
        std::printf("%-34s %9.3f %9.1f\n", "read + encode COPY binary", t.binary * per, double(binaryBytes) / 1e6);
        std::printf("%-34s %9.3f %9.1f\n", "read + encode COPY text", t.text * per, double(textBytes) / 1e6);
        std::printf("parse %.3f s, binary encoding %.3f s, text encoding %.3f s per 1M rows\n",
                    (t.read - t.inflate) * per, (t.binary - t.read) * per, (t.text - t.read) * per);
    } catch (const Error &e) {
        std::fprintf(stderr, "%s\n", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
