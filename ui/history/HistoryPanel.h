#pragma once

#include "Error.h"
#include "history/LoadsModel.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QMessageBox;
class QTableView;

namespace wharf::ui {

class BrowserWorker;
class DatasetChooser;
class LoadRowsModel;

/// Load history: a dataset's loads as its `_dlt_loads` records them (load id, schema, status,
/// time, the package it came from when that is on disk), the rows the selected load left in
/// each table (counted by `_dlt_load_id`, nested tables through their root), and "Delete the
/// rows of this load" after a confirmation that shows the counts (one transaction). Reads on
/// a BrowserWorker of its own: the GUI never waits for the database.
class HistoryPanel : public QWidget {
    Q_OBJECT
public:
    explicit HistoryPanel(QWidget *parent = nullptr);

    /// Shows destination `name` (connects on the worker when first needed).
    void setDestination(const QString &name);
    const QString &destination() const { return m_destination; }
    /// Shows `dataset` once the datasets are listed (the first dlt dataset when empty).
    void showDataset(const QString &dataset);
    /// Selects load `loadId` of the shown dataset once its loads are listed.
    void selectLoad(const QString &loadId);
    void setPackageLocator(LoadsModel::PackageLocator locator) { m_loads->setPackageLocator(std::move(locator)); }

    LoadsModel *loadsModel() const { return m_loads; }
    LoadRowsModel *rowsModel() const { return m_rows; }
    DatasetChooser *datasetBox() const { return m_datasets; }
    QTableView *loadsView() const { return m_loadsView; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    QString statusText() const;
    /// The delete confirmation while it is open (for tests).
    QMessageBox *deleteConfirmation() const { return m_confirm; }

public slots:
    /// Lists the datasets and the loads again.
    void refresh();
    /// Asks (without blocking) to delete the rows of the selected load, then deletes them.
    void deleteSelectedLoad();

signals:
    void loadsListed(const QString &dataset);
    void rowsCounted(const QString &loadId);
    /// Rows of `loadId` were deleted from `dataset` (the browser shows them no more).
    void rowsDeleted(const QString &dataset, const QString &loadId, qint64 rows);
    /// A request failed; also in the status line.
    void failed(const QString &message);

private:
    void listLoads();
    void countRows();
    void answered(quint64 ticket, const QVariant &value);
    void callFailed(quint64 ticket, const wharf::ErrorInfo &error);
    void setStatus(const QString &text);
    void updateActions();
    QString currentDataset() const;

    BrowserWorker *m_worker;
    LoadsModel *m_loads;
    LoadRowsModel *m_rows;
    DatasetChooser *m_datasets;
    QTableView *m_loadsView;
    QTableView *m_rowsView;
    QLabel *m_status;
    QLabel *m_rowsCaption;
    QAction *m_deleteAction;
    QAction *m_refreshAction;
    QPointer<QMessageBox> m_confirm;
    QString m_destination;
    QString m_wantedLoad;
    quint64 m_ticket = 0;
    quint64 m_loadsTicket = 0;
    quint64 m_countTicket = 0;
    quint64 m_deleteTicket = 0;
    QString m_deleting; ///< the load whose rows are being deleted
    QString m_notice;   ///< what the last delete did, kept in the status past the next listing
};

} // namespace wharf::ui
