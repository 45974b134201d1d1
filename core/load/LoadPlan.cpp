#include "load/LoadPlan.h"

#include "Error.h"
#include "schema/SchemaVerifier.h"
#include "sql/MergeSql.h"

#include <QJsonArray>

namespace wharf {

RefreshRequest RefreshRequest::fromPackageState(const QJsonObject &state)
{
    const auto names = [&](const char *key) {
        QStringList out;
        for (const QJsonValue &t : state.value(QLatin1String(key)).toArray()) {
            const QString name = t.isString() ? t.toString() : t.toObject().value(QStringLiteral("name")).toString();
            if (!name.isEmpty() && !out.contains(name))
                out.append(name);
        }
        return out;
    };
    return {names("dropped_tables"), names("truncated_tables")};
}

LoadPlan::LoadPlan(const Schema &schema, const Capabilities &caps, const LoadOptions &options,
                   const QList<JobFileName> &jobs, RefreshRequest refresh)
    : m_schema(&schema)
    , m_caps(caps)
    , m_refresh(std::move(refresh))
{
    // Every chain gets its strategy, also those without jobs: staging holds all staged chains.
    for (const Table &t : schema.tables) {
        if (!t.parent.isEmpty())
            continue;
        try {
            m_strategies.insert(t.name, resolveWriteStrategy(schema, t.name, caps, options.replaceStrategy));
        } catch (const Error &e) {
            // Only a chain this package loads is refused; the others keep append here and are
            // never touched.
            m_strategies.insert(t.name, WriteStrategy{schema.effectiveDisposition(t.name), {}});
            if (std::any_of(jobs.begin(), jobs.end(), [&](const JobFileName &j) {
                    const Table *root = schema.rootOf(j.table);
                    return root && root->name == t.name;
                }))
                m_refusals.append(QStringLiteral("%1 (%2)").arg(t.name, e.message()));
        }
    }
    for (const JobFileName &job : jobs) {
        const bool unsupported = !caps.supportedLoaderFileFormats.contains(job.formatName);
        m_unsupported.append(unsupported);
        // dlt's init_client counts every new job, also one whose format the destination cannot
        // load (it fails on its own): its table is still migrated, emptied by replace and staged.
        if (!m_tablesWithJobs.contains(job.table))
            m_tablesWithJobs.append(job.table);
    }
}

WriteStrategy LoadPlan::strategyOf(const QString &table) const
{
    if (!m_schema)
        return {};
    const Table *root = m_schema->rootOf(table);
    return root ? m_strategies.value(root->name) : WriteStrategy{};
}

bool LoadPlan::seen(const Table &t) const
{
    return t.seenData || m_tablesWithJobs.contains(t.name);
}

void LoadPlan::verify() const
{
    QStringList touched;
    for (const auto &t : m_schema->tables)
        if (t.isDltTable() || m_tablesWithJobs.contains(t.name))
            touched.append(t.name);
    verifySchema(*m_schema, m_caps, touched);
    // A merge that would fail after its rows are staged is refused now, before any DDL.
    QStringList roots;
    for (const QString &t : m_tablesWithJobs)
        if (const Table *root = m_schema->rootOf(t); root && !roots.contains(root->name))
            roots.append(root->name);
    for (const QString &root : roots)
        if (const WriteStrategy w = strategyOf(root); w.disposition == WriteDisposition::Merge && w.throughStaging())
            checkMergeChain(*m_schema, seenChain(root), w.strategy);
}

QStringList LoadPlan::migratedTables() const
{
    QStringList tables;
    for (const auto &t : m_schema->tables)
        if (t.isDltTable() || (m_tablesWithJobs.contains(t.name) && t.seenData))
            tables.append(t.name);
    return tables;
}

QStringList LoadPlan::loadingInto(const QStringList &tables, bool staged) const
{
    QStringList out;
    for (const QString &t : tables)
        if (isStaged(t) == staged)
            out.append(t);
    return out;
}

// Tables that never saw data are not part of the chain (they have no rows and no jobs).
QStringList LoadPlan::seenChain(const QString &root) const
{
    QStringList chain;
    for (const QString &t : m_schema->tableChain(root))
        if (const Table *table = m_schema->table(t); table && seen(*table))
            chain.append(t);
    return chain;
}

QStringList LoadPlan::extendWithChains(const QStringList &tables,
                                       const std::function<bool(const QString &)> &include) const
{
    QStringList out;
    for (const QString &name : tables) {
        const Table *root = m_schema->rootOf(name);
        if (!root)
            continue;
        const WriteDisposition d = strategyOf(root->name).disposition;
        const bool jobsOnly = d != WriteDisposition::Replace && d != WriteDisposition::Merge;
        for (const QString &member : m_schema->tableChain(root->name)) {
            const Table *t = m_schema->table(member);
            if (!t || !seen(*t) || !include(member) || out.contains(member))
                continue;
            if (jobsOnly && !m_tablesWithJobs.contains(member))
                continue;
            out.append(member);
        }
    }
    return out;
}

QStringList LoadPlan::truncatedTables() const
{
    return extendWithChains(m_tablesWithJobs, [this](const QString &t) {
        return strategyOf(t).truncatesFirst() || m_refresh.truncatedTables.contains(t);
    });
}

QStringList LoadPlan::stagingTables() const
{
    QStringList data;
    for (const auto &t : m_schema->tables)
        if (!t.isDltTable())
            data.append(t.name);
    QStringList out = extendWithChains(data, [this](const QString &t) { return isStaged(t); });
    for (const QString &t : stagingTruncatedTables())
        if (!out.contains(t))
            out.append(t);
    return out;
}

QStringList LoadPlan::stagingTruncatedTables() const
{
    return extendWithChains(m_tablesWithJobs, [this](const QString &t) { return isStaged(t); });
}

} // namespace wharf
