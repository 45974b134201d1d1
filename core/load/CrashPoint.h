#pragma once

namespace wharf {

/// A named moment in a job's life where the crash tests stop Wharf (tests/soak and the
/// integration tests). In builds with WHARF_CRASH_HOOKS (every build type but Release), when
/// the environment variable WHARF_CRASH_AT is `point` or `point:N`, the N-th (default: first)
/// time the process reaches `point` it kills itself with SIGKILL: no destructor, no flush, as
/// a power cut or `kill -9` would stop it. Otherwise it does nothing. Thread-safe.
///
/// Points: after-commit (a job's transaction committed, nothing recorded in the package yet),
/// after-part-commit (the second part of a job split over two connections committed, the
/// first not yet: PostgreSQL),
/// after-pending-transition (the outcome marker written, the file not moved), after-move
/// (the job file moved to completed_jobs/), after-fail (a failed job moved to failed_jobs/ with
/// its message), before-indexes (a chain complete, the UNIQUE constraints its new tables owe
/// not yet added), after-index-fail (the jobs of a table whose rows broke its constraint moved
/// to failed_jobs/, the table not yet emptied), after-followup (a chain's merge/replace SQL
/// committed), after-complete-load (`_dlt_loads` written, the job ledger not yet cleared),
/// after-ledger-cleared (the load's ledger rows deleted, the package not yet marked).
void crashPoint(const char *point);

/// Are crash points compiled into this build?
bool crashPointsCompiled();

} // namespace wharf
