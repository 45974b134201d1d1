#include "browse/BrowserColumnsModel.h"

#include <QBrush>
#include <QColor>

namespace wharf::ui {

BrowserColumnsModel::BrowserColumnsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void BrowserColumnsModel::setTable(const BrowserTable &table)
{
    beginResetModel();
    m_columns = table.columns;
    endResetModel();
}

void BrowserColumnsModel::clear()
{
    setTable({});
}

int BrowserColumnsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

int BrowserColumnsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BrowserColumnsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const BrowserColumn &c = m_columns[index.row()];
    if (role == Qt::ToolTipRole)
        return c.describe();
    if (role == Qt::ForegroundRole && index.column() == DltTypeColumn && c.dltType.isEmpty())
        return QBrush(QColor(Qt::gray));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return c.name;
    case DbTypeColumn:
        return c.dbType;
    case DltTypeColumn:
        return c.dltType.isEmpty() ? tr("—") : c.dltType;
    case NullableColumn:
        return c.nullable ? tr("yes") : tr("no");
    default:
        return {};
    }
}

QVariant BrowserColumnsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Column");
    case DbTypeColumn:
        return tr("DB type");
    case DltTypeColumn:
        return tr("dlt type");
    case NullableColumn:
        return tr("Null");
    default:
        return {};
    }
}

} // namespace wharf::ui
