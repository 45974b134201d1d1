#pragma once

#include "package/LoadPackage.h"

#include <QList>
#include <QString>

namespace wharf {

/// Retry failed jobs and Abort package: what a user can do with a package that is not being
/// loaded. Both keep dlt's storage layout (dlt/common/storages/load_package.py and
/// load_storage.py), so dlt and Wharf still read each other's packages afterwards. Neither may
/// run while a loader works on the package; the caller (the loader's coordinating thread, or
/// the UI when no load runs) makes sure of that.
namespace packageactions {

/// Why Retry failed jobs cannot run on `package` (for a tooltip), or an empty string. A
/// loaded package keeps its failed jobs, as dlt does: dlt never loads a completed package
/// again. An aborted one can be retried: it is taken back first (reopenAborted).
QString retryBlocker(const LoadPackage &package);

/// Moves every job of failed_jobs/ back to new_jobs/ with retry_count + 1 (the name dlt's
/// retry_job gives a job it runs again) and deletes its .exception file. Returns the moved
/// jobs as they are now. Throws Error(Terminal) for a completed package, Error(Internal) when
/// a file cannot be moved (the jobs moved before stay moved: the package is consistent).
QList<JobFile> requeueFailedJobs(LoadPackage &package);

/// Takes an aborted package back (LoadPackage::reopenAborted) so that Retry can load it to
/// the end; returns the package folder afterwards. dlt never does this; Wharf can, because its
/// job ledger keeps the jobs that completed from loading twice.
QString reopenAborted(LoadPackage &package);

/// Marks the package aborted the way dlt's complete_load_package(aborted=True) does:
/// package_completed.json holding "aborted", then the folder moves from load/normalized/ to
/// load/loaded/ when it sits in a pipeline's layout. Job files stay where they are. Returns the
/// package folder afterwards. Throws Error(Terminal) when already completed, Error(Internal)
/// when the marker cannot be written.
QString abortPackage(LoadPackage &package);

/// A fresh copy of `package` for loading its rows once more, elsewhere: a loaded package is
/// never loaded again (dlt never loads a completed package twice), so the copy is what another
/// destination can take. It keeps the load id (the rows' _dlt_load_id stays true to their
/// _dlt_loads row) and the schema; every data job is back in new_jobs/ with no retries; the
/// completion marker, load metrics, applied schema updates, error files and follow-up SQL jobs
/// are left behind (the loader makes its own). Written under `targetParent`/<load id>, with the
/// pipeline files of the package's parent folder (pipeline_state.json, package_info.json)
/// beside it. Returns the copy's folder. Throws Error(Terminal) when the target exists,
/// Error(Internal) when a file cannot be written (a half-made copy is removed).
QString copyForAnotherLoad(const LoadPackage &package, const QString &targetParent);

} // namespace packageactions
} // namespace wharf
