#include "load/LoadOptions.h"

#include "Error.h"
#include "config/ConfigResolver.h"

#include <QThread>
#include <algorithm>

namespace wharf {

int LoadOptions::automaticWorkers()
{
    return std::clamp(2 * QThread::idealThreadCount(), 2, 20);
}

LoadOptions LoadOptions::fromConfig(const ConfigResolver &resolver, const QString &destinationName)
{
    LoadOptions o;
    const QStringList section{QStringLiteral("load")};
    const auto intValue = [&](const char *key, int fallback) {
        const auto v = resolver.lookup(section, QLatin1String(key));
        if (!v)
            return fallback;
        bool ok = false;
        const int n = v->value.toString().trimmed().toInt(&ok);
        if (!ok || n < 0)
            throw Error(ErrorKind::Config, QStringLiteral("load.%1 must be a non-negative integer, got '%2' (%3)")
                                               .arg(QLatin1String(key), v->value.toString(), v->source.describe()));
        return n;
    };
    o.workers = std::max(1, intValue("workers", o.workers));
    o.raiseOnMaxRetries = intValue("raise_on_max_retries", o.raiseOnMaxRetries);
    o.retry = RetryPolicy::fromConfig(resolver);
    const auto boolValue = [&](const char *key, bool fallback) {
        const auto v = resolver.lookup(section, QLatin1String(key));
        if (!v)
            return fallback;
        const QString s = v->value.toString().trimmed().toLower();
        if (s != QLatin1String("true") && s != QLatin1String("false"))
            throw Error(
                ErrorKind::Config,
                QStringLiteral("load.%1 must be true or false (%2)").arg(QLatin1String(key), v->source.describe()));
        return s == QLatin1String("true");
    };
    o.raiseOnFailedJobs = boolValue("raise_on_failed_jobs", o.raiseOnFailedJobs);
    o.truncateStagingDataset = boolValue("truncate_staging_dataset", o.truncateStagingDataset);
    if (const auto v = resolver.lookup(section, QStringLiteral("parallelism_strategy"))) {
        const QString s = v->value.toString().trimmed();
        if (s == QLatin1String("parallel"))
            o.parallelismStrategy = ParallelismStrategy::Parallel;
        else if (s == QLatin1String("table-sequential"))
            o.parallelismStrategy = ParallelismStrategy::TableSequential;
        else if (s == QLatin1String("sequential"))
            o.parallelismStrategy = ParallelismStrategy::Sequential;
        else
            throw Error(ErrorKind::Config,
                        QStringLiteral("load.parallelism_strategy must be parallel, table-sequential or "
                                       "sequential, got '%1' (%2)")
                            .arg(s, v->source.describe()));
    }
    QStringList destinationSections{QStringLiteral("destination")};
    if (!destinationName.isEmpty())
        destinationSections.append(destinationName);
    if (const auto v = resolver.lookup(destinationSections, QStringLiteral("replace_strategy")))
        o.replaceStrategy = v->value.toString().trimmed();
    return o;
}

} // namespace wharf
