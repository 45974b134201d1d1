// What happens when a table chain is complete: first the UNIQUE constraints its new tables
// owe (indexes after rows, issue 13: built from all their rows at once; the debt itself is kept
// by the destination, JobClient::deferIndexes), then its follow-up jobs (merge, replace through
// staging). Also what a table whose rows break its constraint means for the package's jobs.
#include "load/LoadRun.h"

#include "load/CrashPoint.h"
#include "load/LogCategories.h"
#include "load/PackageJobs.h"

#include <QCryptographicHash>

#include <algorithm>

namespace wharf {

void LoadRun::deferIndexes()
{
    if (m_coordinator->deferIndexes(m_plan.loadingInto(m_plan.tablesWithJobs(), false), m_result.loadId))
        qCDebug(lcLoad).noquote() << "tables this package creates get their unique constraints after the rows";
}

bool LoadRun::buildIndexes(const QStringList &tables, JobRecord *current)
{
    bool intact = true;
    const auto build = [&](JobClient *client, QStringList names) {
        if (!client || names.isEmpty())
            return;
        crashPoint("before-indexes");
        // A failure names one table; the others are tried again until none fails (tables that
        // got their constraints owe nothing and are skipped).
        while (!names.isEmpty()) {
            try {
                onServer(*client, "adding unique constraints", [&] { client->buildDeferredIndexes(m_schema, names); });
                return;
            } catch (const IndexBuildFailed &e) {
                failDeferredTable(*client, e, current);
                intact = false;
                if (names.removeAll(e.table) == 0)
                    return; // not one of ours: never loop on it
            }
        }
    };
    build(m_coordinator.get(), m_plan.loadingInto(tables, false));
    build(m_stagingCoordinator.get(), m_plan.loadingInto(tables, true));
    return intact;
}

void LoadRun::failDeferredTable(JobClient &client, const IndexBuildFailed &why, JobRecord *current)
{
    const QString table = why.table;
    if (why.ownerLoadId != m_result.loadId) {
        // Another load created the table and never finished it; its rows are not ours to
        // remove. This package's rows are in, once each: say so, and leave the debt recorded.
        qCWarning(lcLoad).noquote() << why.message()
                                    << QStringLiteral("(the table was created by load %1, which has not "
                                                      "finished; its constraints stay owed)")
                                           .arg(why.ownerLoadId);
        return;
    }
    ErrorInfo error = ErrorInfo::from(why);
    error.message += QStringLiteral(". None of this package's rows are kept in the table, and each of its jobs "
                                    "failed; `wharf retry` loads them one by one against the constraint, so that "
                                    "only the jobs that repeat values fail");
    // 1. Files: every job of the table becomes a failed job, with the reason.
    QStringList keys;
    for (const JobFolder folder : {JobFolder::New, JobFolder::Started, JobFolder::Completed, JobFolder::Failed})
        for (const JobFile &f : m_package.jobs(folder))
            if (f.name.table == table && !keys.contains(f.name.jobId()))
                keys.append(f.name.jobId());
    for (JobRecord &r : m_jobs) {
        if (r.file.name.table != table || r.state != JobState::Completed || r.file.folder != JobFolder::Completed)
            continue;
        r.file.path = m_package.moveJob(r.file, JobFolder::Failed);
        r.file.folder = JobFolder::Failed;
        r.state = JobState::Failed;
        r.error = error;
        m_package.writeFailedMessage(r.file.name.fileName(), error.fullText());
        --m_completed;
        ++m_failed;
        m_result.rows -= r.rows;
        m_result.failedJobs.append(jobEventOf(m_result.loadId, r));
        emitJob(r);
    }
    // Completed by an earlier run of the package (not in m_jobs).
    QList<JobFile> earlier;
    for (const JobFile &f : m_package.jobs(JobFolder::Completed)) {
        if (f.name.table != table)
            continue;
        JobFile moved = f;
        moved.path = m_package.moveJob(f, JobFolder::Failed);
        moved.folder = JobFolder::Failed;
        m_package.writeFailedMessage(f.name.fileName(), error.fullText());
        --m_completed;
        ++m_failed;
        earlier.append(moved);
    }
    m_result.failedJobs.append(jobEventsFor(m_package, earlier));
    if (current && current->file.name.table == table && current->state == JobState::Completed) {
        current->state = JobState::Failed; // finalize() moves it with the others' reason
        current->error = error;
    }
    if (m_options.raiseOnFailedJobs)
        m_abort = true;
    crashPoint("after-index-fail");
    // 2. Rows: the table is emptied and given its constraints, with its ledger rows forgotten.
    onServer(client, "emptying a table whose constraints failed",
             [&] { client.discardDeferredTable(m_schema, table, m_result.loadId, keys); });
}

QString LoadRun::loadedJobsDigest(const QStringList &chain) const
{
    // The chain's jobs loaded so far: in completed_jobs/, or completed in this run and not yet
    // moved (the one completing now, or one resumed from its pending marker). The same set
    // after a crash and a resume, another one once a failed job was retried and loaded.
    QStringList ids;
    for (const JobFile &f : m_package.jobs(JobFolder::Completed))
        if (chain.contains(f.name.table))
            ids.append(f.name.jobId());
    for (const JobRecord &r : m_jobs)
        if (r.state == JobState::Completed && chain.contains(r.file.name.table))
            ids.append(r.file.name.jobId());
    ids.sort();
    ids.removeDuplicates();
    return QString::fromLatin1(
        QCryptographicHash::hash(ids.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
}

bool LoadRun::chainComplete(const QStringList &chain, const JobRecord &completing) const
{
    // Jobs of the chain not yet in completed_jobs/ or failed_jobs/, counted instead of scanned:
    // this runs for every completed job. The completing job itself has not moved yet.
    int open = m_scheduler->openIn(chain);
    if (chain.contains(completing.file.name.table) && completing.file.folder != JobFolder::Completed &&
        completing.file.folder != JobFolder::Failed)
        --open;
    return open == 0;
}

bool LoadRun::chainHasFailedJob(const QStringList &chain) const
{
    for (const JobRecord &member : m_jobs)
        if (member.state == JobState::Failed && chain.contains(member.file.name.table))
            return true;
    const QList<JobFile> failedBefore = m_package.jobs(JobFolder::Failed);
    return std::any_of(failedBefore.cbegin(), failedBefore.cend(),
                       [&](const JobFile &f) { return chain.contains(f.name.table); });
}

void LoadRun::runChainFollowUps(JobRecord &r)
{
    const Table *root = m_schema.rootOf(r.file.name.table);
    if (!root || !m_coordinator)
        return;
    const QStringList chain = m_plan.seenChain(root->name);
    if (!chainComplete(chain, r))
        return;
    if (!buildIndexes(chain, &r))
        return; // the chain lost a table's rows: nothing to merge or replace from
    const WriteStrategy write = m_plan.strategyOf(root->name);
    // A staging-optimized replace swaps the staging tables in: they are gone afterwards. With a
    // failed job in the chain the package cannot end LOADED, and `wharf retry` will load that
    // job into the staging tables, so the swap waits for it (dlt swaps what it has: its package
    // is never loaded again). Swapped now, the retry would replace the rows loaded here.
    if (m_options.raiseOnFailedJobs && write.disposition == WriteDisposition::Replace &&
        write.strategy == QLatin1String("staging-optimized") && chainHasFailedJob(chain)) {
        qCWarning(lcLoad).noquote() << "table chain" << root->name
                                    << "is not replaced: a job of it failed; its staging tables keep the rows "
                                       "loaded so far until `wharf retry` loads the rest";
        return;
    }
    QList<FollowUpJob> followUps = m_coordinator->followUpJobs(m_schema, chain, write, m_packageCreatedAt);
    QStringList chainJobs;
    for (const JobRecord &member : std::as_const(m_jobs))
        if (chain.contains(member.file.name.table))
            chainJobs.append(member.file.name.jobId());
    const QString loaded = loadedJobsDigest(chain);
    for (int k = 0; k < followUps.size(); ++k) {
        FollowUpJob &job = followUps[k];
        JobMetrics metrics;
        metrics.jobId = LoadMetrics::followUpJobId(m_result.loadId, job.rootTable, k);
        metrics.tableName = job.rootTable;
        metrics.startedAt = QDateTime::currentDateTimeUtc();
        // Recorded in the ledger with its own transaction, so that a crash before the job file
        // moves never merges the staged rows a second time.
        job.loadId = m_result.loadId;
        // Keyed by the jobs whose rows it merges too: after `wharf retry` loaded a job that had
        // failed, the chain's follow-up runs again (with the same jobs it would be skipped).
        job.ledgerKey = QStringLiteral("%1.followup.%2.%3").arg(job.rootTable).arg(k).arg(loaded);
        qCInfo(lcLoad).noquote() << "running follow-up job for table chain" << job.rootTable << "("
                                 << writeDispositionName(write.disposition) << write.strategy << ")";
        for (const QString &statement : std::as_const(job.statements))
            qCDebug(lcLoad).noquote() << "follow-up SQL:" << statement;
        onServer(*m_coordinator, "a follow-up job", [&] { m_coordinator->runFollowUp(job, m_cancel); });
        metrics.finishedAt = QDateTime::currentDateTimeUtc();
        metrics.state = QStringLiteral("completed");
        m_metrics.addFollowUps(chainJobs, {metrics.jobId});
        m_metrics.record(metrics);
        crashPoint("after-followup");
    }
}

} // namespace wharf
