#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QAction;
class QLineEdit;
class QMessageBox;
class QWidget;

namespace wharf::ui {

class DestinationEditor;
class DestinationPicker;
class LoadControls;
class LoadQueue;
class LoadSession;
class PackagesPanel;

/// The Load menu's actions and what they do: Run (the selected packages as a queue, oldest
/// first), Run all pending, Resume queue, Cancel, Retry failed jobs, Load a copy and Abort
/// package — each enabled only when it can work, with a tooltip that says why not. Talks to
/// the LoadSession and LoadQueue; tells the window what to show through signals.
class LoadActions : public QObject {
    Q_OBJECT
public:
    struct Parts {
        LoadSession *session = nullptr;
        LoadQueue *queue = nullptr;
        DestinationPicker *picker = nullptr;
        DestinationEditor *editor = nullptr;
        PackagesPanel *packages = nullptr;
        QWidget *window = nullptr; ///< parent of the confirmations
    };
    LoadActions(const Parts &parts, QObject *parent);

    /// The controls that show the progress (they are made with run() and cancel()).
    void setControls(LoadControls *controls) { m_controls = controls; }
    /// "Into dataset": empty loads into each package's default.
    void setDatasetEdit(QLineEdit *dataset) { m_dataset = dataset; }

    QAction *runAction() const { return m_runAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *runAllPendingAction() const { return m_runAllAction; }
    QAction *resumeQueueAction() const { return m_resumeAction; }
    QAction *retryAction() const { return m_retryAction; }
    QAction *copyAction() const { return m_copyAction; }
    QAction *abortAction() const { return m_abortAction; }
    QMessageBox *abortConfirmation() const { return m_abortConfirm; }

    /// The package whose load the progress shows (empty: none).
    const QString &progressPackage() const { return m_progressPackage; }
    void setProgressPackage(const QString &dir) { m_progressPackage = dir; }
    /// A load or the queue ended: Cancel may be asked again.
    void loadEnded() { m_cancelling = false; }

public slots:
    void updateActions();
    void run();
    void runAllPending();
    void resumeQueue();
    void cancel();
    void retryFailedJobs();
    void abortPackage();
    void copyPackage();
    void packageCopied(const QString &packageDir, const QString &copyDir, const QString &error);
    void packageAborted(const QString &packageDir, const QString &newDir, const QString &error);

signals:
    /// What the status bar should say.
    void statusChanged(const QString &state, const QString &message);
    /// Show the Load tab (where the jobs are), or its Queue.
    void loadTabWanted();
    void queueWanted();
    /// The selected package changed on disk: show its jobs again.
    void packageJobsStale();

private:
    void createActions();
    void startQueue(const QStringList &packages);
    QString runBlocker() const;
    void updatePackageActions(bool running);

    LoadSession *m_session;
    LoadQueue *m_queue;
    DestinationPicker *m_picker;
    DestinationEditor *m_editor;
    PackagesPanel *m_packages;
    QWidget *m_window;
    LoadControls *m_controls = nullptr;
    QLineEdit *m_dataset = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_runAllAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QAction *m_retryAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_abortAction = nullptr;
    QPointer<QMessageBox> m_abortConfirm;
    bool m_cancelling = false;
    QString m_progressPackage;
};

} // namespace wharf::ui
