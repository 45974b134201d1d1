#pragma once

#include "load/LoadEvents.h"

#include <QElapsedTimer>

namespace wharf::cli {

/// Live progress of a load on stderr: "jobs done / total, rows, rows/s", redrawn in place when
/// stderr is a terminal; failed and retried jobs are printed on their own lines either way.
class ConsoleProgress : public LoadObserver {
public:
    ConsoleProgress();
    void jobChanged(const JobEvent &e) override;
    void progressed(const LoadProgress &p) override;
    void packageFinished(const PackageResult &r) override;

private:
    void clearLine();
    bool m_tty;
    bool m_lineDirty = false;
};

} // namespace wharf::cli
