#pragma once

#include "browse/DatasetBrowser.h"

#include <QAbstractItemModel>

namespace wharf::ui {

/// Datasets and their tables, for a tree view: datasets at the top, tables below with their
/// row counts ("≈1,234" for estimates). Tables of a dataset are asked for on demand: fetchMore()
/// on a dataset emits tablesRequested() and setTables() fills them in. GUI thread only.
class DatasetTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, RowsColumn, ColumnCount };
    enum Role {
        DatasetRole = Qt::UserRole + 1, ///< the dataset's name (on datasets and tables)
        TableRole,                      ///< the table's name (tables only)
    };

    explicit DatasetTreeModel(QObject *parent = nullptr);

    /// Replaces everything; tables are not loaded yet.
    void setDatasets(const QList<wharf::BrowserDataset> &datasets);
    void clear();
    /// The tables of a listed dataset (ignored for datasets not listed).
    void setTables(const QString &dataset, const QList<wharf::BrowserTable> &tables);
    /// Listing the tables of `dataset` failed: shown on the dataset, fetchable again.
    void setTablesFailed(const QString &dataset, const QString &message);

    QStringList datasets() const;
    bool tablesLoaded(const QString &dataset) const;
    QModelIndex datasetIndex(const QString &dataset) const;
    QModelIndex tableIndex(const QString &dataset, const QString &table) const;
    /// The table at `index`, or nullptr for datasets and invalid indexes.
    const wharf::BrowserTable *table(const QModelIndex &index) const;
    const wharf::BrowserTable *table(const QString &dataset, const QString &table) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    /// A view wants the tables of `dataset` (expanded it): list them and call setTables().
    void tablesRequested(const QString &dataset);

private:
    enum class State { NotLoaded, Loading, Loaded, Failed };
    struct Node {
        wharf::BrowserDataset dataset;
        State state = State::NotLoaded;
        QString error;
        QList<wharf::BrowserTable> tables;
    };
    int rowOf(const QString &dataset) const;
    QVariant datasetData(const Node &node, int column, int role) const;
    QVariant tableData(const wharf::BrowserTable &table, int column, int role) const;

    QList<Node> m_nodes;
};

} // namespace wharf::ui
