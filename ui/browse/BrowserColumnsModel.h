#pragma once

#include "browse/DatasetBrowser.h"

#include <QAbstractTableModel>

namespace wharf::ui {

/// The columns of the table the browser shows: name, database type, dlt type, nullability.
class BrowserColumnsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, DbTypeColumn, DltTypeColumn, NullableColumn, ColumnCount };

    explicit BrowserColumnsModel(QObject *parent = nullptr);

    void setTable(const wharf::BrowserTable &table);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<wharf::BrowserColumn> m_columns;
};

} // namespace wharf::ui
