#pragma once

#include "Error.h"
#include "config/ConfigResolver.h"
#include "config/ConfigSpec.h"
#include "destination/Capabilities.h"
#include "destination/WriteStrategy.h"
#include "package/LoadPackage.h"
#include "schema/Schema.h"

#include <QJsonObject>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace wharf {

/// A cancellation flag shared between the coordinator and the workers.
class CancelToken {
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    /// Throws Error(Cancelled) when cancelled.
    void check() const;

private:
    std::atomic_bool m_cancelled{false};
};

class JobClient;
class DatasetBrowser;

/// Everything a load job needs. Lives on the worker's stack for the duration of the job.
struct JobContext {
    QString loadId;
    const Schema *schema = nullptr;
    const Table *table = nullptr; ///< the job's table, as in the schema
    JobFile file;
    const CancelToken *cancel = nullptr;
    /// Reports rows and bytes consumed so far; called from the worker thread, cheap, throttled
    /// by the caller.
    std::function<void(qint64 rows, qint64 bytes)> progress;
    /// Called inside the job's transaction, after its rows and before COMMIT, so that a record
    /// of the job's completion can commit atomically with its rows.
    /// `rows` is what the job loaded. Job clients must call it (when set) as the last step.
    std::function<void(JobClient &, qint64 rows)> beforeCommit;
    /// The job's name in the ledger (empty: the client keeps none), for clients that split a
    /// job's rows over connections (ledgerPartKey).
    QString ledgerKey;
    /// How many connections the job may open besides its own to load its rows in parallel:
    /// more than 0 only when the loader's parallelism has room that no other job waits for.
    int spareConnections = 0;
};

/// A job whose rows a client loads over two connections commits them as two transactions:
/// first the second part's, recorded in the ledger under this key, then the first part's,
/// recorded under the job's own key (beforeCommit). A run that finds only this key loads the
/// first part alone. Rows go to the parts in blocks, by their position in the file, always
/// the same way.
inline QString ledgerPartKey(const QString &jobKey)
{
    return jobKey + QLatin1String("#part2of2");
}

struct JobResult {
    qint64 rows = 0;
};

/// What syncSchema changed: `{table: {columns: {...}}}` in dlt's applied_schema_updates shape.
struct SchemaSyncResult {
    QJsonObject applied;
    bool schemaStored = false; ///< a new _dlt_version row was written
};

/// What syncSchema() would change now, found out without changing anything (the window's
/// "What Run will do" against the destination as it is).
struct SchemaSyncPreview {
    bool known = false;         ///< the destination can tell (SQL destinations); else nothing below is set
    bool datasetExists = false; ///< false: the dataset and every table are created
    bool schemaStored = false;  ///< `_dlt_version` has the schema's hash: no DDL runs (as in dlt)
    QList<TableUpdate> updates; ///< new tables (exists false) and columns added to existing ones
    QStringList statements;     ///< the DDL, as syncSchema() would run it
    /// What runs once the new tables' rows are in: their UNIQUE constraints, when the client
    /// builds them after the rows (deferIndexes; SDK 4). Empty otherwise.
    QStringList afterRows;
};

/// A SQL job created when a table chain completes (merge/replace from staging, spec 2.10).
struct FollowUpJob {
    QString rootTable;
    QStringList statements;
    QStringList cleanup; ///< temporary tables to drop afterwards
    /// When set, runFollowUp() records the job in the ledger inside its transaction and skips
    /// it when the ledger already has it (exactly once, like load jobs).
    QString loadId;
    QString ledgerKey;
};

/// A job the ledger says another run (or another loader) already committed: its own
/// transaction was rolled back, and the job is complete.
class AlreadyRecorded : public Error {
public:
    explicit AlreadyRecorded(QString message)
        : Error(ErrorKind::Terminal, std::move(message))
    {}
};

/// A unique constraint left out of a new table (JobClient::deferIndexes) could not be added:
/// its rows repeat values of the key. Nothing was changed by the attempt.
class IndexBuildFailed : public Error {
public:
    IndexBuildFailed(QString table, QString ownerLoadId, QString message)
        : Error(ErrorKind::Terminal, std::move(message))
        , ownerLoadId(std::move(ownerLoadId))
    {
        this->table = std::move(table);
    }
    /// The load that created the table and deferred its constraints.
    QString ownerLoadId;
};

/// One connection to a destination, used by exactly one thread at a time (not thread-safe,
/// except cancel()). Everything may throw wharf::Error.
class JobClient {
public:
    virtual ~JobClient() = default;

    /// Connects. Idempotent.
    virtual void open() = 0;
    virtual void close() = 0;

    /// Creates the dataset if missing and, unless `_dlt_version` already holds the schema's
    /// version hash, creates/alters `tables` (all schema tables when empty) and stores the schema,
    /// in one DDL transaction where supported (spec 6.4).
    virtual SchemaSyncResult syncSchema(const Schema &schema, const QStringList &tables) = 0;
    /// What syncSchema(schema, tables) would do now, without doing it (SDK 3). Connects.
    /// Default: not known (a destination without tables).
    virtual SchemaSyncPreview previewSchemaSync(const Schema &schema, const QStringList &tables);
    /// Empties the given tables that exist (replace with truncate-and-insert, spec 2.5/8.1), in
    /// one transaction where supported. Tables the destination does not have are skipped.
    virtual void truncateTables(const QStringList &tables);
    /// Loads one job file in one transaction; nothing of it is committed when it throws.
    virtual JobResult runJob(const JobContext &ctx) = 0;
    /// Drops the given tables where they exist and forgets every stored version of schema
    /// `schemaName` (refresh, spec 2.5; dlt's drop_tables with delete_schema), in one
    /// transaction where supported. Default: nothing to drop.
    virtual void dropTables(const QStringList &tables, const QString &schemaName);
    /// Follow-up SQL for a completed table chain that loads with `write` (merge, and replace
    /// through staging); empty otherwise. `packageCreatedAt` is the package state's created_at
    /// (scd2's default boundary).
    virtual QList<FollowUpJob> followUpJobs(const Schema &schema, const QStringList &chain, const WriteStrategy &write,
                                            const QString &packageCreatedAt);
    virtual void runFollowUp(const FollowUpJob &job, const CancelToken &cancel);
    /// Writes the `_dlt_loads` row (only if absent, spec Q4).
    virtual void completeLoad(const QString &loadId, const Schema &schema) = 0;
    /// Interrupts a running statement; callable from any thread.
    virtual void cancel() = 0;
    /// cancel() went unanswered: make the running call fail now (drop the connection under
    /// it); callable from any thread. Default: nothing.
    virtual void abandon() {}

    // The job ledger (README, "The job ledger"): one row per committed job, written inside
    // the job's own transaction, so that no crash can separate a job's rows from the record
    // that they are there. A destination without one keeps dlt's at-least-once behaviour.

    /// Does this client keep a ledger?
    virtual bool hasLedger() const { return false; }
    /// Creates the ledger where it is missing. Called by the coordinator before any job.
    virtual void prepareLedger() {}
    /// The rows recorded for job `key` of `loadId` in this client's dataset, or nullopt.
    virtual std::optional<qint64> ledgerEntry(const QString &loadId, const QString &key);
    /// Inside the open transaction: records `key`. Throws AlreadyRecorded when it is recorded
    /// already (another loader committed it meanwhile); the caller's transaction then rolls back.
    virtual void recordInLedger(const QString &loadId, const QString &key, qint64 rows);
    // Indexes after rows (SDK 4): a table the package creates is empty, so its unique
    // constraints are built once from all its rows (a sort) instead of kept up row by row.
    /// Tables among `tables` that syncSchema() creates from now on are created without their
    /// unique constraints, and the client records that they are owed, durably and in the same
    /// transaction as the CREATE (a crash cannot lose the debt). Returns false when the client
    /// cannot (the default): tables are then created whole.
    virtual bool deferIndexes(const QStringList &tables, const QString &loadId);
    /// Adds the constraints owed for those of `tables` that have a record (of any load), each
    /// table in one transaction with the removal of its record; a table without one is left
    /// alone. Throws IndexBuildFailed, naming the table and values that repeat, when the rows
    /// break a constraint (nothing changed then). Default: nothing is ever owed.
    virtual void buildDeferredIndexes(const Schema &schema, const QStringList &tables);
    /// After IndexBuildFailed for a table that `loadId` created: in one transaction empties
    /// it, deletes the ledger rows of `jobKeys` (the jobs whose rows are thereby gone), adds
    /// its constraints and removes the record. The table is then as dlt creates it and holds
    /// none of the package's rows. Default: nothing to do.
    virtual void discardDeferredTable(const Schema &schema, const QString &table, const QString &loadId,
                                      const QStringList &jobKeys);
    /// How many more connections the server would accept now for this client's user (its
    /// connection limits less the sessions open), or -1 when unknown (the default). The loader
    /// runs no more jobs at once than that allows (SDK 4). Connects.
    virtual int freeConnections();
    /// Deletes the ledger rows of `loadId` in this client's dataset and its staging dataset:
    /// when its package is loaded, and when a package that never started begins (rows left by
    /// another copy of it would otherwise pass its jobs as loaded). Throws wharf::Error.
    virtual void forgetLoad(const QString &loadId);
};

/// A destination type: cheap, immutable and thread-safe. Registered by type name.
class Destination {
public:
    virtual ~Destination() = default;

    virtual QString type() const = 0;
    virtual Capabilities capabilities() const = 0;
    virtual ConfigSpec configSpec() const = 0;
    /// A client for `dataset`; does not connect yet.
    virtual std::unique_ptr<JobClient> createClient(const ResolvedConfig &config, const QString &dataset) const = 0;
    /// Where data goes, for people: a URL with the password masked.
    virtual QString displayLocation(const ResolvedConfig &config) const = 0;
    /// Connects and disconnects; returns what was reached, for people (server version and
    /// where, password masked: "PostgreSQL 16.2 at postgresql://u:***@h:5432/db"). Throws Error
    /// (Config for bad credentials, Transient for an unreachable server). Blocks up to the
    /// connect timeout: call it on a worker thread.
    virtual QString testConnection(const ResolvedConfig &config) const;
    /// capabilities() with the user's overrides from `config` applied (ResolvedDestination
    /// fills them); what job clients must use. Throws Error(Config) for invalid overrides.
    Capabilities effectiveCapabilities(const ResolvedConfig &config) const;
    /// A browser of its datasets and tables (does not connect yet). Throws Error(Config) when
    /// the destination cannot be browsed (the default).
    virtual std::unique_ptr<DatasetBrowser> createBrowser(const ResolvedConfig &config) const;
};

/// Process-wide registry of destination types. Registration happens once at start-up
/// (app/); lookups are thread-safe afterwards.
class DestinationRegistry {
public:
    using Factory = std::function<std::shared_ptr<const Destination>()>;
    static DestinationRegistry &instance();

    /// Registers `type`; `origin` says where it came from: "built-in" or a plugin's file.
    /// A type registered again is replaced (the later origin wins). `forTesting`: a destination
    /// for testing Wharf itself (the plugin JSON's "for_testing": the dummy), never offered to
    /// users outside developer mode.
    void add(const QString &type, Factory factory, const QString &origin = QStringLiteral("built-in"),
             bool forTesting = false);
    /// Every registered type, those for testing included.
    QStringList types() const;
    /// The types offered to users: all but those for testing, unless developerMode().
    QStringList userTypes() const;
    bool isForTesting(const QString &type) const;
    /// WHARF_DEVELOPER=1 in the environment: destinations for testing are offered too.
    static bool developerMode();
    /// Where `type` came from ("built-in" or the plugin file); empty when unknown.
    QString origin(const QString &type) const;
    /// Throws Error(Config) naming the known types when `type` is not registered.
    std::shared_ptr<const Destination> create(const QString &type) const;

    /// A plugin that could not be used, and why (it was skipped).
    struct Problem {
        QString file;
        QString message;
    };
    void addProblem(const QString &file, const QString &message);
    QList<Problem> problems() const { return m_problems; }

private:
    struct Entry {
        QString type;
        Factory factory;
        QString origin;
        bool forTesting = false;
    };
    QList<Entry> m_factories;
    QList<Problem> m_problems;
};

} // namespace wharf
