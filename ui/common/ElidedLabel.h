#pragma once

#include <QLabel>

namespace wharf::ui {

/// A one-line label that may get narrower than its text: it then ends the text with "…" and
/// shows the whole of it as its tooltip. text() is always the whole text. Plain text only.
class ElidedLabel : public QLabel {
public:
    using QLabel::QLabel;

    /// Sets the text; the tooltip follows it (the whole text, for when it is cut).
    void setFullText(const QString &text);
    /// The width the label asks for whatever its text (0: its text's). A fixed one keeps the
    /// widgets beside it still while the text changes.
    void setPreferredWidth(int width)
    {
        m_preferredWidth = width;
        updateGeometry();
    }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int m_preferredWidth = 0;
};

} // namespace wharf::ui
