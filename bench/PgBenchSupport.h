#pragma once

// What the PostgreSQL benchmark's cases share: psql for set-up and checks, dlt's credentials
// URL, the server's CPU time, medians and the table of figures.
#include "ChildProcess.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace wharf::bench::pg {

struct Settings {
    QString psql;     ///< the psql binary
    QString conninfo; ///< libpq conninfo or URI of the server
    QString url;      ///< the same as dlt's credentials URL (DESTINATION__POSTGRES__CREDENTIALS)
    QString wharf;    ///< the wharf binary
    QString work;     ///< scratch folder
    QString log;      ///< children's output
    QString prefix;   ///< of every schema the run creates
    int repeat = 1;
    bool keep = false; ///< keep the generated files
    /// Run CHECKPOINT before every timed load (needs pg_checkpoint or a superuser), so that no
    /// load pays for the dirty pages and WAL of the one before it.
    bool checkpoint = false;
};

/// Runs `sql` with psql (untimed set-up and checks). Returns false, and says why, on failure.
bool runSql(const Settings &s, const QString &sql, QString *output = nullptr);

/// libpq conninfo ("k=v ..." or a postgres URI) turned into dlt's credentials URL.
/// Returns an empty string (and sets `error`) for what a URL cannot say.
QString credentialsUrl(const QString &conninfo, QString &error);

/// CPU seconds (user + system) used so far by the PostgreSQL server processes on this machine,
/// including backends that have exited (their time is in the postmaster's children's time).
/// -1 when no server process is visible (a remote server).
double serverCpuSeconds();

/// One timed load: the child's own figures and the server's CPU over the same span.
struct Measured {
    ChildRun child;
    double serverCpu = -1;
};

/// Runs `program args` as runChild() does (output to `logFile`) and measures the server's CPU
/// around it, after a CHECKPOINT when `s.checkpoint`.
Measured measure(const Settings &s, const QString &program, const QStringList &args, const QMap<QString, QString> &env,
                 const QString &logFile);

/// `wharf load` of a fresh copy of the package root `original` (left untouched) into `schema`,
/// with `env` added to the server's credentials.
Measured loadWithWharf(const Settings &s, const QString &original, const QString &schema,
                       const QMap<QString, QString> &env = {}, const QStringList &extraArgs = {});

/// `psql \copy <schema>.<table> FROM '<csv>' (FORMAT csv, HEADER, FORCE_NULL (<nullable>))`.
Measured copyWithPsql(const Settings &s, const QString &schema, const QString &table, const QString &csv,
                      const QStringList &nullable);

/// Runs `fingerprintSql`; the first successful run sets `expected`, a later one that differs
/// marks `m` failed (-2) and says so: a load that stored other values has no time worth showing.
void checkValues(const Settings &s, const QString &fingerprintSql, const QString &label, QString &expected,
                 Measured &m);

double median(std::vector<double> v);

/// A row of the printed table: a label and its runs.
struct Variant {
    QString label;
    qint64 dataBytes = 0; ///< uncompressed bytes loaded (0: not shown)
    std::vector<Measured> runs;
    double medianSeconds() const;
    double medianClientCpu() const;
    double medianServerCpu() const;
    long peakRssKb() const;
    int failures() const;
};

/// After a timed load into `schema`: checks its values (checkValues), says so on stderr, keeps
/// the run in `v` and drops the schema. Returns 1 when the load failed, else 0.
int finishRun(const Settings &s, const QString &fingerprintSql, const QString &schema, qint64 rows, int rep, Variant &v,
              QString &expected, Measured m);

/// Prints `variants` (the first one the baseline of the ratio column) for `rows` rows.
void printTable(const std::vector<Variant> &variants, qint64 rows, const char *baselineName);

} // namespace wharf::bench::pg
