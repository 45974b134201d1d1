#include "history/LoadRowsModel.h"

#include <QLocale>

namespace wharf::ui {

LoadRowsModel::LoadRowsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void LoadRowsModel::setRows(const QString &loadId, const QList<LoadTableRows> &rows)
{
    beginResetModel();
    m_loadId = loadId;
    m_rows = rows;
    endResetModel();
}

qint64 LoadRowsModel::totalRows() const
{
    qint64 total = 0;
    for (const LoadTableRows &r : m_rows)
        total += r.rows;
    return total;
}

int LoadRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LoadRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LoadRowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LoadTableRows &r = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() == RowsColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == ThroughColumn && !r.root.isEmpty())
        return tr("A nested table has no _dlt_load_id: its rows of this load are those whose _dlt_root_id is a "
                  "row of %1 with this load id")
            .arg(r.root);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TableColumn:
        return r.table;
    case RowsColumn:
        return QLocale().toString(r.rows);
    case ThroughColumn:
        return r.root.isEmpty() ? tr("_dlt_load_id") : tr("root %1").arg(r.root);
    }
    return {};
}

QVariant LoadRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TableColumn:
        return tr("Table");
    case RowsColumn:
        return tr("Rows of this load");
    case ThroughColumn:
        return tr("Counted by");
    }
    return {};
}

} // namespace wharf::ui
