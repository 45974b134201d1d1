#pragma once

#include "load/LoadEvents.h"
#include "package/LoadPackage.h"

#include <QList>

namespace wharf {

/// A job file as the jobs table shows it before (or after) a load: new_jobs/ and
/// started_jobs/ as Ready, completed_jobs/ and failed_jobs/ as Completed and Failed. Rows and
/// duration are not known from the file alone (-1).
JobEvent jobEventFromFile(const QString &loadId, const JobFile &file);

/// jobEventFromFile() for each of `files` of `package`; failed jobs also carry their
/// failed_jobs/<file>.exception text (LoadPackage::failedMessage) as an ErrorInfo.
QList<JobEvent> jobEventsFor(const LoadPackage &package, const QList<JobFile> &files);

/// Splits a failed-message text written by Wharf (ErrorInfo::fullText(): message, then
/// "DETAIL: ", "HINT: ", "SQLSTATE: " lines) or by dlt (free text) back into an ErrorInfo of
/// kind Terminal: dlt only writes messages of jobs that failed terminally.
ErrorInfo parseFailedMessage(const QString &text);

} // namespace wharf
