#pragma once

#include "Error.h"

#include <QElapsedTimer>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;

namespace wharf::ui {

class BrowserWorker;
class DatasetChooser;
class ExportController;
class JobSampleModel;
class TableDataModel;
class TableDataView;

/// SQL console: a query editor (SQL highlighted; Ctrl+Return runs, Esc cancels the statement on
/// the server; the statements run before, per destination, a pick away), and the result:
/// a query (SELECT, WITH, VALUES, TABLE) in the browser's paged grid — pages read as the grid
/// scrolls, sorted and filtered by the database, counted and exported on demand, never the
/// whole result in memory — any other statement's rows in a plain grid. Read-only unless
/// "Allow writes" is ticked, and then for statements only (a query runs again for every page).
/// Works on a BrowserWorker of its own.
class SqlConsolePanel : public QWidget {
    Q_OBJECT
public:
    /// Most rows a statement that is not a query shows (EXPLAIN, PRAGMA, ... RETURNING).
    static constexpr int kStatementRows = 1000;

    explicit SqlConsolePanel(QWidget *parent = nullptr);

    void setDestination(const QString &name);
    const QString &destination() const { return m_destination; }
    void showDataset(const QString &dataset);

    QPlainTextEdit *editor() const { return m_editor; }
    DatasetChooser *datasetBox() const { return m_datasets; }
    QCheckBox *allowWrites() const { return m_allowWrites; }
    QComboBox *historyBox() const { return m_history; }
    QAction *runAction() const { return m_runAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *exportAction() const { return m_exportAction; }
    TableDataModel *resultModel() const { return m_result; }
    TableDataView *resultView() const { return m_resultView; }
    JobSampleModel *statementModel() const { return m_statementResult; }
    ExportController *exporter() const { return m_export; }
    bool isRunning() const;
    QString statusText() const;

public slots:
    /// Runs the editor's statement (Ctrl+Return).
    void run();
    /// Interrupts the running statement on the server (Esc).
    void cancel();

protected:
    /// Esc while a statement runs cancels it (also when the window's Cancel has Esc too).
    void keyPressEvent(QKeyEvent *event) override;

signals:
    /// A run ended: `error` empty when it went well (for a query: its first page arrived).
    void finished(const QString &error);

private:
    void buildActions();
    void wireWorker();
    void reloadHistory();
    void setStatus(const QString &text);
    void updateActions();
    void queryPageArrived();
    QString elapsed() const;

    BrowserWorker *m_worker;
    DatasetChooser *m_datasets;
    QCheckBox *m_allowWrites;
    QLabel *m_writeWarning;
    QComboBox *m_history;
    QPlainTextEdit *m_editor;
    QStackedWidget *m_results;
    TableDataModel *m_result;
    TableDataView *m_resultView;
    JobSampleModel *m_statementResult;
    QTableView *m_statementView;
    QLabel *m_status;
    QAction *m_runAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_exportAction = nullptr;
    ExportController *m_export;
    QString m_destination;
    QElapsedTimer m_clock;
    bool m_queryRunning = false; ///< a query's first page is awaited
    quint64 m_ticket = 0;
    quint64 m_statementTicket = 0;
};

} // namespace wharf::ui
