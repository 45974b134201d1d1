#pragma once

#include "destination/Capabilities.h"
#include "destination/WriteStrategy.h"
#include "load/LoadOptions.h"
#include "package/JobFileName.h"
#include "schema/Schema.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QStringList>
#include <functional>

namespace wharf {

/// What `refresh` asked of the load (load_package_state.json, written by dlt's extract):
/// tables to drop, and tables to empty, before anything loads.
struct RefreshRequest {
    QStringList droppedTables;
    QStringList truncatedTables;
    /// Reads `dropped_tables` / `truncated_tables` (lists of table schemas) from the package state.
    static RefreshRequest fromPackageState(const QJsonObject &state);
};

/// What a package asks of the destination, decided from its schema and job names before
/// anything is touched (dlt/load/utils.py's part of the load step): which tables have jobs,
/// which jobs the destination cannot read, the strategy of every table chain, which tables
/// load through staging, which are emptied or dropped first, and whether the package can be
/// loaded at all. Pure: no files, no database. Keeps a pointer to `schema`, which must outlive it.
class LoadPlan {
public:
    LoadPlan() = default;
    LoadPlan(const Schema &schema, const Capabilities &caps, const LoadOptions &options, const QList<JobFileName> &jobs,
             RefreshRequest refresh = {});

    /// "table (why)" for every table whose write disposition or strategy the destination
    /// cannot materialise; a package with any is refused whole.
    const QStringList &refusals() const { return m_refusals; }
    /// Per job (same order as given): a format the destination cannot load (the job fails on
    /// its own, as dlt fails it).
    bool isUnsupported(int job) const { return m_unsupported.value(job); }
    /// The resolved disposition and strategy of `table`'s chain (append when unknown).
    WriteStrategy strategyOf(const QString &table) const;
    /// Jobs of `table` load into the staging dataset.
    bool isStaged(const QString &table) const { return strategyOf(table).throughStaging(); }
    bool anyStaged() const { return !stagingTables().isEmpty(); }

    /// dlt's verify_schema for the tables the load touches, and the keys every merge chain will
    /// need. Throws Error(Terminal) naming the identifier or table.
    void verify() const;
    /// The tables schema migration creates or alters: dlt's own tables and those with jobs
    /// that saw data.
    QStringList migratedTables() const;
    /// The tables with jobs in this package, in job order.
    const QStringList &tablesWithJobs() const { return m_tablesWithJobs; }
    /// Those of `tables` that load through staging (`staged`), or straight into the dataset.
    QStringList loadingInto(const QStringList &tables, bool staged) const;
    /// The chain of `root` as follow-up jobs see it: its tables that saw data or have jobs.
    QStringList seenChain(const QString &root) const;

    /// Final tables emptied before the first job (replace with truncate-and-insert, and what
    /// refresh asks to truncate), over the chains of the tables with jobs.
    QStringList truncatedTables() const;
    /// Final and staging tables refresh drops before schema migration.
    const QStringList &droppedTables() const { return m_refresh.droppedTables; }
    /// Tables the staging dataset gets: every table that saw data in a chain loading through
    /// staging, with or without jobs in this package.
    QStringList stagingTables() const;
    /// Staging tables emptied before the first job: the staged chains of the tables with jobs.
    QStringList stagingTruncatedTables() const;

private:
    /// dlt's _extend_tables_with_table_chain: the tables of the chains of `tables` that saw
    /// data and pass `include`; append chains keep only tables with jobs.
    QStringList extendWithChains(const QStringList &tables, const std::function<bool(const QString &)> &include) const;
    bool seen(const Table &t) const;

    const Schema *m_schema = nullptr;
    Capabilities m_caps;
    RefreshRequest m_refresh;
    QStringList m_tablesWithJobs;               ///< in job order, each once
    QHash<QString, WriteStrategy> m_strategies; ///< by root table
    QList<bool> m_unsupported;
    QStringList m_refusals;
};

} // namespace wharf
