#include "shell/MainWindow.h"

#include "shell/AboutDialog.h"

#include "Error.h"
#include "KeychainSecrets.h"
#include "LoadQueue.h"
#include "LoadSession.h"
#include "LogBus.h"
#include "browse/BrowserPanel.h"
#include "common/Counts.h"
#include "console/SqlConsolePanel.h"
#include "destination/DestinationEditor.h"
#include "destination/DestinationForm.h"
#include "destination/DestinationPicker.h"
#include "history/HistoryPanel.h"
#include "load/JobErrorDialog.h"
#include "load/JobSampleDialog.h"
#include "load/JobsModel.h"
#include "load/JobsPanel.h"
#include "load/LoadActions.h"
#include "load/LoadControls.h"
#include "load/LoadPage.h"
#include "load/LoadStatusText.h"
#include "load/PackagesModel.h"
#include "load/PackagesPanel.h"
#include "load/QueueModel.h"
#include "load/QueuePanel.h"
#include "log/LogDock.h"
#include "package/SampleInstaller.h"
#include "schema/SchemaPanel.h"
#include "shell/DesktopNotifier.h"
#include "shell/QuitGuard.h"
#include "shell/WindowSettings.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace wharf::ui {

namespace {
constexpr int kStatusTimeoutMs = 15000;
}

MainWindow::MainWindow(const StartupState &startup, QWidget *parent)
    : QMainWindow(parent)
    , m_session(new LoadSession(this))
    , m_queue(new LoadQueue(m_session, this))
    , m_picker(new DestinationPicker(startup.destinationType, this))
    , m_packages(new PackagesPanel(this))
    , m_jobs(new JobsPanel(this))
    , m_log(new LogDock(this))
    , m_browser(new BrowserPanel(this))
    , m_history(new HistoryPanel(this))
    , m_schema(new SchemaPanel(this))
    , m_console(new SqlConsolePanel(this))
    , m_editor(new DestinationEditor(this))
    , m_stateLabel(new QLabel(this))
    , m_notifier(new DesktopNotifier(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Wharf"));
    setWindowIcon(QIcon(QStringLiteral(":/wharf/icons/wharf.svg")));
    createActions();
    m_controls = new LoadControls(m_load->runAction(), m_load->cancelAction(), this);
    m_controls->addActionButton(m_load->retryAction());
    m_controls->addActionButton(m_load->copyAction());
    m_controls->addActionButton(m_load->abortAction());
    m_load->setControls(m_controls);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createLoadPage(), tr("L&oad")); // Alt+L is the Load menu
    m_tabs->addTab(m_browser, tr("&Browse"));
    m_tabs->addTab(m_history, tr("H&istory")); // Alt+H is the Help menu
    m_tabs->addTab(m_schema, tr("Sche&ma"));
    m_tabs->addTab(m_console, tr("S&QL"));
    m_tabs->addTab(m_editor, tr("Destination &settings"));
    m_tabs->setTabToolTip(LoadTab, tr("Packages and their jobs; run loads here"));
    m_tabs->setTabToolTip(BrowseTab, tr("The datasets and tables of the destination"));
    m_tabs->setTabToolTip(SqlTab, tr("Run SQL on the destination: read-only unless you allow writes"));
    m_tabs->setTabToolTip(SchemaTab, tr("A dataset's tables as dlt's stored schema has them, and what the database has "
                                        "differently"));
    m_tabs->setTabToolTip(HistoryTab, tr("The loads each dataset recorded, the rows each left, and deleting them"));
    m_tabs->setTabToolTip(DestinationTab, tr("Credentials, settings and capabilities of the destination"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_picker);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    addDockWidget(Qt::BottomDockWidgetArea, m_log);
    createMenus();
    statusBar()->addPermanentWidget(m_stateLabel);
    resize(1100, 820);
    windowsettings::fitOnScreen(this); // a 1024x700 screen gets a window that fits

    connect(m_picker, &DestinationPicker::destinationChanged, this, [this](const QString &name) {
        windowsettings::setDestination(name);
        m_picker->setPendingValues({});
        m_editor->setDestination(name);
        refreshPlan();
        browseDestinationIfShown();
        showHistoryIfShown();
        m_load->updateActions();
    });
    m_history->setPackageLocator([this](const QString &loadId) { return m_packages->model()->dirOfLoadId(loadId); });
    connect(
        m_history, &HistoryPanel::rowsDeleted, this,
        [this](const QString &dataset, const QString &loadId, qint64 rows) {
            qCInfo(lcUi).noquote() << "deleted" << rows << "row(s) of load" << loadId << "from dataset" << dataset;
            setStatus(
                tr("Ready"),
                tr("Deleted %1 of load %2 from dataset %3").arg(countOf(rows, tr("row"), tr("rows")), loadId, dataset));
            if (!m_browsedDestination.isEmpty())
                m_browser->refresh();
        });
    connect(m_packages, &PackagesPanel::selectionChanged, m_load, &LoadActions::updateActions);
    connect(m_packages, &PackagesPanel::currentPackageChanged, this, [this](const QString &dir) {
        if (!dir.isEmpty())
            windowsettings::setPackage(dir);
        const QString dataset = packageDataset();
        m_dataset->setPlaceholderText(dataset.isEmpty() ? tr("the package's own")
                                                        : tr("%1 (the pipeline's)").arg(dataset));
        // The progress shown is the last load's: not under another package.
        if (!m_session->isRunning() && dir != m_load->progressPackage()) {
            m_load->setProgressPackage({});
            m_controls->showIdle();
        }
        showPackageJobs(dir);
        refreshPlan();
        m_load->updateActions();
    });
    connectSession();
    connect(m_jobs, &JobsPanel::errorRequested, this, &MainWindow::showJobError);
    connect(m_jobs, &JobsPanel::tableRequested, this, [this](const QString &table) { browse({}, table); });
    connect(m_jobs, &JobsPanel::firstRowsRequested, this, [this](const JobEvent &job) {
        auto *dialog = new JobSampleDialog(job.filePath, job.fileName, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    connect(m_jobs, &JobsPanel::packageShown, this, [this](const QString &, const QString &error) {
        if (!error.isEmpty())
            setStatus(tr("Ready"), error.section(QLatin1Char('\n'), 0, 0));
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::tabChanged);
    // Loadability is known once the package summaries are read (on a pool thread).
    connect(m_packages->model(), &PackagesModel::summariesRead, m_load, &LoadActions::updateActions);
    // What is typed in the settings shows under the picker as it is typed (marked not saved).
    connect(m_editor->form(), &DestinationForm::edited, this, [this] {
        if (m_editor->destinationName() == m_picker->currentType())
            m_picker->setPendingValues(m_editor->form()->isEdited()
                                           ? m_editor->form()->explicitValues(m_editor->destinationName())
                                           : QMap<QString, QVariant>());
        m_load->updateActions();
    });
    connect(m_editor, &DestinationEditor::reloaded, this, [this](const QString &name) {
        if (name == m_picker->currentType())
            m_picker->setPendingValues({});
    });
    connect(m_editor, &DestinationEditor::saved, this, [this] {
        m_picker->setPendingValues({});
        refreshPlan();                // new settings may change the dataset or the strategies
        m_browsedDestination.clear(); // new credentials: the browser connects again
        browseDestinationIfShown();
        m_load->updateActions();
    });
    connect(m_editor, &DestinationEditor::destinationsChanged, this, [this](const QString &select) {
        m_picker->reloadList();
        m_picker->setCurrentType(select);
        m_editor->setDestination(m_picker->currentType());
        m_load->updateActions();
    });

    m_packages->model()->setRoots(startup.packageRoots);
    restoreSettings(startup);
    // Read the configuration once, for the destination restoreSettings() settled on (a
    // restored one already reached the editor through destinationChanged).
    if (m_editor->destinationName() != m_picker->currentType())
        m_editor->setDestination(m_picker->currentType());
    showPackageJobs(m_packages->currentPackage());
    setStatus(tr("Ready"));
    if (!startup.warning.isEmpty())
        qCWarning(lcUi).noquote() << "the sample package could not be installed:" << startup.warning;
    m_load->updateActions();
}

void MainWindow::setKeychain(KeychainSecrets *keychain)
{
    m_editor->setKeychain(keychain);
    if (keychain)
        connect(keychain, &KeychainSecrets::ready, this, [this] {
            // Everything resolved before the keychain was read lacked its secrets.
            m_picker->refresh();
            m_browsedDestination.clear();
            browseDestinationIfShown();
            showPackageJobs(m_packages->currentPackage());
            m_load->updateActions();
        });
}

QWidget *MainWindow::createLoadPage()
{
    m_queuePanel = new QueuePanel(m_queue, m_load->resumeQueueAction(), this);
    connect(m_queuePanel, &QueuePanel::packageActivated, this, [this](const QString &dir) {
        m_packages->refresh();
        m_packages->selectPackage(dir);
    });
    m_loadPage = new LoadPage(m_packages, m_jobs, m_queuePanel, m_controls, this);
    m_plan = m_loadPage->planView();
    m_dataset = m_loadPage->datasetEdit();
    connect(m_dataset, &QLineEdit::editingFinished, this, &MainWindow::refreshPlan);
    m_load->setDatasetEdit(m_dataset);
    return m_loadPage;
}

// What the user left last time wins over the first-run defaults, where it still exists.
void MainWindow::restoreSettings(const StartupState &startup)
{
    if (!windowsettings::restoreWindow(this))
        resizeDocks({m_log}, {170}, Qt::Vertical); // first run: the tabs get the room
    const QString destination = windowsettings::destination();
    if (!destination.isEmpty() && startup.destinationType == QLatin1String("sqlite"))
        m_picker->setCurrentType(destination);
    m_packages->selectPreferred(windowsettings::package()); // once the summaries are read
    const int tab = windowsettings::tab();
    if (tab > 0 && tab < m_tabs->count())
        m_tabs->setCurrentIndex(tab);
}

void MainWindow::tabChanged(int index)
{
    windowsettings::setTab(index);
    browseDestinationIfShown();
    showHistoryIfShown();
}

void MainWindow::showHistoryIfShown()
{
    // A destination shown for the first time opens on the dataset of the last load (or of the
    // selected package); after that the dataset is the user's choice.
    const QString dataset = m_lastDataset.isEmpty() ? packageDataset() : m_lastDataset;
    if (m_tabs->currentIndex() == HistoryTab && m_history->destination() != m_picker->currentType()) {
        m_history->showDataset(dataset);
        m_history->setDestination(m_picker->currentType());
    }
    if (m_tabs->currentIndex() == SchemaTab && m_schema->destination() != m_picker->currentType()) {
        m_schema->showDataset(dataset);
        m_schema->setDestination(m_picker->currentType());
    }
    if (m_tabs->currentIndex() == SqlTab && m_console->destination() != m_picker->currentType()) {
        m_console->showDataset(dataset);
        m_console->setDestination(m_picker->currentType());
    }
}

// The browser connects only once it is looked at, and follows the picker from then on.
void MainWindow::browseDestinationIfShown()
{
    if (m_tabs->currentIndex() != BrowseTab || m_picker->currentType() == m_browsedDestination)
        return;
    m_browsedDestination = m_picker->currentType();
    m_browser->setDestination(m_browsedDestination);
}

void MainWindow::browse(const QString &dataset, const QString &table)
{
    QString target = dataset;
    if (target.isEmpty())
        target = m_lastDataset.isEmpty() ? packageDataset() : m_lastDataset;
    m_tabs->setCurrentIndex(BrowseTab); // connects the browser if needed
    if (!target.isEmpty())
        m_browser->selectTable(target, table);
}

// The dataset a load of the selected package goes to by default (dlt's: the pipeline's).
QString MainWindow::packageDataset() const
{
    const int row = m_packages->model()->rowOf(m_packages->currentPackage());
    return row < 0 ? QString() : m_packages->model()->package(row).datasetName;
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // A line edit of this window asks for the window's own shortcuts (Ctrl+E: end of line, as
    // in Emacs) before they fire: refuse it, so Ctrl+E edits the destination wherever the
    // keyboard is.
    // Esc in the SQL console while its statement runs is the console's (it cancels on the server),
    // even when a load runs too and the window's Cancel would also want it.
    if (event->type() == QEvent::ShortcutOverride && watched->isWidgetType() && m_console->isRunning() &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape &&
        m_console->isAncestorOf(static_cast<QWidget *>(watched))) {
        event->accept(); // delivered as a key press, which the console takes
        return true;
    }
    if (event->type() == QEvent::ShortcutOverride && qobject_cast<QLineEdit *>(watched) &&
        static_cast<QWidget *>(watched)->window() == this) {
        const QKeySequence pressed(static_cast<QKeyEvent *>(event)->keyCombination());
        if (pressed == m_editDestinationAction->shortcut()) {
            event->ignore();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::createActions()
{
    m_load = new LoadActions({m_session, m_queue, m_picker, m_editor, m_packages, this}, this);
    connect(m_load, &LoadActions::statusChanged, this, &MainWindow::setStatus);
    m_quitGuard = new QuitGuard(this, m_session, m_load);
    connect(m_load, &LoadActions::loadTabWanted, this, [this] { m_tabs->setCurrentIndex(LoadTab); });
    connect(m_load, &LoadActions::queueWanted, this, [this] { m_loadPage->showQueue(); });
    connect(m_load, &LoadActions::packageJobsStale, this, [this] { showPackageJobs(m_packages->currentPackage()); });

    m_openAction = new QAction(tr("&Open packages folder…"), this);
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openPackagesFolder);

    m_browseAction = new QAction(tr("&Browse loaded tables"), this);
    m_browseAction->setObjectName(QStringLiteral("browseAction"));
    m_browseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_browseAction->setToolTip(tr("Show the dataset of the last load (or of the selected package)"));
    connect(m_browseAction, &QAction::triggered, this, [this] { browse(); });

    m_editDestinationAction = new QAction(tr("&Edit destination"), this);
    m_editDestinationAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    // Line edits claim Ctrl+E (end of line): eventFilter() lets the window's shortcut win.
    qApp->installEventFilter(this);
    connect(m_editDestinationAction, &QAction::triggered, this, [this] { m_tabs->setCurrentIndex(DestinationTab); });
    m_testConnectionAction = new QAction(tr("&Test connection"), this);
    m_testConnectionAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_testConnectionAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentIndex(DestinationTab);
        m_editor->startTest();
    });

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::connectSession()
{
    connect(m_session, &LoadSession::started, this, &MainWindow::loadStarted);
    // Batches (every Loader::batchIntervalMs()), so ten thousand jobs cost a few updates a second.
    connect(m_session, &LoadSession::jobsListed, m_jobs->model(), [this](const QList<JobEvent> &jobs) {
        if (!jobs.isEmpty())
            m_jobs->model()->showJobs(jobs.first().loadId, jobs);
    });
    connect(m_session, &LoadSession::jobsChanged, m_jobs->model(), &JobsModel::applyEvents);
    connect(m_session, &LoadSession::progressChanged, m_controls, &LoadControls::showProgress);
    connect(m_session, &LoadSession::finished, this, &MainWindow::loadFinished);
    connect(m_queue, &LoadQueue::queueFinished, this, &MainWindow::queueFinished);
    connect(m_session, &LoadSession::previewReady, this,
            [this](const QString &dir, const QString &destination, const QString &text, const QString &error) {
                // Only the answer for what is selected now (older ones may arrive late).
                if (dir != m_packages->currentPackage() || destination != m_picker->currentType())
                    return;
                m_plan->setPlainText(error.isEmpty() ? text
                                                     : tr("What Run would do cannot be worked out: %1").arg(error));
            });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *load = menuBar()->addMenu(tr("&Load"));
    load->addAction(m_load->runAction());
    load->addAction(m_load->runAllPendingAction());
    load->addAction(m_load->resumeQueueAction());
    load->addAction(m_load->cancelAction());
    load->addSeparator();
    load->addAction(m_load->retryAction());
    load->addAction(m_load->copyAction());
    load->addAction(m_load->abortAction());
    load->addSeparator();
    load->addAction(m_jobs->showErrorAction());
    load->addAction(m_jobs->firstRowsAction());
    load->addAction(m_jobs->countRowsAction());
    load->addAction(m_jobs->revealAction());
    QMenu *destination = menuBar()->addMenu(tr("Des&tination"));
    destination->addAction(m_editDestinationAction);
    destination->addAction(m_testConnectionAction);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    // The tabs by number, from anywhere (Ctrl+Tab belongs to the tab widget and the tables).
    const QStringList tabs{tr("&Load tab"),   tr("&Browse tab"), tr("H&istory tab"),
                           tr("Sche&ma tab"), tr("S&QL tab"),    tr("Destination &settings tab")};
    for (int t = 0; t < tabs.size(); ++t) {
        QAction *show = view->addAction(tabs[t], this, [this, t] { m_tabs->setCurrentIndex(t); });
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + t)));
        show->setObjectName(QStringLiteral("showTab%1").arg(t + 1));
    }
    view->addSeparator();
    view->addAction(m_browseAction);
    view->addAction(m_browser->refreshAction());
    view->addSeparator();
    view->addAction(m_log->toggleViewAction());
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Wharf"), this, [this] {
        auto *about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

// Retry needs failed jobs in a package that is not loaded: a loaded one (with failed jobs, when
// load.raise_on_failed_jobs is off) keeps them, as dlt does. An aborted one is taken back.

void MainWindow::showPackageJobs(const QString &dir)
{
    // While loading, the table belongs to the running package.
    if (m_session->isRunning())
        return;
    // Read on a pool thread: a package may hold thousands of job files.
    m_jobs->showPackage(dir, dir.isEmpty() ? SecretMasker() : m_session->secretMasker(m_picker->currentType()));
}

void MainWindow::refreshPlan()
{
    const QString dir = m_packages->currentPackage();
    m_plan->clear();
    if (!dir.isEmpty() && !m_picker->currentType().isEmpty())
        m_session->previewPackage(dir, m_picker->currentType(), m_dataset->text().trimmed());
}

void MainWindow::showJobError(const JobEvent &job)
{
    if (m_errorDialog)
        m_errorDialog->close();
    m_errorDialog = new JobErrorDialog(maskJob(job, m_session->secretMasker(m_picker->currentType())), this);
    m_errorDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_errorDialog->show();
}

void MainWindow::loadStarted(const QString &packageDir, int jobsTotal)
{
    m_load->setProgressPackage(packageDir);
    m_jobs->beginLive(); // the loader lists the package's jobs itself, then updates them
    m_controls->started(jobsTotal);
    const StatusLine status = loadStartedStatus(packageDir, m_picker->location());
    setStatus(status.state, status.message);
}

void MainWindow::loadFinished(const PackageResult &result)
{
    m_load->loadEnded();
    m_controls->finished(result);
    m_jobs->model()->settle(); // nothing runs or waits for a retry any more
    if (result.status == PackageStatus::Loaded)
        m_lastDataset = result.datasetName;
    const StatusLine status = loadFinishedStatus(result);
    setStatus(status.state, status.message);
    // The package folder changed (package_completed.json, job folders): show it as it is now.
    // The jobs table keeps the load's last state (rows and durations are not on disk).
    m_packages->refresh();
    refreshPlan(); // a loaded package is refused now; a stopped one goes on where it stopped
    // New tables or rows: a browser that was looked at shows them without a click.
    if (!m_browsedDestination.isEmpty() && m_browsedDestination == m_picker->currentType()) {
        m_browser->refresh();
        if (result.status == PackageStatus::Loaded)
            m_browser->selectTable(result.datasetName);
    }
    if (result.status == PackageStatus::Loaded && m_tabs->currentIndex() == HistoryTab) {
        m_history->showDataset(result.datasetName);
        m_history->selectLoad(result.loadId);
        m_history->refresh();
    }
    if (result.status == PackageStatus::Loaded && m_tabs->currentIndex() == SchemaTab) {
        m_schema->showDataset(result.datasetName);
        m_schema->refresh();
    }
    m_load->updateActions();
    m_quitGuard->loadStopped();
}

void MainWindow::queueFinished(const QueueSummary &summary)
{
    m_load->loadEnded();
    if (const auto status = queueFinishedStatus(summary))
        setStatus(status->state, status->message);
    m_notifier->queueFinished(summary);
    m_load->updateActions();
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
                  tr("Found %1 in %2")
                      .arg(countOf(found.size(), tr("package"), tr("packages")), QDir::toNativeSeparators(dir)));
        if (!m_session->isRunning())
            m_packages->selectPackage(found.first());
    }
    m_load->updateActions();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_fittedOnScreen) {
        // Now that the frame is known: the whole window, title bar included, on the screen.
        m_fittedOnScreen = true;
        QTimer::singleShot(0, this, [this] { windowsettings::fitOnScreen(this); });
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Never block the GUI on the loader's thread: a running load is cancelled first, if the
    // user says so, and the window closes once it has stopped.
    if (!m_quitGuard->allowClose(event))
        return;
    windowsettings::saveWindow(this);
    QMainWindow::closeEvent(event);
}

QMessageBox *MainWindow::quitConfirmation() const
{
    return m_quitGuard->question();
}

QAction *MainWindow::runAction() const
{
    return m_load->runAction();
}

QAction *MainWindow::cancelAction() const
{
    return m_load->cancelAction();
}

QAction *MainWindow::retryAction() const
{
    return m_load->retryAction();
}

QAction *MainWindow::abortAction() const
{
    return m_load->abortAction();
}

QAction *MainWindow::copyAction() const
{
    return m_load->copyAction();
}

QAction *MainWindow::runAllPendingAction() const
{
    return m_load->runAllPendingAction();
}

QAction *MainWindow::resumeQueueAction() const
{
    return m_load->resumeQueueAction();
}

void MainWindow::run()
{
    m_load->run();
}

void MainWindow::cancel()
{
    m_load->cancel();
}

void MainWindow::setStatus(const QString &state, const QString &message)
{
    m_stateLabel->setText(state);
    if (!message.isEmpty())
        statusBar()->showMessage(message, kStatusTimeoutMs);
}

} // namespace wharf::ui
