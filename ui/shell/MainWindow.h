#pragma once

#include "load/JobErrorDialog.h"
#include "load/LoadEvents.h"
#include "shell/Startup.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

class QAction;
class QLineEdit;
class QPlainTextEdit;
class QLabel;
class QTabWidget;

namespace wharf::ui {

class BrowserPanel;
class DesktopNotifier;
class DestinationEditor;
class DestinationPicker;
class HistoryPanel;
class JobsPanel;
class KeychainSecrets;
class LoadActions;
class LoadControls;
class LoadPage;
class LoadQueue;
class LoadSession;
class LogDock;
class PackagesPanel;
class QueuePanel;
class QuitGuard;
class SchemaPanel;
class SqlConsolePanel;
struct QueueSummary;

/// The main window: the destination picker above three tabs — Load (packages list, the jobs
/// of the package, Run/Cancel/Retry failed jobs/Abort package with progress and a throughput
/// chart), Browse (the destination's datasets and tables) and Destination (its settings and
/// capabilities) — a status bar and a log dock. It only composes the widgets and routes
/// signals between them and a LoadSession; loads run on the loader's thread, browsing on the
/// browser's. Geometry, docks, the destination, the package and the tab persist (QSettings).
/// Expects the destinations to be registered already (the app does that).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Tab { LoadTab, BrowseTab, HistoryTab, SchemaTab, SqlTab, DestinationTab };

    explicit MainWindow(const StartupState &startup, QWidget *parent = nullptr);
    ~MainWindow() override;

    DestinationPicker *destinationPicker() const { return m_picker; }
    PackagesPanel *packagesPanel() const { return m_packages; }
    JobsPanel *jobsPanel() const { return m_jobs; }
    LoadControls *loadControls() const { return m_controls; }
    LoadSession *session() const { return m_session; }
    /// The packages Run loads one after the other (a single Run is a queue of one).
    LoadQueue *queue() const { return m_queue; }
    QueuePanel *queuePanel() const { return m_queuePanel; }
    /// "Into dataset": empty loads into each package's default dataset.
    QLineEdit *datasetEdit() const { return m_dataset; }
    DesktopNotifier *notifier() const { return m_notifier; }
    LogDock *logDock() const { return m_log; }
    BrowserPanel *browserPanel() const { return m_browser; }
    HistoryPanel *historyPanel() const { return m_history; }
    SchemaPanel *schemaPanel() const { return m_schema; }
    SqlConsolePanel *sqlConsole() const { return m_console; }
    DestinationEditor *destinationEditor() const { return m_editor; }
    QTabWidget *tabs() const { return m_tabs; }
    /// "What Run will do" with the selected package (the text of `wharf info --sql`).
    QPlainTextEdit *planView() const { return m_plan; }
    /// Passwords saved from the Destination settings tab go to `keychain` when it is available;
    /// once its entries are read, the destination is resolved again.
    void setKeychain(KeychainSecrets *keychain);
    /// Ctrl+B: the Browse tab, on the dataset of the last load.
    QAction *browseAction() const { return m_browseAction; }
    QAction *runAction() const;
    QAction *cancelAction() const;
    QAction *retryAction() const;
    QAction *abortAction() const;
    QAction *copyAction() const;
    QAction *runAllPendingAction() const;
    QAction *resumeQueueAction() const;
    /// The error dialog opened last, while it is open (for tests).
    JobErrorDialog *jobErrorDialog() const { return m_errorDialog; }
    /// The Load menu's actions and what they do.
    LoadActions *loadActions() const { return m_load; }
    /// "A load is running. Stop it and quit?", while it is shown (closing during a load).
    QMessageBox *quitConfirmation() const;

public slots:
    /// Loads the selected packages, oldest first, into the selected destination (Ctrl+R).
    void run();
    /// Stops the running load (Esc); the package stays resumable.
    void cancel();
    /// Shows the full error of `job`, secrets masked (non-modal).
    void showJobError(const wharf::JobEvent &job);
    /// Asks for a folder and adds the packages found in it (Ctrl+O).
    void openPackagesFolder();
    /// Adds `dir` to the listed folders and remembers it; selects its first loadable package.
    void addPackagesFolder(const QString &dir);
    /// Shows the Browse tab on `table` of `dataset` (empty: the dataset of the last load or
    /// of the selected package).
    void browse(const QString &dataset = {}, const QString &table = {});

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    /// Asks what Run would do with the selected package and destination (the Plan tab).
    void refreshPlan();
    void createActions();
    void createMenus();
    QWidget *createLoadPage();
    void restoreSettings(const StartupState &startup);
    void tabChanged(int index);
    void browseDestinationIfShown();
    /// The History, Schema and SQL tabs follow the picker once they were looked at.
    void showHistoryIfShown();
    QString packageDataset() const;
    void connectSession();
    void showPackageJobs(const QString &dir);
    void loadStarted(const QString &packageDir, int jobsTotal);
    void loadFinished(const wharf::PackageResult &result);
    void queueFinished(const wharf::ui::QueueSummary &summary);
    void setStatus(const QString &state, const QString &message = {});

    LoadSession *m_session;
    LoadQueue *m_queue;
    LoadActions *m_load = nullptr;
    DestinationPicker *m_picker;
    PackagesPanel *m_packages;
    JobsPanel *m_jobs;
    LoadControls *m_controls = nullptr;
    LogDock *m_log;
    BrowserPanel *m_browser;
    HistoryPanel *m_history;
    SchemaPanel *m_schema;
    SqlConsolePanel *m_console;
    DestinationEditor *m_editor;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_stateLabel;
    QueuePanel *m_queuePanel = nullptr;
    QLineEdit *m_dataset = nullptr;
    DesktopNotifier *m_notifier;
    LoadPage *m_loadPage = nullptr;
    QPlainTextEdit *m_plan = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_browseAction = nullptr;
    QAction *m_editDestinationAction = nullptr;
    QAction *m_testConnectionAction = nullptr;
    QPointer<JobErrorDialog> m_errorDialog;
    QuitGuard *m_quitGuard = nullptr;
    bool m_fittedOnScreen = false;
    QString m_browsedDestination; ///< what the browser shows; re-read when the picker changes
    QString m_lastDataset;        ///< dataset of the last successful load
};

} // namespace wharf::ui
