#pragma once

#include "browse/SchemaComparison.h"

#include <QAbstractTableModel>

namespace wharf::ui {

/// The columns of one table of a stored dlt schema beside the database's: dlt type, database
/// type, nullability, hints, and what differs (missing in the database, another type, not in
/// the schema, a variant column).
class SchemaColumnsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, DltTypeColumn, DbTypeColumn, NullableColumn, HintsColumn, ColumnCount };
    /// Qt::UserRole: int(SchemaColumnView::Status) on every column.
    static constexpr int StatusRole = Qt::UserRole;

    explicit SchemaColumnsModel(QObject *parent = nullptr);

    void setTable(const wharf::SchemaTableView &table);
    void clear();
    const QList<wharf::SchemaColumnView> &columns() const { return m_columns; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "missing in the database", "another type", ... ("" for a column that matches).
    static QString statusText(wharf::SchemaColumnView::Status status);

private:
    QList<wharf::SchemaColumnView> m_columns;
};

} // namespace wharf::ui
