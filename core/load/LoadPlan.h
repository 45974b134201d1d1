#pragma once

#include "destination/Capabilities.h"
#include "load/LoadOptions.h"
#include "package/JobFileName.h"
#include "schema/Schema.h"

#include <QList>
#include <QSet>
#include <QStringList>

namespace wharf {

/// What a package asks of the destination, decided from its schema and job names before
/// anything is touched (dlt/load/utils.py's part of the load step): which tables have jobs,
/// which jobs the destination cannot read, which tables load through staging, which table
/// chains replace or merge, and whether the package can be loaded at all. Pure: no files, no
/// database. Keeps a pointer to `schema`, which must outlive it.
class LoadPlan {
public:
    LoadPlan() = default;
    LoadPlan(const Schema &schema, const Capabilities &caps, const LoadOptions &options,
             const QList<JobFileName> &jobs);

    /// "table (why)" for every table whose write disposition or strategy this loader cannot
    /// materialise; a package with any is refused whole.
    const QStringList &refusals() const { return m_refusals; }
    /// Per job (same order as given): a format the destination cannot load (the job fails on
    /// its own, as dlt fails it).
    bool isUnsupported(int job) const { return m_unsupported.value(job); }
    bool hasJobs(const QString &table) const { return m_tablesWithJobs.contains(table); }
    /// Loads into the staging dataset (merge).
    bool isStaged(const QString &table) const { return m_staged.contains(table); }
    bool anyStaged() const { return !m_staged.isEmpty(); }

    /// dlt's verify_schema for the tables the load touches, and the keys every merge chain will
    /// need. Throws Error(Terminal) naming the identifier or table.
    void verify() const;
    /// The tables schema migration creates or alters: dlt's own tables and those with jobs
    /// that saw data.
    QStringList migratedTables() const;
    /// Root tables with jobs whose disposition is `disposition`, sorted.
    QStringList rootsWith(WriteDisposition disposition) const;
    /// The chain of `root` as follow-up jobs see it: its tables that saw data or have jobs.
    QStringList seenChain(const QString &root) const;
    /// Every table of the chains of rootsWith(disposition), including nested tables that saw
    /// data in earlier loads but have no job now (replace empties them, merge stages them).
    QStringList chainTables(WriteDisposition disposition) const;

private:
    const Schema *m_schema = nullptr;
    Capabilities m_caps;
    QSet<QString> m_tablesWithJobs;
    QSet<QString> m_staged;
    QList<bool> m_unsupported;
    QStringList m_refusals;
};

} // namespace wharf
