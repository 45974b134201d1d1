#include "StallMeter.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace wharf::test {

StallMeter::StallMeter(int intervalMs, QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StallMeter::tick);
}

void StallMeter::start()
{
    m_gapsNs.clear();
    m_endsNs.clear();
    m_lastNs = -1;
    m_clock.start();
    m_timer.start();
}

void StallMeter::stop()
{
    m_timer.stop();
    tick(); // a stall right before stop() counts too
}

void StallMeter::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastNs >= 0) {
        m_gapsNs.append(now - m_lastNs);
        m_endsNs.append(now);
    }
    m_lastNs = now;
}

double StallMeter::maxGapMs() const
{
    if (m_gapsNs.isEmpty())
        return 0.0;
    return double(*std::max_element(m_gapsNs.cbegin(), m_gapsNs.cend())) / 1e6;
}

double StallMeter::percentileMs(double fraction) const
{
    if (m_gapsNs.isEmpty())
        return 0.0;
    QList<qint64> sorted = m_gapsNs;
    std::sort(sorted.begin(), sorted.end());
    const auto index = qsizetype(std::ceil(std::clamp(fraction, 0.0, 1.0) * double(sorted.size()))) - 1;
    return double(sorted.at(std::clamp<qsizetype>(index, 0, sorted.size() - 1))) / 1e6;
}

QList<QPair<double, double>> StallMeter::worstGaps(int n) const
{
    QList<qsizetype> order(m_gapsNs.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [this](qsizetype a, qsizetype b) { return m_gapsNs[a] > m_gapsNs[b]; });
    QList<QPair<double, double>> out;
    for (qsizetype k = 0; k < std::min<qsizetype>(n, order.size()); ++k)
        out.append({double(m_endsNs[order[k]]) / 1e6, double(m_gapsNs[order[k]]) / 1e6});
    return out;
}

QString StallMeter::summary() const
{
    return QStringLiteral("max %1 ms, p99 %2 ms, p50 %3 ms over %4 ticks of %5 ms")
        .arg(maxGapMs(), 0, 'f', 1)
        .arg(percentileMs(0.99), 0, 'f', 1)
        .arg(percentileMs(0.5), 0, 'f', 1)
        .arg(ticks())
        .arg(m_timer.interval());
}

} // namespace wharf::test
