#pragma once

#include "JobErrorDialog.h"
#include "Startup.h"
#include "load/LoadEvents.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
#include <QMessageBox>

namespace wharf::ui {

class DestinationPicker;

class JobsPanel;
class LoadControls;
class LoadSession;
class LogDock;
class PackagesPanel;

/// The main window: destination picker, packages list, Run/Cancel/Retry failed jobs/Abort
/// package with progress and a throughput chart, the jobs of the package (double-click a
/// failed one for its error), a status bar and a log dock. It only composes the widgets and
/// routes signals between them and a LoadSession; loads run on the loader's thread. Expects
/// the destinations to be registered already (the app does that).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const StartupState &startup, QWidget *parent = nullptr);
    ~MainWindow() override;

    DestinationPicker *destinationPicker() const { return m_picker; }
    PackagesPanel *packagesPanel() const { return m_packages; }
    JobsPanel *jobsPanel() const { return m_jobs; }
    LoadControls *loadControls() const { return m_controls; }
    LoadSession *session() const { return m_session; }
    LogDock *logDock() const { return m_log; }
    QAction *runAction() const { return m_runAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *retryAction() const { return m_retryAction; }
    QAction *abortAction() const { return m_abortAction; }
    /// The error dialog opened last, while it is open (for tests).
    JobErrorDialog *jobErrorDialog() const { return m_errorDialog; }
    /// The Abort package confirmation, while it is open (for tests).
    QMessageBox *abortConfirmation() const { return m_abortConfirm; }

public slots:
    /// Loads the selected package into the selected destination (Ctrl+R).
    void run();
    /// Stops the running load (Esc); the package stays resumable.
    void cancel();
    /// Moves the failed jobs of the selected package (not completed) back to new_jobs/ and
    /// loads it again.
    void retryFailedJobs();
    /// Asks for confirmation (without blocking), then marks the selected package aborted.
    void abortPackage();
    /// Shows the full error of `job`, secrets masked (non-modal).
    void showJobError(const wharf::JobEvent &job);
    /// Asks for a folder and adds the packages found in it (Ctrl+O).
    void openPackagesFolder();
    /// Adds `dir` to the listed folders and remembers it; selects its first loadable package.
    void addPackagesFolder(const QString &dir);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createLoadActions();
    void createMenus();
    void connectSession();
    void updateActions();
    void updatePackageActions(bool running);
    void packageAborted(const QString &packageDir, const QString &newDir, const QString &error);
    void showPackageJobs(const QString &dir);
    void loadStarted(const QString &packageDir, int jobsTotal);
    void loadFinished(const wharf::PackageResult &result);
    void setStatus(const QString &state, const QString &message = {});

    LoadSession *m_session;
    DestinationPicker *m_picker;
    PackagesPanel *m_packages;
    JobsPanel *m_jobs;
    LoadControls *m_controls = nullptr;
    LogDock *m_log;
    QLabel *m_stateLabel;
    QAction *m_runAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_retryAction = nullptr;
    QAction *m_abortAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_quitAction = nullptr;
    QPointer<JobErrorDialog> m_errorDialog;
    QPointer<QMessageBox> m_abortConfirm;
    bool m_cancelling = false;
    bool m_closeWhenStopped = false;
};

} // namespace wharf::ui
