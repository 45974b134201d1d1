#include "load/ProgressEstimator.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace wharf {

void ProgressEstimator::reset()
{
    m_samples.clear();
}

void ProgressEstimator::add(const LoadProgress &progress)
{
    if (!m_samples.isEmpty() &&
        (progress.elapsedMs < m_samples.last().elapsedMs || progress.loadId != m_samples.last().loadId))
        m_samples.clear();
    m_samples.append(progress);
    // Keep one sample at or before the window's start, so the window is always fully covered.
    while (m_samples.size() > 2 && progress.elapsedMs - m_samples.at(1).elapsedMs >= kWindowMs)
        m_samples.removeFirst();
}

double ProgressEstimator::rowsPerSecond() const
{
    if (m_samples.isEmpty())
        return 0.0;
    const LoadProgress &last = m_samples.last();
    const LoadProgress &first = m_samples.first();
    const qint64 span = last.elapsedMs - first.elapsedMs;
    if (m_samples.size() < 2 || span <= 0)
        return last.rowsPerSecond();
    return double(std::max<qint64>(0, last.rows - first.rows)) * 1000.0 / double(span);
}

double ProgressEstimator::fractionDone() const
{
    if (m_samples.isEmpty())
        return 0.0;
    const LoadProgress &p = m_samples.last();
    double f = 0.0;
    if (p.bytesTotal > 0)
        f = double(p.bytesDone) / double(p.bytesTotal);
    else if (p.jobsTotal > 0)
        f = double(p.jobsDone) / double(p.jobsTotal);
    return std::clamp(f, 0.0, 1.0);
}

std::optional<qint64> ProgressEstimator::etaMs() const
{
    if (m_samples.size() < 2 || m_samples.last().elapsedMs < kEtaAfterMs)
        return std::nullopt;
    const LoadProgress &first = m_samples.first();
    const LoadProgress &last = m_samples.last();
    const qint64 span = last.elapsedMs - first.elapsedMs;
    if (span <= 0)
        return std::nullopt;
    // Bytes when known (they move within a job, jobs only when one ends), else jobs.
    const bool bytes = last.bytesTotal > 0;
    const double done = bytes ? double(last.bytesDone) : double(last.jobsDone);
    const double total = bytes ? double(last.bytesTotal) : double(last.jobsTotal);
    const double pace = (done - (bytes ? double(first.bytesDone) : double(first.jobsDone))) / double(span);
    if (done >= total)
        return 0;
    if (pace <= 0.0)
        return std::nullopt;
    return qint64(std::ceil((total - done) / pace));
}

QString ProgressEstimator::formatDuration(qint64 ms)
{
    const qint64 seconds = (std::max<qint64>(0, ms) + 999) / 1000;
    const qint64 h = seconds / 3600;
    const qint64 m = seconds % 3600 / 60;
    const qint64 s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString ProgressEstimator::formatElapsed(qint64 ms)
{
    if (ms >= 60000)
        return formatDuration(ms);
    const qint64 shown = std::max<qint64>(ms, 1);
    // 0.001-0.099 s: milliseconds as hundredths or thousandths; 0.1-9.9 s: tenths; then seconds.
    const int decimals = shown < 10 ? 3 : shown < 100 ? 2 : shown < 10000 ? 1 : 0;
    return QStringLiteral("%1 s").arg(QLocale().toString(double(shown) / 1000.0, 'f', decimals));
}

} // namespace wharf
