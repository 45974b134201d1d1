#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace wharf::test {

/// Measures how responsive the GUI thread's event loop is: a precise QTimer ticks every
/// `intervalMs` on the thread the meter lives in, and the meter records the time between
/// consecutive ticks. A gap much longer than the interval is a stall: the loop was busy (or
/// blocked) for that long, and a user's click would have waited as long.
class StallMeter : public QObject {
    Q_OBJECT
public:
    explicit StallMeter(int intervalMs = 5, QObject *parent = nullptr);

    void start();
    void stop();

    int ticks() const { return int(m_gapsNs.size()); }
    /// The longest gap between two ticks, in milliseconds (0 before two ticks).
    double maxGapMs() const;
    /// The gap that `fraction` (0..1) of all gaps do not exceed, e.g. 0.99 for p99.
    double percentileMs(double fraction) const;
    /// "max 12.3 ms, p99 6.1 ms, p50 5.0 ms over 1234 ticks".
    QString summary() const;
    /// The `n` longest gaps, longest first: when each ended (ms since start()) and how long it was.
    QList<QPair<double, double>> worstGaps(int n) const;
    /// Milliseconds since start().
    double nowMs() const { return double(m_clock.nsecsElapsed()) / 1e6; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    QList<qint64> m_gapsNs;
    QList<qint64> m_endsNs; ///< when each gap ended
};

} // namespace wharf::test
