#pragma once

#include "browse/DatasetBrowser.h"

#include <QAbstractTableModel>

namespace wharf::ui {

/// The rows one load left in each table of a dataset (DatasetBrowser::countLoadRows), with the
/// root table a nested table's rows were counted through.
class LoadRowsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TableColumn, RowsColumn, ThroughColumn, ColumnCount };

    explicit LoadRowsModel(QObject *parent = nullptr);

    void setRows(const QString &loadId, const QList<wharf::LoadTableRows> &rows);
    void clear() { setRows({}, {}); }
    const QString &loadId() const { return m_loadId; }
    const QList<wharf::LoadTableRows> &rows() const { return m_rows; }
    qint64 totalRows() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_loadId;
    QList<wharf::LoadTableRows> m_rows;
};

} // namespace wharf::ui
