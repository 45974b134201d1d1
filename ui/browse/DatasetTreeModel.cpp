#include "browse/DatasetTreeModel.h"

#include "common/Counts.h"

#include <QBrush>
#include <QColor>

namespace wharf::ui {

namespace {
// internalId of a table index: its dataset's row + 1 (0 marks datasets).
constexpr quintptr kDatasetId = 0;
} // namespace

DatasetTreeModel::DatasetTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void DatasetTreeModel::setDatasets(const QList<BrowserDataset> &datasets)
{
    beginResetModel();
    m_nodes.clear();
    for (const BrowserDataset &d : datasets)
        m_nodes.append(Node{d, State::NotLoaded, {}, {}});
    endResetModel();
}

void DatasetTreeModel::clear()
{
    setDatasets({});
}

int DatasetTreeModel::rowOf(const QString &dataset) const
{
    for (int r = 0; r < m_nodes.size(); ++r)
        if (m_nodes[r].dataset.name == dataset)
            return r;
    return -1;
}

void DatasetTreeModel::setTables(const QString &dataset, const QList<BrowserTable> &tables)
{
    const int row = rowOf(dataset);
    if (row < 0)
        return;
    Node &node = m_nodes[row];
    const QModelIndex parent = index(row, 0);
    if (!node.tables.isEmpty()) {
        beginRemoveRows(parent, 0, int(node.tables.size()) - 1);
        node.tables.clear();
        endRemoveRows();
    }
    node.state = State::Loaded;
    node.error.clear();
    if (!tables.isEmpty()) {
        beginInsertRows(parent, 0, int(tables.size()) - 1);
        node.tables = tables;
        endInsertRows();
    }
    emit dataChanged(parent, index(row, ColumnCount - 1));
}

void DatasetTreeModel::setTablesFailed(const QString &dataset, const QString &message)
{
    const int row = rowOf(dataset);
    if (row < 0)
        return;
    m_nodes[row].state = State::Failed;
    m_nodes[row].error = message;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QStringList DatasetTreeModel::datasets() const
{
    QStringList out;
    for (const Node &n : m_nodes)
        out.append(n.dataset.name);
    return out;
}

bool DatasetTreeModel::tablesLoaded(const QString &dataset) const
{
    const int row = rowOf(dataset);
    return row >= 0 && m_nodes[row].state == State::Loaded;
}

QModelIndex DatasetTreeModel::datasetIndex(const QString &dataset) const
{
    const int row = rowOf(dataset);
    return row < 0 ? QModelIndex() : index(row, 0);
}

QModelIndex DatasetTreeModel::tableIndex(const QString &dataset, const QString &table) const
{
    const int row = rowOf(dataset);
    if (row < 0)
        return {};
    const auto &tables = m_nodes[row].tables;
    for (int t = 0; t < tables.size(); ++t)
        if (tables[t].name == table)
            return index(t, 0, index(row, 0));
    return {};
}

const BrowserTable *DatasetTreeModel::table(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == kDatasetId)
        return nullptr;
    const Node &node = m_nodes[int(index.internalId() - 1)];
    return &node.tables[index.row()];
}

const BrowserTable *DatasetTreeModel::table(const QString &dataset, const QString &name) const
{
    return table(tableIndex(dataset, name));
}

QModelIndex DatasetTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_nodes.size() ? createIndex(row, column, kDatasetId) : QModelIndex();
    if (parent.internalId() != kDatasetId || parent.row() >= m_nodes.size())
        return {};
    if (row >= m_nodes[parent.row()].tables.size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex DatasetTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kDatasetId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kDatasetId);
}

int DatasetTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_nodes.size());
    if (parent.column() != 0 || parent.internalId() != kDatasetId)
        return 0;
    return int(m_nodes[parent.row()].tables.size());
}

int DatasetTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool DatasetTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_nodes.isEmpty();
    if (parent.column() != 0 || parent.internalId() != kDatasetId)
        return false;
    const Node &node = m_nodes[parent.row()];
    return node.state != State::Loaded || !node.tables.isEmpty();
}

bool DatasetTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.internalId() != kDatasetId)
        return false;
    const State s = m_nodes[parent.row()].state;
    return s == State::NotLoaded || s == State::Failed;
}

void DatasetTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node &node = m_nodes[parent.row()];
    node.state = State::Loading;
    emit dataChanged(index(parent.row(), 0), index(parent.row(), ColumnCount - 1));
    emit tablesRequested(node.dataset.name);
}

QVariant DatasetTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kDatasetId)
        return datasetData(m_nodes[index.row()], index.column(), role);
    const Node &node = m_nodes[int(index.internalId() - 1)];
    if (role == DatasetRole)
        return node.dataset.name;
    return tableData(node.tables[index.row()], index.column(), role);
}

QVariant DatasetTreeModel::datasetData(const Node &node, int column, int role) const
{
    switch (role) {
    case DatasetRole:
        return node.dataset.name;
    case Qt::DisplayRole:
        if (column == NameColumn)
            return node.dataset.staging ? tr("%1 (staging)").arg(node.dataset.name)
                   : node.dataset.dlt   ? node.dataset.name
                                        : tr("%1 (not from dlt)").arg(node.dataset.name);
        switch (node.state) {
        case State::NotLoaded:
            return QString();
        case State::Loading:
            return tr("loading…");
        case State::Failed:
            return tr("error");
        case State::Loaded:
            return countOf(node.tables.size(), tr("table"), tr("tables"));
        }
        return {};
    case Qt::ToolTipRole:
        if (node.state == State::Failed)
            return node.error;
        if (node.dataset.staging)
            return tr("Staging dataset: merge jobs load their rows here first");
        if (!node.dataset.dlt)
            return tr("No _dlt_version here: not a dataset dlt loaded; its tables show without dlt types");
        return {};
    case Qt::ForegroundRole:
        if (node.state == State::Failed)
            return QBrush(QColor(0xb0, 0x20, 0x20));
        return {};
    case Qt::TextAlignmentRole:
        return column == RowsColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    default:
        return {};
    }
}

QVariant DatasetTreeModel::tableData(const BrowserTable &table, int column, int role) const
{
    switch (role) {
    case TableRole:
        return table.name;
    case Qt::DisplayRole:
        if (column == RowsColumn)
            return table.rowsText();
        return table.kind == BrowserTableKind::View ? tr("%1 (view)").arg(table.name) : table.name;
    case Qt::ToolTipRole: {
        QStringList lines;
        lines.append(column == RowsColumn
                         ? (table.rows < 0    ? tr("Row count unknown (views are not counted)")
                            : table.rowsExact ? tr("%1 rows").arg(table.rowsText())
                                              : tr("About %1 rows (the database's estimate)").arg(table.rowsText()))
                         : table.name);
        if (column == NameColumn)
            for (const BrowserColumn &c : table.columns)
                lines.append(QStringLiteral("  ") + c.describe());
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::ForegroundRole:
        // dlt's own bookkeeping tables step back behind the data.
        return table.isDltTable() ? QVariant(QBrush(QColor(Qt::gray))) : QVariant();
    case Qt::TextAlignmentRole:
        return column == RowsColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    default:
        return {};
    }
}

QVariant DatasetTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Dataset / table") : section == RowsColumn ? tr("Rows") : QVariant();
}

} // namespace wharf::ui
