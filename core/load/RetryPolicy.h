#pragma once

#include <QtGlobal>

namespace wharf {

class ConfigResolver;

/// How long the loader waits before running a job again, and for how long it rides out a
/// server it cannot reach. Pure arithmetic: the loader supplies the randomness, so the rules
/// are testable without a clock or a database.
///
/// Settings (`[load]` in config.toml, or LOAD__... variables): `retry_backoff_ms` (first delay,
/// default 500), `retry_max_delay_ms` (the longest single delay, default 30000),
/// `connection_outage_timeout_s` (how long a lost server is waited for before the load stops,
/// resumable, default 120).
struct RetryPolicy {
    int baseDelayMs = 500;
    int maxDelayMs = 30000;
    int outageTimeoutMs = 120000;

    /// Exponential back-off with jitter before attempt `attempt` (1 = the first retry):
    /// base * 2^(attempt-1), capped at maxDelayMs, then scaled into [1/2, 1] of itself by
    /// `unit` (a number in [0, 1)), so that workers that failed together do not retry together.
    qint64 delayMs(int attempt, double unit) const;

    /// Reads the settings above through `resolver`; throws Error(Config) for bad values.
    static RetryPolicy fromConfig(const ConfigResolver &resolver);
};

} // namespace wharf
