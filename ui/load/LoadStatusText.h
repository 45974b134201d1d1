#pragma once

#include "load/LoadEvents.h"

#include <QString>
#include <optional>

namespace wharf::ui {

struct QueueSummary;

/// What the status bar says: a state word on the right, a sentence on the left.
struct StatusLine {
    QString state;
    QString message;
};

/// "Loading 1795476037.86 into sqlite:///…".
StatusLine loadStartedStatus(const QString &packageDir, const QString &location);
/// How one package's load ended, in words: loaded (rows, dataset, time), aborted (why),
/// cancelled or stopped (Run resumes it), or not loaded (why).
StatusLine loadFinishedStatus(const wharf::PackageResult &result);
/// How a queue of several packages ended; none for a queue of one (its load says it all).
std::optional<StatusLine> queueFinishedStatus(const QueueSummary &summary);

} // namespace wharf::ui
