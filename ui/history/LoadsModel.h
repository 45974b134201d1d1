#pragma once

#include "browse/DatasetBrowser.h"

#include <QAbstractTableModel>
#include <functional>

namespace wharf::ui {

/// A dataset's loads (its `_dlt_loads`, newest first) with the package each came from when it
/// is on disk among the listed packages.
class LoadsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { LoadIdColumn, SchemaColumn, StatusColumn, InsertedAtColumn, PackageColumn, ColumnCount };
    /// Qt::UserRole: the load id, on every column.
    static constexpr int LoadIdRole = Qt::UserRole;

    explicit LoadsModel(QObject *parent = nullptr);

    /// Finds the package folder of a load id ("" when it is not on disk); asked when loads are shown.
    using PackageLocator = std::function<QString(const QString &loadId)>;
    void setPackageLocator(PackageLocator locator) { m_locate = std::move(locator); }

    void setLoads(const QList<wharf::BrowserLoad> &loads);
    void clear() { setLoads({}); }
    const wharf::BrowserLoad &load(int row) const { return m_loads.at(row); }
    QString packageDir(int row) const { return m_packages.at(row); }
    int rowOf(const QString &loadId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<wharf::BrowserLoad> m_loads;
    QStringList m_packages;
    PackageLocator m_locate;
};

} // namespace wharf::ui
