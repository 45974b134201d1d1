#pragma once

#include <QStyledItemDelegate>

namespace wharf::ui {

/// Draws the grid's cells. A number too wide for its column is elided in the middle
/// ("3.6957…e-08"), never at the end, so that its magnitude and sign stay readable and a sorted
/// column still looks sorted; text is elided at the end as usual. The full value is in the
/// tooltip (TableDataModel).
class GridCellDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace wharf::ui
