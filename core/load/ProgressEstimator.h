#pragma once

#include "load/LoadEvents.h"

#include <QList>
#include <optional>

namespace wharf {

/// Turns the successive LoadProgress reports of one load into what people read: the present
/// rows/s (over the last few seconds, so a slow start does not hide the current rate), the
/// fraction done (by bytes when the package's sizes are known, else by jobs) and an ETA.
/// A plain value: any thread, no Qt event loop needed.
class ProgressEstimator {
public:
    /// Samples older than this (relative to the newest) no longer count for the rates.
    static constexpr qint64 kWindowMs = 3000;
    /// No ETA before this much of the load has run: the first rates are mostly start-up.
    static constexpr qint64 kEtaAfterMs = 1000;

    void reset();
    /// Adds a report; one of an earlier time than the last (another load) starts over.
    void add(const LoadProgress &progress);

    bool isEmpty() const { return m_samples.isEmpty(); }
    const LoadProgress &last() const { return m_samples.last(); } ///< !isEmpty() only
    /// Rows per second over the window (the overall average until two samples are there).
    double rowsPerSecond() const;
    /// 0..1.
    double fractionDone() const;
    /// Time left at the present pace; nullopt while unknown (too early, or no pace yet).
    std::optional<qint64> etaMs() const;

    /// "0:42", "12:05", "1:02:03" (seconds rounded up: for what is left).
    static QString formatDuration(qint64 ms);
    /// How long something took: "0.05 s", "2.4 s", "42 s" under a minute (two significant
    /// digits, never rounded to zero), else as formatDuration.
    static QString formatElapsed(qint64 ms);

private:
    QList<LoadProgress> m_samples; ///< oldest first, within kWindowMs of the newest
};

} // namespace wharf
