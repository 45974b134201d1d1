// Indexes after rows (issue 13): the tables a package creates get their UNIQUE constraints when
// their chain is complete, built from all their rows at once. The debt itself is kept by the
// destination (JobClient::deferIndexes); this file decides when to pay it and what a table
// whose rows break its constraint means for the package's jobs.
#include "load/LoadRun.h"

#include "load/CrashPoint.h"
#include "load/LogCategories.h"
#include "load/PackageJobs.h"

namespace wharf {

void LoadRun::deferIndexes()
{
    QStringList direct;
    for (const QString &t : m_plan.tablesWithJobs())
        if (!m_plan.isStaged(t))
            direct.append(t);
    if (m_coordinator->deferIndexes(direct, m_result.loadId))
        qCDebug(lcLoad).noquote() << "tables this package creates get their unique constraints after the rows";
}

bool LoadRun::buildIndexes(const QStringList &tables, JobRecord *current)
{
    QStringList direct;
    QStringList staged;
    for (const QString &t : tables)
        (m_plan.isStaged(t) ? staged : direct).append(t);
    bool intact = true;
    const auto build = [&](JobClient *client, const QStringList &names) {
        if (!client || names.isEmpty())
            return;
        crashPoint("before-indexes");
        try {
            onServer(*client, "adding unique constraints", [&] { client->buildDeferredIndexes(m_schema, names); });
        } catch (const IndexBuildFailed &e) {
            failDeferredTable(*client, e, current);
            intact = false;
        }
    };
    build(m_coordinator.get(), direct);
    build(m_stagingCoordinator.get(), staged);
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

} // namespace wharf
