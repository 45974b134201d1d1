#pragma once

#include "Error.h"
#include "browse/SchemaComparison.h"

#include <QWidget>

class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QSortFilterProxyModel;
class QLabel;
class QTableView;
class QTreeView;

namespace wharf::ui {

class BrowserWorker;
class DatasetChooser;
class SchemaColumnsModel;
class SchemaTablesModel;

/// Schema view: a dataset's tables as dlt sees them (the newest `_dlt_version` of each schema)
/// — a tree of tables (nested ones under their parent) with write disposition and rows, the
/// selected table's columns with dlt types, hints and nullability — beside the database: what
/// is missing, of another type, unknown to the schema, or a variant column. Reads on a
/// BrowserWorker of its own.
class SchemaPanel : public QWidget {
    Q_OBJECT
public:
    explicit SchemaPanel(QWidget *parent = nullptr);

    void setDestination(const QString &name);
    const QString &destination() const { return m_destination; }
    /// Shows `dataset` once the datasets are listed.
    void showDataset(const QString &dataset);
    /// Selects table `name` of the shown schema (its columns show on the right).
    bool selectTable(const QString &name);

    DatasetChooser *datasetBox() const { return m_datasets; }
    QComboBox *schemaBox() const { return m_schemas; }
    SchemaTablesModel *tablesModel() const { return m_tables; }
    SchemaColumnsModel *columnsModel() const { return m_columns; }
    QTreeView *tablesView() const { return m_tablesView; }
    /// "Only differences": hides the columns that match.
    QCheckBox *onlyDifferences() const { return m_onlyDifferences; }
    /// The columns as shown (after "Only differences").
    QAbstractItemModel *shownColumns() const;
    QString statusText() const;

public slots:
    void refresh();

signals:
    /// The schemas of `dataset` were read and compared (or `error` says why not).
    void schemasShown(const QString &dataset, const QString &error);

private:
    void readSchemas();
    void showSchema(int index);
    void setStatus(const QString &text);

    BrowserWorker *m_worker;
    DatasetChooser *m_datasets;
    QComboBox *m_schemas;
    SchemaTablesModel *m_tables;
    SchemaColumnsModel *m_columns;
    QTreeView *m_tablesView;
    QTableView *m_columnsView;
    QSortFilterProxyModel *m_columnsFilter;
    QCheckBox *m_onlyDifferences;
    QLabel *m_status;
    QLabel *m_tableCaption;
    QList<wharf::SchemaView> m_views;
    QString m_destination;
    quint64 m_ticket = 0;
    quint64 m_readTicket = 0;
};

} // namespace wharf::ui
