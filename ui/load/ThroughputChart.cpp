#include "load/ThroughputChart.h"

#include <QChart>
#include <QLineSeries>
#include <QLocale>
#include <QValueAxis>
#include <cmath>

namespace wharf::ui {

namespace {

/// A round upper bound for an axis (1, 2 or 5 times a power of ten).
double niceCeiling(double v)
{
    // Three ticks with whole-number labels: below 10 they would read "0, 1, 1".
    if (v <= 10.0)
        return 10.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : {1.0, 2.0, 5.0, 10.0})
        if (v <= step * magnitude)
            return step * magnitude;
    return 10.0 * magnitude;
}

} // namespace

ThroughputChart::ThroughputChart(QWidget *parent)
    : QChartView(parent)
    , m_series(new QLineSeries)
    , m_x(new QValueAxis)
    , m_y(new QValueAxis)
{
    setObjectName(QStringLiteral("throughputChart"));
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 2, 4, 2));
    chart->setBackgroundRoundness(0);
    chart->addSeries(m_series);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    for (QValueAxis *axis : {m_x, m_y}) {
        axis->setLabelsFont(small);
        axis->setTitleFont(small);
        axis->setLabelFormat(QStringLiteral("%.0f"));
    }
    m_x->setTitleText(tr("seconds"));
    m_y->setTitleText(tr("rows/s"));
    m_x->setTickCount(6);
    m_y->setTickCount(3);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    chart->setTitleFont(small);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(140);
    start();
    setTitle(tr("Throughput (rows/s) — no load yet"));
}

QString ThroughputChart::title() const
{
    return chart()->title();
}

void ThroughputChart::setTitle(const QString &title)
{
    chart()->setTitle(title);
}

void ThroughputChart::start()
{
    m_points.clear();
    m_lastSampleMs = -1;
    setTitle(tr("Throughput (rows/s) — loading…"));
    updateSeries();
}

void ThroughputChart::addSample(qint64 elapsedMs, double rowsPerSecond)
{
    if (m_lastSampleMs >= 0 && elapsedMs - m_lastSampleMs < kSampleMs)
        return;
    m_lastSampleMs = elapsedMs;
    m_points.append(QPointF(double(elapsedMs) / 1000.0, rowsPerSecond));
    if (m_points.size() > kMaxPoints) {
        // Halve the resolution, not the time span: the whole load stays visible.
        QList<QPointF> halved;
        halved.reserve(m_points.size() / 2 + 1);
        for (qsizetype k = 0; k + 1 < m_points.size(); k += 2)
            halved.append((m_points[k] + m_points[k + 1]) / 2.0);
        if (m_points.size() % 2)
            halved.append(m_points.last());
        m_points = halved;
    }
    updateSeries();
}

void ThroughputChart::finish(qint64 elapsedMs, double rowsPerSecond, const QString &summary)
{
    m_lastSampleMs = -1; // the last point always goes in
    addSample(elapsedMs, rowsPerSecond);
    setTitle(summary);
}

void ThroughputChart::updateSeries()
{
    // One replace() per sample: a few hundred points are redrawn at once, not point by point.
    m_series->replace(m_points);
    double maxX = 10.0;
    double maxY = 0.0;
    for (const QPointF &p : std::as_const(m_points)) {
        maxX = std::max(maxX, p.x());
        maxY = std::max(maxY, p.y());
    }
    m_x->setRange(0.0, std::ceil(maxX));
    m_y->setRange(0.0, niceCeiling(maxY * 1.1));
}

} // namespace wharf::ui
