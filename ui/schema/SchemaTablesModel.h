#pragma once

#include "browse/SchemaComparison.h"

#include <QAbstractItemModel>

namespace wharf::ui {

/// The tables of one stored dlt schema as a tree (nested tables under their parent), with their
/// write disposition, rows and how many differences the database has from the schema.
class SchemaTablesModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, DispositionColumn, RowsColumn, DifferencesColumn, ColumnCount };
    /// Qt::UserRole: the index into view().tables, on every column.
    static constexpr int TableIndexRole = Qt::UserRole;

    explicit SchemaTablesModel(QObject *parent = nullptr);

    void setView(const wharf::SchemaView &view);
    const wharf::SchemaView &view() const { return m_view; }
    /// The index of table `name` (column 0), or an invalid one.
    QModelIndex indexOfTable(const QString &name) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    /// For each table (by index into m_view.tables): its parent's index (-1 for a root) and
    /// its children's indexes, in schema order; m_roots the root tables.
    QList<int> m_parentOf;
    QList<QList<int>> m_childrenOf;
    QList<int> m_roots;
    wharf::SchemaView m_view;

    const QList<int> &siblingsOf(int table) const;
};

} // namespace wharf::ui
