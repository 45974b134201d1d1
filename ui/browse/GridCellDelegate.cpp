#include "browse/GridCellDelegate.h"

#include "browse/TableDataModel.h"

namespace wharf::ui {

void GridCellDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->textElideMode = index.data(TableDataModel::NumericRole).toBool() ? Qt::ElideMiddle : Qt::ElideRight;
}

} // namespace wharf::ui
