#include "load/CrashPoint.h"

#include <QByteArray>
#include <QMutex>

#include <algorithm>
#include <csignal>

namespace wharf {

#ifdef WHARF_CRASH_HOOKS

namespace {

struct Plan {
    QByteArray point;
    int nth = 1;
};

Plan readPlan()
{
    Plan plan;
    const QByteArray spec = qgetenv("WHARF_CRASH_AT");
    const qsizetype colon = spec.indexOf(':');
    plan.point = colon < 0 ? spec : spec.left(colon);
    if (colon >= 0)
        plan.nth = std::max(1, spec.mid(colon + 1).toInt());
    return plan;
}

} // namespace

void crashPoint(const char *point)
{
    static const Plan plan = readPlan();
    if (plan.point.isEmpty() || plan.point != point)
        return;
    static QMutex mutex;
    static int reached = 0;
    QMutexLocker lock(&mutex);
    if (++reached == plan.nth)
        std::raise(SIGKILL);
}

bool crashPointsCompiled()
{
    return true;
}

#else

void crashPoint(const char *) {}

bool crashPointsCompiled()
{
    return false;
}

#endif

} // namespace wharf
