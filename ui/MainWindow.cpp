#include "MainWindow.h"

#include "DestinationPicker.h"
#include "Error.h"
#include "JobsModel.h"
#include "JobsPanel.h"
#include "LoadControls.h"
#include "LoadSession.h"
#include "LogBus.h"
#include "LogDock.h"
#include "PackagesModel.h"
#include "PackagesPanel.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace wharf::ui {

namespace {
constexpr int kStatusTimeoutMs = 15000;
}

MainWindow::MainWindow(const StartupState &startup, QWidget *parent)
    : QMainWindow(parent)
    , m_session(new LoadSession(this))
    , m_picker(new DestinationPicker(startup.destinationType, this))
    , m_packages(new PackagesPanel(this))
    , m_jobs(new JobsPanel(this))
    , m_log(new LogDock(this))
    , m_stateLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Wharf"));
    createActions();
    m_controls = new LoadControls(m_runAction, m_cancelAction, this);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_packages);
    splitter->addWidget(m_jobs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_picker);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_controls);
    setCentralWidget(central);
    addDockWidget(Qt::BottomDockWidgetArea, m_log);
    createMenus();
    statusBar()->addPermanentWidget(m_stateLabel);
    resize(1000, 720);

    connect(m_picker, &DestinationPicker::destinationChanged, this, &MainWindow::updateActions);
    connect(m_packages, &PackagesPanel::currentPackageChanged, this, [this](const QString &dir) {
        showPackageJobs(dir);
        updateActions();
    });
    connect(m_session, &LoadSession::started, this, &MainWindow::loadStarted);
    connect(m_session, &LoadSession::jobStateChanged, m_jobs->model(), &JobsModel::applyEvent);
    connect(m_session, &LoadSession::progressChanged, m_controls, &LoadControls::showProgress);
    connect(m_session, &LoadSession::finished, this, &MainWindow::loadFinished);

    m_packages->model()->setRoots(startup.packageRoots);
    m_packages->selectFirstLoadable();
    showPackageJobs(m_packages->currentPackage());
    setStatus(tr("Ready"));
    if (!startup.warning.isEmpty())
        qCWarning(lcUi).noquote() << "the sample package could not be installed:" << startup.warning;
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_runAction = new QAction(tr("&Run"), this);
    m_runAction->setObjectName(QStringLiteral("runAction"));
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runAction->setToolTip(tr("Load the selected package into the destination"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::run);

    m_cancelAction = new QAction(tr("&Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setToolTip(tr("Stop the load; the package can be resumed later"));
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancel);

    m_openAction = new QAction(tr("&Open packages folder…"), this);
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openPackagesFolder);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *load = menuBar()->addMenu(tr("&Load"));
    load->addAction(m_runAction);
    load->addAction(m_cancelAction);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_log->toggleViewAction());
}

void MainWindow::updateActions()
{
    const bool running = m_session->isRunning();
    const int row = m_packages->model()->rowOf(m_packages->currentPackage());
    QString blocker;
    if (row < 0)
        blocker = tr("Select a package to load");
    else if (!m_packages->model()->package(row).isLoadable())
        blocker = tr("This package is %1; nothing left to load")
                      .arg(packageStateText(m_packages->model()->package(row).state));
    else if (!m_picker->error().isEmpty())
        blocker = tr("The destination is not configured: %1").arg(m_picker->error());
    m_runAction->setEnabled(!running && blocker.isEmpty());
    m_runAction->setToolTip(blocker.isEmpty() ? tr("Load the selected package into the destination") : blocker);
    m_cancelAction->setEnabled(running && !m_cancelling);
    m_picker->setEnabled(!running);
}

void MainWindow::showPackageJobs(const QString &dir)
{
    // While loading, the table belongs to the running package.
    if (m_session->isRunning())
        return;
    if (dir.isEmpty()) {
        m_jobs->model()->clear();
        return;
    }
    try {
        const LoadPackage package = LoadPackage::open(dir);
        m_jobs->model()->showPackage(package.loadId(), package.allJobs());
    } catch (const Error &e) {
        m_jobs->model()->clear();
        setStatus(tr("Ready"), e.message());
    }
}

void MainWindow::run()
{
    if (m_session->isRunning() || !m_runAction->isEnabled())
        return;
    const QString dir = m_packages->currentPackage();
    showPackageJobs(dir); // fresh Ready rows, which the loader's events then update
    const QString error = m_session->start(dir, m_picker->currentType());
    if (!error.isEmpty()) {
        qCWarning(lcUi).noquote() << "cannot start the load:" << error;
        setStatus(tr("Ready"), tr("Cannot start the load: %1").arg(error.section(QLatin1Char('\n'), 0, 0)));
    }
    updateActions();
}

void MainWindow::cancel()
{
    if (!m_session->isRunning() || m_cancelling)
        return;
    m_cancelling = true;
    m_session->cancel();
    setStatus(tr("Cancelling…"), tr("Stopping the running jobs; the package stays resumable"));
    updateActions();
}

void MainWindow::loadStarted(const QString &packageDir, int jobsTotal)
{
    m_cancelling = false;
    m_controls->started(jobsTotal);
    setStatus(tr("Loading…"), tr("Loading %1 into %2").arg(QFileInfo(packageDir).fileName(), m_picker->location()));
}

void MainWindow::loadFinished(const PackageResult &result)
{
    m_cancelling = false;
    m_controls->finished(result);
    const QString seconds = QString::number(double(result.elapsedMs) / 1000.0, 'f', 2);
    const QString why = result.error.message.section(QLatin1Char('\n'), 0, 0);
    switch (result.status) {
    case PackageStatus::Loaded:
        setStatus(tr("Loaded"), result.failedJobs.isEmpty()
                                    ? tr("Loaded %1 rows into dataset %2 in %3 s")
                                          .arg(QLocale().toString(result.rows), result.datasetName, seconds)
                                    : tr("Loaded with %1 failed job(s) into dataset %2")
                                          .arg(result.failedJobs.size())
                                          .arg(result.datasetName));
        break;
    case PackageStatus::Aborted:
        setStatus(tr("Aborted"), tr("Package %1 aborted: %2").arg(result.loadId, why));
        break;
    case PackageStatus::Incomplete:
        setStatus(tr("Stopped"), tr("Load stopped, the package can be resumed: %1").arg(why));
        break;
    case PackageStatus::Refused:
        setStatus(tr("Not loaded"), tr("Nothing was loaded: %1").arg(why));
        break;
    }
    // The package folder changed (package_completed.json, job folders): show it as it is now.
    m_packages->refresh();
    updateActions();
    if (m_closeWhenStopped)
        close();
}

void MainWindow::openPackagesFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open packages folder"), QDir::homePath());
    if (!dir.isEmpty())
        addPackagesFolder(dir);
}

void MainWindow::addPackagesFolder(const QString &dir)
{
    const QStringList found = PackagesModel::scan(dir);
    m_packages->model()->addRoot(dir);
    rememberPackagesFolder(QDir(dir).absolutePath());
    if (found.isEmpty()) {
        setStatus(tr("Ready"), tr("No load packages found in %1").arg(QDir::toNativeSeparators(dir)));
    } else {
        setStatus(tr("Ready"),
                  tr("Found %n package(s) in %1", nullptr, int(found.size())).arg(QDir::toNativeSeparators(dir)));
        if (!m_session->isRunning())
            m_packages->selectPackage(found.first());
    }
    updateActions();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Never block the GUI on the loader's thread: cancel, and close once it has stopped.
    if (m_session->isRunning()) {
        m_closeWhenStopped = true;
        cancel();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::setStatus(const QString &state, const QString &message)
{
    m_stateLabel->setText(state);
    if (!message.isEmpty())
        statusBar()->showMessage(message, kStatusTimeoutMs);
}

} // namespace wharf::ui
