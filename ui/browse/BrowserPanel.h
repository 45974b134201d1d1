#pragma once

#include "Error.h"
#include "TableExportJob.h"
#include "browse/DatasetBrowser.h"
#include "browse/TableExport.h"
#include "destination/ResolvedDestination.h"

#include <QPointer>
#include <QSet>
#include <QWidget>
#include <optional>

class QAction;
class QLabel;
class QProgressBar;
class QStackedWidget;
class QTableView;
class QTreeView;

namespace wharf::ui {

class BrowserColumnsModel;
class BrowserWorker;
class DatasetTreeModel;
class TableDataModel;
class ExportController;
class TableDataView;

/// The dataset browser: the destination's datasets and tables (with row counts) on the left,
/// the columns of the selected table (database and dlt types) below them, and its rows on the
/// right, read 200 at a time as the grid scrolls, sorted and filtered by the database. All
/// database work runs on the panel's BrowserWorker thread; errors (a server that cannot be
/// reached) show in the panel, never as dialogs.
class BrowserPanel : public QWidget {
    Q_OBJECT
public:
    explicit BrowserPanel(QWidget *parent = nullptr);
    ~BrowserPanel() override;

    DatasetTreeModel *treeModel() const { return m_tree; }
    TableDataModel *dataModel() const { return m_data; }
    BrowserColumnsModel *columnsModel() const { return m_columns; }
    QTreeView *treeView() const { return m_treeView; }
    TableDataView *dataView() const { return m_dataView; }
    QTableView *columnsView() const { return m_columnsView; }
    /// Lists the datasets again (the main window can give it a menu entry and a shortcut).
    QAction *refreshAction() const { return m_refreshAction; }

    /// The table the grid shows (empty when none).
    QString currentDataset() const;
    QString currentTable() const;
    /// The error shown in the panel, empty when none.
    QString errorText() const;
    /// The line under the grid ("200 rows, more as you scroll").
    QString statusText() const;
    /// Something is being read (datasets, tables or rows).
    bool isBusy() const;
    /// Writes every row of the grid's table that its filters keep, in its order, to `path`
    /// (on a thread and a connection of its own; exportFinished follows). False when an export
    /// runs already or no table is shown. Export… in the grid asks for the file first.
    bool exportTo(const QString &path, wharf::ExportFormat format);
    /// Writes every row the grid's filters keep as a dlt load package under `folder` (as
    /// exportTo(); exportFinished follows). False when an export is running.
    bool exportPackageTo(const QString &folder);
    TableExportJob *exportJob() const;

public slots:
    /// Browses destination `name` ("sqlite", "postgres" or a named destination); its
    /// configuration is resolved on the worker thread, as a load resolves it.
    void setDestination(const QString &name);
    /// Browses an already resolved destination.
    void setResolvedDestination(const wharf::ResolvedDestination &destination);
    /// Lists datasets and the tables of the expanded datasets again, keeping the selection.
    void refresh();
    /// Selects `table` of `dataset` (or just expands `dataset` when `table` is empty), now if it
    /// is listed, else as soon as it is.
    void selectTable(const QString &dataset, const QString &table = {});

signals:
    /// An export ended: rows written, or why not (`cancelled`: by the user).
    void exportFinished(qint64 rows, const QString &error, bool cancelled);
    /// Something could not be read; `message` is shown in the panel too.
    void errorOccurred(const QString &message);
    /// The status line changed.
    void statusChanged(const QString &message);
    /// The grid shows another table (empty strings: none).
    void currentTableChanged(const QString &dataset, const QString &table);

private:
    TableExportJob::Resolver exportResolver() const;
    qint64 estimatedRows() const;
    void askExport();
    enum class ErrorSource { None, Catalog, Grid };
    void buildLayout();
    void startOver(const QString &location);
    void wireWorker();
    void onDatasetsListed(const QList<wharf::BrowserDataset> &datasets);
    void onDatasetsFailed(const wharf::ErrorInfo &error);
    void onTablesListed(const QString &dataset, const QList<wharf::BrowserTable> &tables);
    void onTablesFailed(const QString &dataset, const wharf::ErrorInfo &error);
    void onCurrentChanged(const QModelIndex &current);
    void showTable(const QString &dataset, const wharf::BrowserTable &table);
    void showPlaceholder(const QString &text);
    bool applyPendingSelection();
    void requestTables(const QString &dataset);
    void setError(ErrorSource source, const QString &message);
    void clearError(ErrorSource source);
    void updateStatus();

    BrowserWorker *m_worker;
    DatasetTreeModel *m_tree;
    TableDataModel *m_data;
    BrowserColumnsModel *m_columns;
    QTreeView *m_treeView = nullptr;
    TableDataView *m_dataView = nullptr;
    QTableView *m_columnsView = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_locationLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QProgressBar *m_busy = nullptr;
    QAction *m_refreshAction = nullptr;
    ExportController *m_export = nullptr;
    QString m_destinationName;                            ///< browsed by name (setDestination) ...
    std::optional<wharf::ResolvedDestination> m_resolved; ///< ... or as resolved

    bool m_hasDestination = false;
    QString m_location;
    bool m_listingDatasets = false;
    QSet<QString> m_loadingTables;
    QSet<QString> m_expanded; ///< datasets whose tables to list again on refresh
    QString m_pendingDataset;
    QString m_pendingTable;
    ErrorSource m_errorSource = ErrorSource::None;
    QString m_status;
};

} // namespace wharf::ui
