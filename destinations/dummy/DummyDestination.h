#pragma once

#include "destination/Destination.h"

#include <QStringList>

namespace wharf::dummy {

/// A scriptable destination for loader logic, like dlt's dummy destination: it reads every job
/// file fully (so format errors surface) but stores nothing. Options (destination.dummy.*):
/// `fail_tables` / `retry_tables` (comma-separated table names whose jobs fail terminally or
/// transiently), `job_delay_ms` (sleep per job, cancellable), `fail_on_open` (transient error
/// when connecting), `followup_tables` (root tables whose completed chain yields a follow-up
/// job, recorded instead of run), `server_cancel_tables` (jobs cancelled as if by the server,
/// e.g. statement_timeout), `forget_failures` (the first N forgetLoad() calls after
/// completeLoad() fail transiently, as if the connection were lost).
class DummyDestination : public Destination {
public:
    QString type() const override { return QStringLiteral("dummy"); }
    Capabilities capabilities() const override;
    ConfigSpec configSpec() const override;
    std::unique_ptr<JobClient> createClient(const ResolvedConfig &config, const QString &dataset) const override;
    QString displayLocation(const ResolvedConfig &) const override { return QStringLiteral("dummy://"); }

    /// Load ids passed to completeLoad() in this process, in order (for tests).
    static QStringList completedLoads();
    /// Follow-up jobs run in this process: one line "-- chain: <tables of the chain>" each.
    static QStringList followUpsRun();
    /// truncateTables() calls in this process: the tables of each call joined by ','.
    static QStringList truncations();
    /// Load ids passed to forgetLoad() after their completeLoad() (and not failed), in order.
    static QStringList forgottenLoads();
    /// Clears completedLoads(), followUpsRun(), truncations() and forgottenLoads().
    static void resetCompletedLoads();
};

} // namespace wharf::dummy
