#pragma once

#include <QList>
#include <QPointF>
#include <QWidget>

namespace wharf::ui {

/// Rows per second over the time of one load, one line drawn with QPainter in the window's
/// palette (light or dark), on regular ticks. Takes one sample per call, at most every kSampleMs
/// of load time, and keeps at most kMaxPoints: beyond that, neighbouring points are averaged in
/// pairs, so a long load still shows from start to end. After the load it keeps the curve and
/// says how it ended in its title.
class ThroughputChart : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxPoints = 240;
    static constexpr qint64 kSampleMs = 250;

    explicit ThroughputChart(QWidget *parent = nullptr);

    /// The points shown: x in seconds since the load started, y in rows/s.
    const QList<QPointF> &points() const { return m_points; }
    QString title() const { return m_title; }
    QSize sizeHint() const override { return {360, 150}; }

public slots:
    /// A new load: empties the chart.
    void start();
    /// No load: empties the chart and says so.
    void clear();
    /// Rows/s at `elapsedMs` into the load; ignored if too close to the previous sample.
    void addSample(qint64 elapsedMs, double rowsPerSecond);
    /// The load ended: a last point and `summary` as the title.
    void finish(qint64 elapsedMs, double rowsPerSecond, const QString &summary);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void setTitle(const QString &title);

    QList<QPointF> m_points;
    qint64 m_lastSampleMs = -1;
    QString m_title;
};

} // namespace wharf::ui
