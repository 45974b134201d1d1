#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace wharf::bench {

struct ChildRun {
    int exitCode = -1;
    double seconds = 0;
    long peakRssKb = 0;    ///< the child's own maximum resident set (wait4's ru_maxrss)
    double cpuSeconds = 0; ///< the child's own user + system CPU time (wait4's ru_utime + ru_stime)
};

/// Runs `program args...` with `env` added to the environment, stdout/stderr to `logFile`,
/// and measures its wall time and peak RSS precisely (fork + exec + wait4).
ChildRun runChild(const QString &program, const QStringList &args, const QMap<QString, QString> &env,
                  const QString &logFile);

} // namespace wharf::bench
