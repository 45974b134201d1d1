#include "common/ElidedLabel.h"

#include <QPainter>
#include <QStyle>

namespace wharf::ui {

void ElidedLabel::setFullText(const QString &text)
{
    setText(text);
    setToolTip(text);
}

QSize ElidedLabel::sizeHint() const
{
    QSize size = QLabel::sizeHint();
    if (m_preferredWidth > 0)
        size.setWidth(m_preferredWidth);
    return size;
}

QSize ElidedLabel::minimumSizeHint() const
{
    // Room for a few letters and the ellipsis; the layout may give it more, up to sizeHint().
    QSize size = QLabel::minimumSizeHint();
    size.setWidth(fontMetrics().horizontalAdvance(QStringLiteral("Loaded…")));
    return size;
}

void ElidedLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRect area = contentsRect();
    const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, area.width());
    style()->drawItemText(&painter, area, int(alignment()), palette(), isEnabled(), shown, foregroundRole());
}

} // namespace wharf::ui
