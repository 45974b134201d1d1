#include "load/ThroughputChart.h"

#include "load/ChartScale.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <cmath>

namespace wharf::ui {

namespace {

/// "950", "12k", "1.5M": short labels for the rows/s axis.
QString shortNumber(double v)
{
    const QLocale locale;
    if (v >= 1e6)
        return locale.toString(v / 1e6, 'g', 3) + QLatin1Char('M');
    if (v >= 1e4)
        return locale.toString(v / 1e3, 'g', 3) + QLatin1Char('k');
    return locale.toString(qlonglong(std::llround(v)));
}

} // namespace

ThroughputChart::ThroughputChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("throughputChart"));
    setMinimumHeight(130);
    // As tall as it needs: the jobs above get the room a small screen has.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Throughput chart"));
    clear();
}

void ThroughputChart::setTitle(const QString &title)
{
    m_title = title;
    setAccessibleDescription(title);
    update();
}

void ThroughputChart::start()
{
    m_points.clear();
    m_lastSampleMs = -1;
    setTitle(tr("Throughput (rows/s) — loading…"));
}

void ThroughputChart::clear()
{
    m_points.clear();
    m_lastSampleMs = -1;
    setTitle(tr("Throughput (rows/s) — no load yet"));
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
    update();
}

void ThroughputChart::finish(qint64 elapsedMs, double rowsPerSecond, const QString &summary)
{
    m_lastSampleMs = -1; // the last point always goes in
    addSample(elapsedMs, rowsPerSecond);
    setTitle(summary);
}

void ThroughputChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.base());

    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    p.setFont(small);
    const QFontMetrics fm(small);

    double maxX = 10.0;
    double maxY = 0.0;
    for (const QPointF &pt : std::as_const(m_points)) {
        maxX = std::max(maxX, pt.x());
        maxY = std::max(maxY, pt.y());
    }
    const ChartScale xs = niceScale(maxX, 6);
    const ChartScale ys = niceScale(maxY * 1.05, 4);

    int labelWidth = 0;
    for (const double t : ys.ticks())
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(shortNumber(t)));
    const int pad = 6;
    // Below the title, with room for the top tick's label (centred on its line).
    const int top = pad + fm.height() + fm.height() / 2 + 4;
    const int left = pad + labelWidth + 4;
    const QRect plot(left, top, width() - left - pad - 4, height() - top - (fm.height() * 2 + pad + 2));
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRect(pad, pad, width() - 2 * pad, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(m_title, Qt::ElideRight, width() - 2 * pad));
    if (plot.width() < 20 || plot.height() < 20)
        return;

    const auto toScreen = [&](double x, double y) {
        return QPointF(plot.left() + x / xs.top * plot.width(), plot.bottom() - y / ys.top * plot.height());
    };
    QColor grid = pal.color(QPalette::Text);
    grid.setAlpha(40);
    const QColor labels = pal.color(QPalette::PlaceholderText);
    for (const double t : ys.ticks()) {
        const QPointF at = toScreen(0, t);
        p.setPen(grid);
        p.drawLine(QPointF(plot.left(), at.y()), QPointF(plot.right(), at.y()));
        p.setPen(labels);
        p.drawText(QRectF(pad, at.y() - fm.height() / 2.0, labelWidth, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   shortNumber(t));
    }
    for (const double t : xs.ticks()) {
        const QPointF at = toScreen(t, 0);
        p.setPen(grid);
        p.drawLine(QPointF(at.x(), plot.top()), QPointF(at.x(), plot.bottom()));
        p.setPen(labels);
        const QString text = QLocale().toString(qlonglong(std::llround(t)));
        p.drawText(QRectF(at.x() - 40, plot.bottom() + 2, 80, fm.height()), Qt::AlignHCenter | Qt::AlignTop, text);
    }
    p.drawText(QRect(plot.left(), plot.bottom() + 2 + fm.height(), plot.width(), fm.height()),
               Qt::AlignHCenter | Qt::AlignTop, tr("seconds"));

    if (m_points.isEmpty())
        return;
    QPainterPath line;
    line.moveTo(toScreen(m_points.first().x(), m_points.first().y()));
    for (qsizetype k = 1; k < m_points.size(); ++k)
        line.lineTo(toScreen(m_points[k].x(), m_points[k].y()));
    p.setPen(QPen(pal.color(QPalette::Highlight), 2.0));
    p.drawPath(line);
}

} // namespace wharf::ui
