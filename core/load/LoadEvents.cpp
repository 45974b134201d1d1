#include "load/LoadEvents.h"

namespace wharf {

QString jobStateName(JobState s)
{
    switch (s) {
    case JobState::Ready:
        return QStringLiteral("ready");
    case JobState::Running:
        return QStringLiteral("running");
    case JobState::Completed:
        return QStringLiteral("completed");
    case JobState::Failed:
        return QStringLiteral("failed");
    case JobState::Retry:
        break;
    }
    return QStringLiteral("retry");
}

QString packageStatusName(PackageStatus s)
{
    switch (s) {
    case PackageStatus::Loaded:
        return QStringLiteral("LOADED");
    case PackageStatus::Aborted:
        return QStringLiteral("ABORTED");
    case PackageStatus::Incomplete:
        return QStringLiteral("NORMALIZED");
    case PackageStatus::Refused:
        break;
    }
    return QStringLiteral("REFUSED");
}

} // namespace wharf
