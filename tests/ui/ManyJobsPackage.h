#pragma once

#include <QString>

namespace wharf::test {

/// What writeManyJobsPackage() makes.
struct ManyJobsSpec {
    int jobs = 10000;
    int tables = 4;     ///< t0, t1, ...: jobs go round-robin over them
    int rowsPerJob = 1; ///< jsonl lines per job file
    QString pipeline = QStringLiteral("many_jobs");
    QString loadId = QStringLiteral("1800000001.000001");
};

/// Writes a dlt load package of `spec.jobs` small jsonl job files, the way dlt lays one out:
/// `<parentDir>/<loadId>/` with schema.json (the dlt tables plus append tables t0..tN with
/// id, name, _dlt_load_id and _dlt_id), schema_updates.json, load_package_state.json and
/// new_jobs/<table>.<file_id>.0.jsonl; and `<parentDir>/pipeline_state.json` naming the
/// pipeline and its dataset (`<pipeline>_data`). Returns the package folder, or an empty
/// string when something could not be written. Used by tests/ui and bench/wharf_bench_ui.
QString writeManyJobsPackage(const QString &parentDir, const ManyJobsSpec &spec = {});

/// The job file name of job `index` (0-based) of such a package.
QString manyJobsFileName(const ManyJobsSpec &spec, int index);

} // namespace wharf::test
