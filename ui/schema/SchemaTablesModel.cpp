#include "schema/SchemaTablesModel.h"

#include "common/StateColors.h"

#include <QLocale>

namespace wharf::ui {

// Internal ids are the table's index into m_view.tables, plus one (0 would be "no item").
SchemaTablesModel::SchemaTablesModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void SchemaTablesModel::setView(const SchemaView &view)
{
    beginResetModel();
    m_view = view;
    m_parentOf.clear();
    m_childrenOf.clear();
    m_roots.clear();
    for (int i = 0; i < m_view.tables.size(); ++i) {
        int parent = -1;
        for (int p = 0; p < m_view.tables.size() && !m_view.tables[i].parent.isEmpty(); ++p)
            if (m_view.tables[p].name == m_view.tables[i].parent)
                parent = p;
        m_parentOf.append(parent);
        m_childrenOf.append(QList<int>());
    }
    for (int i = 0; i < m_view.tables.size(); ++i) {
        if (m_parentOf[i] < 0)
            m_roots.append(i);
        else
            m_childrenOf[m_parentOf[i]].append(i);
    }
    endResetModel();
}

const QList<int> &SchemaTablesModel::siblingsOf(int table) const
{
    return m_parentOf[table] < 0 ? m_roots : m_childrenOf[m_parentOf[table]];
}

QModelIndex SchemaTablesModel::indexOfTable(const QString &name) const
{
    for (int i = 0; i < m_view.tables.size(); ++i)
        if (m_view.tables[i].name == name)
            return createIndex(int(siblingsOf(i).indexOf(i)), 0, quintptr(i + 1));
    return {};
}

QModelIndex SchemaTablesModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const QList<int> &rows = parent.isValid() ? m_childrenOf[int(parent.internalId()) - 1] : m_roots;
    return createIndex(row, column, quintptr(rows[row] + 1));
}

QModelIndex SchemaTablesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int parent = m_parentOf[int(child.internalId()) - 1];
    if (parent < 0)
        return {};
    return createIndex(int(siblingsOf(parent).indexOf(parent)), 0, quintptr(parent + 1));
}

int SchemaTablesModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    return int(m_childrenOf[int(parent.internalId()) - 1].size());
}

int SchemaTablesModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SchemaTablesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int i = int(index.internalId()) - 1;
    const SchemaTableView &t = m_view.tables[i];
    if (role == TableIndexRole)
        return i;
    if (role == Qt::ToolTipRole) {
        if (!t.inDatabase)
            return tr("%1 is in the schema but not in the database (dlt creates a table once it has data)").arg(t.name);
        return t.differences > 0 ? tr("%1: %n difference(s) from the schema", nullptr, t.differences).arg(t.name)
                                 : tr("%1 matches the schema").arg(t.name);
    }
    if (role == Qt::ForegroundRole && index.column() == DifferencesColumn && t.differences > 0)
        return colors::warning();
    if (role == Qt::ForegroundRole && index.column() == NameColumn && !t.inDatabase)
        return colors::neutral();
    if (role == Qt::TextAlignmentRole && (index.column() == RowsColumn || index.column() == DifferencesColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return t.name;
    case DispositionColumn:
        return t.strategy.isEmpty() ? t.disposition : t.disposition + QLatin1Char(' ') + t.strategy;
    case RowsColumn:
        if (!t.inDatabase)
            return tr("not created");
        if (t.rows < 0)
            return QStringLiteral("?");
        return (t.rowsExact ? QString() : QStringLiteral("≈")) + QLocale().toString(t.rows);
    case DifferencesColumn:
        return t.differences > 0 ? QVariant(t.differences) : QVariant(QString());
    }
    return {};
}

QVariant SchemaTablesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Table");
    case DispositionColumn:
        return tr("Write disposition");
    case RowsColumn:
        return tr("Rows");
    case DifferencesColumn:
        return tr("Differences");
    }
    return {};
}

} // namespace wharf::ui
