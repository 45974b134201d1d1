#include "load/LoadPreview.h"

#include "load/LoadPlan.h"
#include "sql/MergeSql.h"

#include <algorithm>

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
    for (const JobFile &job : package.allJobs()) {
        if (job.folder == JobFolder::Completed || job.folder == JobFolder::Failed)
            continue; // done already
        auto it = std::find_if(p.jobs.begin(), p.jobs.end(),
                               [&](const TableJobsPreview &t) { return t.table == job.name.table; });
        if (it == p.jobs.end())
            it = p.jobs.insert(p.jobs.end(), TableJobsPreview{job.name.table, 0, 0, {}});
        ++it->files;
        it->bytes += job.size;
        if (!it->formats.contains(job.name.formatName))
            it->formats.append(job.name.formatName);
    }
    if (!p.refusals.isEmpty())
        return p;
    plan.verify();
    p.migratedTables = plan.migratedTables();
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
        if (const Table *t = schema.table(root))
            for (const Column &column : t->columns) {
                if (column.primaryKey)
                    c.primaryKey.append(column.name);
                if (column.mergeKey)
                    c.mergeKey.append(column.name);
            }
        p.chains.append(c);
    }
    return p;
}

void LoadPreview::compareWithDestination(const LoadPackage &package, const Destination &destination,
                                         ResolvedConfig config)
{
    if (!refusals.isEmpty())
        return;
    try {
        const Schema schema = package.loadSchema();
        config.caseSensitiveNaming = schema.hasCaseSensitiveNaming();
        const auto client = destination.createClient(config, dataset);
        destinationNow = client->previewSchemaSync(schema, migratedTables);
        client->close();
    } catch (const Error &e) {
        destinationError = config.maskSecrets(e.fullText());
    } catch (const std::exception &e) {
        destinationError = QString::fromUtf8(e.what());
    }
}

} // namespace wharf
