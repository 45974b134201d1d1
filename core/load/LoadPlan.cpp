#include "load/LoadPlan.h"

#include "load/PackageLoader.h"
#include "schema/SchemaVerifier.h"
#include "sql/MergeSql.h"

namespace wharf {

LoadPlan::LoadPlan(const Schema &schema, const Capabilities &caps, const LoadOptions &options,
                   const QList<JobFileName> &jobs)
    : m_schema(&schema)
    , m_caps(caps)
{
    for (const JobFileName &job : jobs) {
        const bool unsupported = !caps.supportedLoaderFileFormats.contains(job.formatName);
        m_unsupported.append(unsupported);
        if (unsupported)
            continue;
        if (schema.table(job.table) && !m_tablesWithJobs.contains(job.table)) {
            const auto d = schema.effectiveDisposition(job.table);
            const bool otherReplace = d == WriteDisposition::Replace && !options.replaceStrategy.isEmpty() &&
                                      options.replaceStrategy != QLatin1String("truncate-and-insert");
            const Table *root = schema.rootOf(job.table);
            const QString mergeStrategy = root ? root->mergeStrategy : QString();
            const bool otherMerge = d == WriteDisposition::Merge && !mergeStrategy.isEmpty() &&
                                    mergeStrategy != QLatin1String("delete-insert");
            if (d == WriteDisposition::Merge)
                m_staged.insert(job.table);
            if (!PackageLoader::supportsDisposition(d))
                m_refusals.append(QStringLiteral("%1 (%2)").arg(job.table, writeDispositionName(d)));
            else if (otherMerge)
                m_refusals.append(QStringLiteral("%1 (merge with strategy %2; only delete-insert runs)")
                                      .arg(job.table, mergeStrategy));
            else if (otherReplace)
                m_refusals.append(QStringLiteral("%1 (replace with strategy %2; only truncate-and-insert runs)")
                                      .arg(job.table, options.replaceStrategy));
        }
        m_tablesWithJobs.insert(job.table);
    }
}

void LoadPlan::verify() const
{
    QStringList touched;
    for (const auto &t : m_schema->tables)
        if (t.isDltTable() || m_tablesWithJobs.contains(t.name))
            touched.append(t.name);
    verifySchema(*m_schema, m_caps, touched);
    // A merge that would fail after its rows are staged is refused now, before any DDL.
    for (const QString &root : rootsWith(WriteDisposition::Merge))
        checkMergeChain(*m_schema, seenChain(root));
}

QStringList LoadPlan::migratedTables() const
{
    QStringList tables;
    for (const auto &t : m_schema->tables)
        if (t.isDltTable() || (m_tablesWithJobs.contains(t.name) && t.seenData))
            tables.append(t.name);
    return tables;
}

QStringList LoadPlan::rootsWith(WriteDisposition disposition) const
{
    QStringList roots;
    for (const QString &t : m_tablesWithJobs) {
        const Table *root = m_schema->rootOf(t);
        if (root && m_schema->effectiveDisposition(root->name) == disposition && !roots.contains(root->name))
            roots.append(root->name);
    }
    roots.sort();
    return roots;
}

// Tables that never saw data are not part of the chain (they have no rows and no jobs).
QStringList LoadPlan::seenChain(const QString &root) const
{
    QStringList chain;
    for (const QString &t : m_schema->tableChain(root))
        if (const Table *table = m_schema->table(t); table && (table->seenData || m_tablesWithJobs.contains(t)))
            chain.append(t);
    return chain;
}

QStringList LoadPlan::chainTables(WriteDisposition disposition) const
{
    QStringList out;
    for (const QString &root : rootsWith(disposition))
        for (const QString &member : seenChain(root))
            if (!out.contains(member))
                out.append(member);
    return out;
}

} // namespace wharf
