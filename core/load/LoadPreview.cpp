#include "load/LoadPreview.h"

#include "load/LoadPlan.h"
#include "sql/MergeSql.h"

namespace wharf {

LoadPreview LoadPreview::of(const LoadPackage &package, const Destination &destination, ResolvedConfig config,
                            const LoadOptions &options)
{
    const Schema schema = package.loadSchema();
    config.caseSensitiveNaming = schema.hasCaseSensitiveNaming();
    const Capabilities caps = destination.effectiveCapabilities(config);
    QList<JobFileName> names;
    for (const JobFile &job : package.allJobs())
        names.append(job.name);
    const LoadPlan plan(schema, caps, options, names, RefreshRequest::fromPackageState(package.packageState()));

    LoadPreview p;
    p.dataset = options.datasetName.isEmpty() ? package.defaultDatasetName() : options.datasetName;
    p.refusals = plan.refusals();
    p.dropped = plan.droppedTables();
    p.truncated = plan.truncatedTables();
    p.stagingTruncated = plan.stagingTruncatedTables();
    if (plan.anyStaged())
        p.stagingDataset = stagingDatasetName(p.dataset);
    if (!p.refusals.isEmpty())
        return p;
    plan.verify();
    // A client is created but never opened: the SQL is only written, never run.
    const auto client = destination.createClient(config, p.dataset);
    QStringList roots;
    for (const JobFileName &n : std::as_const(names))
        if (const Table *root = schema.rootOf(n.table); root && !roots.contains(root->name))
            roots.append(root->name);
    for (const QString &root : std::as_const(roots)) {
        ChainPreview c;
        c.root = root;
        c.tables = plan.seenChain(root);
        c.write = plan.strategyOf(root);
        c.staged = c.write.throughStaging();
        for (const FollowUpJob &job : client->followUpJobs(schema, c.tables, c.write, package.createdAt()))
            c.statements += job.statements;
        p.chains.append(c);
    }
    return p;
}

} // namespace wharf
