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

/// One spell of the destination not answering: when it began and how often it was tried since.
/// The loader's dispatch and its own SQL both wait out a lost destination through one of these.
struct Outage {
    qint64 sinceMs = -1; ///< -1: the destination answers
    int attempts = 0;

    /// Another failure at `nowMs`: the wait before the next try (jittered by `unit` in [0, 1)),
    /// or -1 when the outage has lasted longer than `policy.outageTimeoutMs` (give up).
    qint64 nextDelay(const RetryPolicy &policy, qint64 nowMs, double unit);
    /// The destination answered.
    void end() { *this = Outage(); }
};

} // namespace wharf
