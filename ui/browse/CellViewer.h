#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace wharf::ui {

/// A cell's whole value, for text too long for the grid and JSON (pretty-printed, also a text
/// column whose value is a JSON object or array): read-only, monospace, selectable, with Copy.
/// Not modal: the grid stays usable; the browser reuses one viewer for the current cell.
class CellViewer : public QDialog {
    Q_OBJECT
public:
    explicit CellViewer(QWidget *parent = nullptr);

    /// Shows `value` of `column` (the title says which); `json`: the column's dlt type is json.
    void showValue(const QString &column, const QVariant &value, bool json);
    QString text() const;

    /// The text shown for `value`: NULL as "NULL", JSON indented, binary as hex, else as is.
    static QString displayText(const QVariant &value, bool json);

private:
    QPlainTextEdit *m_text;
};

} // namespace wharf::ui
