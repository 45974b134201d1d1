#include "load/RetryPolicy.h"

#include "Error.h"
#include "config/ConfigResolver.h"

#include <algorithm>
#include <cmath>

namespace wharf {

qint64 RetryPolicy::delayMs(int attempt, double unit) const
{
    if (baseDelayMs <= 0)
        return 0;
    const int doublings = std::clamp(attempt - 1, 0, 30);
    const double full = std::min(double(maxDelayMs), double(baseDelayMs) * std::ldexp(1.0, doublings));
    const double share = 0.5 + 0.5 * std::clamp(unit, 0.0, 1.0);
    return qint64(std::llround(full * share));
}

qint64 Outage::nextDelay(const RetryPolicy &policy, qint64 nowMs, double unit)
{
    if (sinceMs < 0)
        sinceMs = nowMs;
    if (nowMs - sinceMs > policy.outageTimeoutMs)
        return -1;
    return policy.delayMs(++attempts, unit);
}

RetryPolicy RetryPolicy::fromConfig(const ConfigResolver &resolver)
{
    RetryPolicy p;
    const QStringList section{QStringLiteral("load")};
    // `fallbackMs` is already in milliseconds; a configured value is in the key's unit (`scale`).
    const auto read = [&](const char *key, int fallbackMs, qint64 scale) {
        const auto v = resolver.lookup(section, QLatin1String(key));
        if (!v)
            return fallbackMs;
        bool ok = false;
        const qint64 n = v->value.toString().trimmed().toLongLong(&ok);
        if (!ok || n < 0 || n * scale > qint64(24) * 3600 * 1000)
            throw Error(ErrorKind::Config, QStringLiteral("load.%1 must be a non-negative whole number of at most a "
                                                          "day, got '%2' (%3)")
                                               .arg(QLatin1String(key), v->value.toString(), v->source.describe()));
        return int(n * scale);
    };
    p.baseDelayMs = read("retry_backoff_ms", p.baseDelayMs, 1);
    p.maxDelayMs = std::max(p.baseDelayMs, read("retry_max_delay_ms", p.maxDelayMs, 1));
    p.outageTimeoutMs = read("connection_outage_timeout_s", p.outageTimeoutMs, 1000);
    return p;
}

} // namespace wharf
