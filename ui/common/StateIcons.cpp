#include "common/StateIcons.h"

#include "common/StateColors.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace wharf::ui {

namespace {

/// Draws the glyph of `state` into a square of `size` device-independent pixels.
QPixmap drawIcon(JobState state, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 16.0, size / 16.0); // drawn on a 16x16 grid
    const QColor color = colors::forState(state);
    const QRectF disc(1.5, 1.5, 13, 13);
    QPen white(Qt::white, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    switch (state) {
    case JobState::Ready:
        p.setPen(QPen(color, 2.0));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(disc.adjusted(1, 1, -1, -1));
        break;
    case JobState::Running: {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(disc);
        QPainterPath play;
        play.moveTo(6.2, 4.8);
        play.lineTo(11.4, 8.0);
        play.lineTo(6.2, 11.2);
        play.closeSubpath();
        p.setBrush(Qt::white);
        p.drawPath(play);
        break;
    }
    case JobState::Completed:
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(disc);
        p.setPen(white);
        p.drawPolyline(QPolygonF({QPointF(4.8, 8.2), QPointF(7.0, 10.4), QPointF(11.2, 5.8)}));
        break;
    case JobState::Retry:
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(disc);
        p.setPen(white);
        p.setBrush(Qt::NoBrush);
        p.drawArc(QRectF(4.5, 4.5, 7, 7), 90 * 16, 270 * 16);
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        p.drawPolygon(QPolygonF({QPointF(8.0, 2.6), QPointF(10.6, 4.5), QPointF(8.0, 6.4)}));
        break;
    case JobState::Failed:
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(disc);
        p.setPen(white);
        p.drawLine(QPointF(5.5, 5.5), QPointF(10.5, 10.5));
        p.drawLine(QPointF(10.5, 5.5), QPointF(5.5, 10.5));
        break;
    }
    return pixmap;
}

} // namespace

QIcon stateIcon(JobState state)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(state));
    if (it == cache.end()) {
        QIcon icon;
        for (int size : {16, 24, 32, 48})
            icon.addPixmap(drawIcon(state, size));
        it = cache.insert(int(state), icon);
    }
    return *it;
}

QIcon eyeIcon(bool open, const QColor &color)
{
    constexpr int kSize = 32; // drawn large, scaled down crisply
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(color, 2.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    QPainterPath lid;
    lid.moveTo(3, 16);
    lid.quadTo(16, 3, 29, 16);
    lid.quadTo(16, 29, 3, 16);
    p.drawPath(lid);
    p.setBrush(color);
    p.drawEllipse(QPointF(16, 16), 4.5, 4.5);
    if (!open)
        p.drawLine(QPointF(5, 27), QPointF(27, 5));
    p.end();
    return QIcon(pixmap);
}

} // namespace wharf::ui
