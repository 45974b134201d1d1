#include "load/LoadActions.h"

#include "LoadQueue.h"
#include "LoadSession.h"
#include "LogBus.h"
#include "destination/DestinationEditor.h"
#include "destination/DestinationForm.h"
#include "destination/DestinationPicker.h"
#include "load/LoadControls.h"
#include "load/PackagesModel.h"
#include "load/PackagesPanel.h"
#include "package/SampleInstaller.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <algorithm>

namespace wharf::ui {

LoadActions::LoadActions(const Parts &parts, QObject *parent)
    : QObject(parent)
    , m_session(parts.session)
    , m_queue(parts.queue)
    , m_picker(parts.picker)
    , m_editor(parts.editor)
    , m_packages(parts.packages)
    , m_window(parts.window)
{
    createActions();
    connect(m_session, &LoadSession::packageAborted, this, &LoadActions::packageAborted);
    connect(m_session, &LoadSession::packageCopied, this, &LoadActions::packageCopied);
}

void LoadActions::createActions()
{
    m_runAction = new QAction(tr("&Run"), this);
    m_runAction->setObjectName(QStringLiteral("runAction"));
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runAction->setToolTip(tr("Load the selected package into the destination"));
    connect(m_runAction, &QAction::triggered, this, &LoadActions::run);

    m_cancelAction = new QAction(tr("&Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setToolTip(tr("Stop the load; the package can be resumed later"));
    connect(m_cancelAction, &QAction::triggered, this, &LoadActions::cancel);

    m_retryAction = new QAction(tr("Re&try failed jobs"), this);
    m_retryAction->setObjectName(QStringLiteral("retryAction"));
    m_retryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_retryAction, &QAction::triggered, this, &LoadActions::retryFailedJobs);

    m_copyAction = new QAction(tr("Load a &copy…"), this);
    m_copyAction->setObjectName(QStringLiteral("copyPackageAction"));
    m_copyAction->setToolTip(tr("Copy this loaded package so that its rows can be loaded again, into another "
                                "destination or dataset"));
    connect(m_copyAction, &QAction::triggered, this, &LoadActions::copyPackage);

    m_runAllAction = new QAction(tr("Run all &pending"), this);
    m_runAllAction->setObjectName(QStringLiteral("runAllPendingAction"));
    m_runAllAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_runAllAction->setToolTip(tr("Load every pending package of the list, one after the other, oldest first"));
    connect(m_runAllAction, &QAction::triggered, this, &LoadActions::runAllPending);

    m_resumeAction = new QAction(tr("Resume &queue"), this);
    m_resumeAction->setObjectName(QStringLiteral("resumeQueueAction"));
    m_resumeAction->setToolTip(tr("Load what the stopped queue has left, from where it stopped"));
    connect(m_resumeAction, &QAction::triggered, this, &LoadActions::resumeQueue);

    m_abortAction = new QAction(tr("&Abort package…"), this);
    m_abortAction->setObjectName(QStringLiteral("abortAction"));
    connect(m_abortAction, &QAction::triggered, this, &LoadActions::abortPackage);
}

void LoadActions::updateActions()
{
    const bool running = m_session->isBusy();
    const QString blocker = runBlocker();
    const int selected = int(m_packages->selectedPackages().size());
    m_runAction->setEnabled(!running && blocker.isEmpty());
    m_runAction->setToolTip(!blocker.isEmpty() ? blocker
                            : selected > 1
                                ? tr("Load the %1 selected packages into the destination, one after the other, "
                                     "oldest first")
                                      .arg(selected)
                                : tr("Load the selected package into the destination"));
    const int pending = int(m_packages->pendingPackages().size());
    m_runAllAction->setEnabled(!running && pending > 0 && m_picker->error().isEmpty());
    m_runAllAction->setText(pending > 0 ? tr("Run all &pending (%1)").arg(pending) : tr("Run all &pending"));
    m_resumeAction->setEnabled(!running && m_queue->canResume() && m_picker->error().isEmpty());
    m_resumeAction->setText(m_queue->canResume() ? tr("Resume &queue (%1 left)").arg(m_queue->remaining())
                                                 : tr("Resume &queue"));
    m_cancelAction->setEnabled(m_session->isRunning() && !m_cancelling);
    m_picker->setEnabled(!running);
    m_dataset->setEnabled(!running);
    m_editor->setLoadRunning(running);
    updatePackageActions(running);
}

QString LoadActions::runBlocker() const
{
    const QStringList selected = m_packages->selectedPackages();
    if (selected.size() > 1) {
        // Several: the ones not pending are skipped (the queue says so); one pending is enough.
        for (const QString &dir : selected) {
            const int row = m_packages->model()->rowOf(dir);
            if (row >= 0 && m_packages->model()->package(row).reading)
                return tr("Reading the packages…");
        }
        const bool any = std::any_of(selected.cbegin(), selected.cend(), [this](const QString &dir) {
            const int row = m_packages->model()->rowOf(dir);
            return row >= 0 && m_packages->model()->package(row).isLoadable();
        });
        if (!any)
            return tr("None of the selected packages is pending; nothing left to load");
    } else {
        const int row = m_packages->model()->rowOf(m_packages->currentPackage());
        if (row < 0)
            return tr("Select a package to load");
        const PackageSummary &p = m_packages->model()->package(row);
        if (p.reading)
            return tr("Reading the package…");
        if (!p.isLoadable())
            return p.state == PackageState::Loaded
                       ? tr("This package is loaded already; Load a copy to load its rows into another destination")
                       : tr("This package is %1; nothing left to load").arg(packageStateText(p.state));
    }
    if (!m_picker->error().isEmpty())
        return m_editor->form()->isEdited() ? tr("Save the destination settings first")
                                            : tr("The destination is not set up: %1").arg(m_picker->shownText());
    return {};
}

void LoadActions::updatePackageActions(bool running)
{
    const int row = m_packages->model()->rowOf(m_packages->currentPackage());
    QString retryBlocker;
    QString abortBlocker;
    if (running) {
        retryBlocker = abortBlocker = tr("Wait for the running load to end");
    } else if (row < 0) {
        retryBlocker = abortBlocker = tr("Select a package");
    } else {
        const PackageSummary &p = m_packages->model()->package(row);
        if (p.reading) {
            retryBlocker = abortBlocker = tr("Reading the package…");
        } else if (p.state == PackageState::Aborted && p.failedJobs > 0) {
            // An aborted package can be taken back: Retry re-queues its failed jobs (after the
            // file or the table was fixed) and loads it to the end; the ledger keeps the jobs
            // that completed from loading twice.
            abortBlocker = tr("This package is %1 already").arg(packageStateText(p.state));
        } else if (!p.isLoadable()) {
            abortBlocker = tr("This package is %1 already").arg(packageStateText(p.state));
            retryBlocker = p.failedJobs > 0 ? tr("This package is %1: a loaded package keeps its failed jobs "
                                                 "(in failed_jobs/) and is never loaded again, as in dlt")
                                                  .arg(packageStateText(p.state))
                                            : abortBlocker;
        } else if (p.failedJobs == 0) {
            retryBlocker = tr("This package has no failed jobs");
        }
        if (retryBlocker.isEmpty() && !m_picker->error().isEmpty())
            retryBlocker = tr("The destination is not set up: %1").arg(m_picker->shownText());
    }
    // Load a copy: for a loaded package (it is never loaded again, into any destination).
    const bool loaded = !running && row >= 0 && !m_packages->model()->package(row).reading &&
                        m_packages->model()->package(row).state == PackageState::Loaded;
    m_copyAction->setEnabled(loaded && !m_session->isBusy());
    m_copyAction->setVisible(loaded);
    if (loaded && !m_session->isRunning() && m_progressPackage.isEmpty())
        m_controls->showIdle(tr("This package is loaded; a loaded package is not loaded again (as in dlt), into "
                                "any destination. To load its rows elsewhere, load a copy."));
    else if (!loaded && m_progressPackage.isEmpty() && !m_session->isRunning())
        m_controls->showIdle();
    m_retryAction->setEnabled(retryBlocker.isEmpty());
    m_retryAction->setToolTip(retryBlocker.isEmpty()
                                  ? tr("Move the failed jobs back to new_jobs/ and load the package again")
                                  : retryBlocker);
    m_abortAction->setEnabled(abortBlocker.isEmpty());
    m_abortAction->setToolTip(abortBlocker.isEmpty()
                                  ? tr("Mark the package aborted: it stays on disk but is not offered for loading")
                                  : abortBlocker);
}

void LoadActions::run()
{
    if (m_session->isBusy() || !m_runAction->isEnabled())
        return;
    QStringList packages = m_packages->selectedPackages();
    if (packages.isEmpty())
        packages = {m_packages->currentPackage()};
    startQueue(packages);
}

void LoadActions::runAllPending()
{
    if (m_session->isBusy() || !m_runAllAction->isEnabled())
        return;
    const QStringList pending = m_packages->pendingPackages();
    m_packages->selectPackages(pending); // what is queued, in sight
    startQueue(pending);
}

void LoadActions::resumeQueue()
{
    if (m_session->isBusy() || !m_resumeAction->isEnabled())
        return;
    emit loadTabWanted();
    const QString error = m_queue->resume();
    if (!error.isEmpty())
        emit statusChanged(tr("Ready"), tr("Cannot resume the queue: %1").arg(error));
    updateActions();
}

void LoadActions::startQueue(const QStringList &packages)
{
    emit loadTabWanted(); // where the jobs show
    if (packages.size() > 1)
        emit queueWanted();
    const QString error = m_queue->start(packages, m_picker->currentType(), m_dataset->text().trimmed());
    if (!error.isEmpty()) {
        qCWarning(lcUi).noquote() << "cannot start the load:" << error;
        emit statusChanged(tr("Ready"), tr("Cannot start the load: %1").arg(error.section(QLatin1Char('\n'), 0, 0)));
    }
    updateActions();
}

void LoadActions::cancel()
{
    if (!m_session->isRunning() || m_cancelling)
        return;
    m_cancelling = true;
    if (m_queue->isRunning())
        m_queue->cancel(); // the queue stops after this package
    else
        m_session->cancel();
    emit statusChanged(tr("Cancelling…"), tr("Stopping the running jobs; the package stays resumable"));
    updateActions();
}

void LoadActions::retryFailedJobs()
{
    if (m_session->isBusy() || !m_retryAction->isEnabled())
        return;
    emit loadTabWanted();
    const QString error =
        m_session->retryFailedJobs(m_packages->currentPackage(), m_picker->currentType(), m_dataset->text().trimmed());
    if (!error.isEmpty()) {
        qCWarning(lcUi).noquote() << "cannot retry the failed jobs:" << error;
        emit statusChanged(tr("Ready"), tr("Cannot retry: %1").arg(error.section(QLatin1Char('\n'), 0, 0)));
    }
    updateActions();
}

void LoadActions::abortPackage()
{
    if (m_session->isBusy() || !m_abortAction->isEnabled() || m_abortConfirm)
        return;
    const QString dir = m_packages->currentPackage();
    // open(), not exec(): the event loop (and a load's progress) keeps running meanwhile.
    m_abortConfirm = new QMessageBox(QMessageBox::Warning, tr("Abort package"),
                                     tr("Abort package %1?").arg(QFileInfo(dir).fileName()),
                                     QMessageBox::Yes | QMessageBox::Cancel, m_window);
    m_abortConfirm->setInformativeText(tr("It is marked aborted as dlt does (package_completed.json) and is not "
                                          "offered for loading again. Its job files stay on disk."));
    m_abortConfirm->setDefaultButton(QMessageBox::Cancel);
    m_abortConfirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_abortConfirm, &QMessageBox::finished, this, [this, dir](int answer) {
        if (answer != QMessageBox::Yes || dir != m_packages->currentPackage())
            return;
        const QString error = m_session->abortPackage(dir);
        if (!error.isEmpty())
            emit statusChanged(tr("Ready"), tr("Cannot abort: %1").arg(error));
        updateActions();
    });
    m_abortConfirm->open();
}

void LoadActions::copyPackage()
{
    if (m_session->isBusy() || !m_copyAction->isEnabled())
        return;
    const QString dir = m_packages->currentPackage();
    const int row = m_packages->model()->rowOf(dir);
    const QString pipeline = row >= 0 ? m_packages->model()->package(row).pipelineName : QString();
    // Beside the other packages, two levels down as the list looks for them.
    const QString parent =
        QDir(defaultPackagesDir())
            .filePath(QStringLiteral("%1-copy-%2")
                          .arg(pipeline.isEmpty() ? QStringLiteral("package") : pipeline,
                               QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    const QString error = m_session->copyPackage(dir, parent);
    if (!error.isEmpty())
        emit statusChanged(tr("Ready"), tr("Cannot copy the package: %1").arg(error));
    else
        emit statusChanged(tr("Copying…"), tr("Copying package %1").arg(QFileInfo(dir).fileName()));
    updateActions();
}

void LoadActions::packageCopied(const QString &packageDir, const QString &copyDir, const QString &error)
{
    if (!error.isEmpty()) {
        emit statusChanged(tr("Ready"), tr("Cannot copy the package: %1").arg(error.section(QLatin1Char('\n'), 0, 0)));
        updateActions();
        return;
    }
    if (!m_packages->model()->roots().contains(QDir(defaultPackagesDir()).absolutePath()))
        m_packages->model()->addRoot(defaultPackagesDir());
    m_packages->refresh();
    m_packages->selectPreferred(copyDir); // once its summary is read
    emit statusChanged(tr("Ready"), tr("Package %1 copied to %2: pick the destination (or dataset) and Run")
                                        .arg(QFileInfo(packageDir).fileName(), QDir::toNativeSeparators(copyDir)));
    updateActions();
}

void LoadActions::packageAborted(const QString &packageDir, const QString &newDir, const QString &error)
{
    if (error.isEmpty())
        emit statusChanged(tr("Aborted"),
                           tr("Package %1 is aborted and will not be loaded").arg(QFileInfo(packageDir).fileName()));
    else
        emit statusChanged(tr("Ready"), tr("Cannot abort: %1").arg(error.section(QLatin1Char('\n'), 0, 0)));
    m_packages->refresh();
    if (!newDir.isEmpty() && newDir != packageDir)
        m_packages->selectPackage(newDir);
    emit packageJobsStale();
    updateActions();
}

} // namespace wharf::ui
