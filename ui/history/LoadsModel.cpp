#include "history/LoadsModel.h"

#include <QDir>

namespace wharf::ui {

LoadsModel::LoadsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void LoadsModel::setLoads(const QList<BrowserLoad> &loads)
{
    beginResetModel();
    m_loads = loads;
    m_packages.clear();
    for (const BrowserLoad &load : loads)
        m_packages.append(m_locate ? m_locate(load.loadId) : QString());
    endResetModel();
}

int LoadsModel::rowOf(const QString &loadId) const
{
    for (int r = 0; r < m_loads.size(); ++r)
        if (m_loads[r].loadId == loadId)
            return r;
    return -1;
}

int LoadsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_loads.size());
}

int LoadsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LoadsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BrowserLoad &load = m_loads.at(index.row());
    if (role == LoadIdRole)
        return load.loadId;
    if (role == Qt::ToolTipRole && index.column() == PackageColumn)
        return m_packages.at(index.row()).isEmpty() ? tr("The package of this load is not among the listed folders")
                                                    : QDir::toNativeSeparators(m_packages.at(index.row()));
    if (role == Qt::ToolTipRole && index.column() == SchemaColumn && !load.schemaVersionHash.isEmpty())
        return tr("Schema version hash %1").arg(load.schemaVersionHash);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case LoadIdColumn:
        return load.loadId;
    case SchemaColumn:
        return load.schemaName;
    case StatusColumn:
        // dlt writes 0 once every job of the package is in; anything else is not dlt's.
        return load.status == 0 ? tr("loaded") : tr("status %1").arg(load.status);
    case InsertedAtColumn:
        return load.insertedAt;
    case PackageColumn:
        return m_packages.at(index.row()).isEmpty() ? tr("not on disk")
                                                    : QDir::toNativeSeparators(m_packages.at(index.row()));
    }
    return {};
}

QVariant LoadsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LoadIdColumn:
        return tr("Load ID");
    case SchemaColumn:
        return tr("Schema");
    case StatusColumn:
        return tr("Status");
    case InsertedAtColumn:
        return tr("Loaded at");
    case PackageColumn:
        return tr("Package");
    }
    return {};
}

} // namespace wharf::ui
