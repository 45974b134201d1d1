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
#include "load/LoadControls.h"
#include "load/PackagesModel.h"
#include "load/PackagesPanel.h"
#include "load/QueueModel.h"
#include "load/QueuePanel.h"
#include "log/LogDock.h"
#include "package/SampleInstaller.h"
#include "schema/SchemaPanel.h"
#include "shell/DesktopNotifier.h"
#include "shell/WindowSettings.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
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
    m_controls = new LoadControls(m_runAction, m_cancelAction, this);
    m_controls->addActionButton(m_retryAction);
    m_controls->addActionButton(m_copyAction);
    m_controls->addActionButton(m_abortAction);

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
        updateActions();
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
    connect(m_packages, &PackagesPanel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_packages, &PackagesPanel::currentPackageChanged, this, [this](const QString &dir) {
        if (!dir.isEmpty())
            windowsettings::setPackage(dir);
        const QString dataset = packageDataset();
        m_dataset->setPlaceholderText(dataset.isEmpty() ? tr("the package's own")
                                                        : tr("%1 (the pipeline's)").arg(dataset));
        // The progress shown is the last load's: not under another package.
        if (!m_session->isRunning() && dir != m_progressPackage) {
            m_progressPackage.clear();
            m_controls->showIdle();
        }
        showPackageJobs(dir);
        refreshPlan();
        updateActions();
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
    connect(m_packages->model(), &PackagesModel::summariesRead, this, &MainWindow::updateActions);
    // What is typed in the settings shows under the picker as it is typed (marked not saved).
    connect(m_editor->form(), &DestinationForm::edited, this, [this] {
        if (m_editor->destinationName() == m_picker->currentType())
            m_picker->setPendingValues(m_editor->form()->isEdited()
                                           ? m_editor->form()->explicitValues(m_editor->destinationName())
                                           : QMap<QString, QVariant>());
        updateActions();
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
        updateActions();
    });
    connect(m_editor, &DestinationEditor::destinationsChanged, this, [this](const QString &select) {
        m_picker->reloadList();
        m_picker->setCurrentType(select);
        m_editor->setDestination(m_picker->currentType());
        updateActions();
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
    updateActions();
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
            updateActions();
        });
}

QWidget *MainWindow::createLoadPage()
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("loadSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_packages);
    // The selected package's jobs, and what Run would do with it (`wharf info --sql`).
    m_plan = new QPlainTextEdit(this);
    m_plan->setObjectName(QStringLiteral("planView"));
    m_plan->setReadOnly(true);
    m_plan->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_plan->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_plan->setPlaceholderText(tr("Select a package to see what Run would do with it."));
    m_packageTabs = new QTabWidget(this);
    m_packageTabs->setObjectName(QStringLiteral("packageTabs"));
    m_packageTabs->setDocumentMode(true);
    m_packageTabs->addTab(m_jobs, tr("Jobs"));
    m_packageTabs->addTab(m_plan, tr("What Run will do"));
    m_packageTabs->setTabToolTip(1, tr("Tables emptied or dropped first, each table chain's write disposition and "
                                       "strategy, and the SQL that follows the jobs; worked out without connecting"));
    m_queuePanel = new QueuePanel(m_queue, m_resumeAction, this);
    m_packageTabs->addTab(m_queuePanel, tr("Queue"));
    m_packageTabs->setTabToolTip(2, tr("The packages of the last Run, in loading order, and what became of each"));
    connect(m_queuePanel, &QueuePanel::packageActivated, this, [this](const QString &dir) {
        m_packages->refresh();
        m_packages->selectPackage(dir);
    });
    splitter->addWidget(m_packageTabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    // Where the rows go: the dataset the package names (dlt's pipeline dataset) unless typed here.
    m_dataset = new QLineEdit(this);
    m_dataset->setObjectName(QStringLiteral("datasetEdit"));
    m_dataset->setClearButtonEnabled(true);
    m_dataset->setToolTip(tr("The dataset (schema) to load into; empty: the dataset configured for the destination, "
                             "else the one of the package's pipeline"));
    connect(m_dataset, &QLineEdit::editingFinished, this, &MainWindow::refreshPlan);
    auto *datasetLabel = new QLabel(tr("Into &dataset:"), this);
    datasetLabel->setBuddy(m_dataset);
    auto *datasetRow = new QHBoxLayout;
    datasetRow->addWidget(datasetLabel);
    datasetRow->addWidget(m_dataset, 1);
    datasetRow->addStretch(2);
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(splitter, 1);
    layout->addLayout(datasetRow);
    layout->addWidget(m_controls);
    return page;
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
    createLoadActions();
}

void MainWindow::createLoadActions()
{
    m_retryAction = new QAction(tr("Re&try failed jobs"), this);
    m_retryAction->setObjectName(QStringLiteral("retryAction"));
    m_retryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_retryAction, &QAction::triggered, this, &MainWindow::retryFailedJobs);

    m_copyAction = new QAction(tr("Load a &copy…"), this);
    m_copyAction->setObjectName(QStringLiteral("copyPackageAction"));
    m_copyAction->setToolTip(tr("Copy this loaded package so that its rows can be loaded again, into another "
                                "destination or dataset"));
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copyPackage);

    m_runAllAction = new QAction(tr("Run all &pending"), this);
    m_runAllAction->setObjectName(QStringLiteral("runAllPendingAction"));
    m_runAllAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_runAllAction->setToolTip(tr("Load every pending package of the list, one after the other, oldest first"));
    connect(m_runAllAction, &QAction::triggered, this, &MainWindow::runAllPending);

    m_resumeAction = new QAction(tr("Resume &queue"), this);
    m_resumeAction->setObjectName(QStringLiteral("resumeQueueAction"));
    m_resumeAction->setToolTip(tr("Load what the stopped queue has left, from where it stopped"));
    connect(m_resumeAction, &QAction::triggered, this, &MainWindow::resumeQueue);

    m_abortAction = new QAction(tr("&Abort package…"), this);
    m_abortAction->setObjectName(QStringLiteral("abortAction"));
    connect(m_abortAction, &QAction::triggered, this, &MainWindow::abortPackage);
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
    connect(m_session, &LoadSession::packageAborted, this, &MainWindow::packageAborted);
    connect(m_session, &LoadSession::packageCopied, this, &MainWindow::packageCopied);
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
    load->addAction(m_runAction);
    load->addAction(m_runAllAction);
    load->addAction(m_resumeAction);
    load->addAction(m_cancelAction);
    load->addSeparator();
    load->addAction(m_retryAction);
    load->addAction(m_copyAction);
    load->addAction(m_abortAction);
    load->addSeparator();
    load->addAction(m_jobs->showErrorAction());
    load->addAction(m_jobs->firstRowsAction());
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

void MainWindow::updateActions()
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

QString MainWindow::runBlocker() const
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

// Retry needs failed jobs in a package that is not loaded: a loaded one (with failed jobs, when
// load.raise_on_failed_jobs is off) keeps them, as dlt does. An aborted one is taken back.
void MainWindow::updatePackageActions(bool running)
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

void MainWindow::showPackageJobs(const QString &dir)
{
    // While loading, the table belongs to the running package.
    if (m_session->isRunning())
        return;
    // Read on a pool thread: a package may hold thousands of job files.
    m_jobs->showPackage(dir, dir.isEmpty() ? SecretMasker() : m_session->secretMasker(m_picker->currentType()));
}

void MainWindow::run()
{
    if (m_session->isBusy() || !m_runAction->isEnabled())
        return;
    QStringList packages = m_packages->selectedPackages();
    if (packages.isEmpty())
        packages = {m_packages->currentPackage()};
    startQueue(packages);
}

void MainWindow::runAllPending()
{
    if (m_session->isBusy() || !m_runAllAction->isEnabled())
        return;
    const QStringList pending = m_packages->pendingPackages();
    m_packages->selectPackages(pending); // what is queued, in sight
    startQueue(pending);
}

void MainWindow::resumeQueue()
{
    if (m_session->isBusy() || !m_resumeAction->isEnabled())
        return;
    m_tabs->setCurrentIndex(LoadTab);
    const QString error = m_queue->resume();
    if (!error.isEmpty())
        setStatus(tr("Ready"), tr("Cannot resume the queue: %1").arg(error));
    updateActions();
}

void MainWindow::startQueue(const QStringList &packages)
{
    m_tabs->setCurrentIndex(LoadTab); // where the jobs show
    if (packages.size() > 1)
        m_packageTabs->setCurrentWidget(m_queuePanel);
    const QString error = m_queue->start(packages, m_picker->currentType(), m_dataset->text().trimmed());
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
    if (m_queue->isRunning())
        m_queue->cancel(); // the queue stops after this package
    else
        m_session->cancel();
    setStatus(tr("Cancelling…"), tr("Stopping the running jobs; the package stays resumable"));
    updateActions();
}

void MainWindow::retryFailedJobs()
{
    if (m_session->isBusy() || !m_retryAction->isEnabled())
        return;
    m_tabs->setCurrentIndex(LoadTab);
    const QString error =
        m_session->retryFailedJobs(m_packages->currentPackage(), m_picker->currentType(), m_dataset->text().trimmed());
    if (!error.isEmpty()) {
        qCWarning(lcUi).noquote() << "cannot retry the failed jobs:" << error;
        setStatus(tr("Ready"), tr("Cannot retry: %1").arg(error.section(QLatin1Char('\n'), 0, 0)));
    }
    updateActions();
}

void MainWindow::abortPackage()
{
    if (m_session->isBusy() || !m_abortAction->isEnabled() || m_abortConfirm)
        return;
    const QString dir = m_packages->currentPackage();
    // open(), not exec(): the event loop (and a load's progress) keeps running meanwhile.
    m_abortConfirm = new QMessageBox(QMessageBox::Warning, tr("Abort package"),
                                     tr("Abort package %1?").arg(QFileInfo(dir).fileName()),
                                     QMessageBox::Yes | QMessageBox::Cancel, this);
    m_abortConfirm->setInformativeText(tr("It is marked aborted as dlt does (package_completed.json) and is not "
                                          "offered for loading again. Its job files stay on disk."));
    m_abortConfirm->setDefaultButton(QMessageBox::Cancel);
    m_abortConfirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_abortConfirm, &QMessageBox::finished, this, [this, dir](int answer) {
        if (answer != QMessageBox::Yes || dir != m_packages->currentPackage())
            return;
        const QString error = m_session->abortPackage(dir);
        if (!error.isEmpty())
            setStatus(tr("Ready"), tr("Cannot abort: %1").arg(error));
        updateActions();
    });
    m_abortConfirm->open();
}

void MainWindow::refreshPlan()
{
    const QString dir = m_packages->currentPackage();
    m_plan->clear();
    if (!dir.isEmpty() && !m_picker->currentType().isEmpty())
        m_session->previewPackage(dir, m_picker->currentType(), m_dataset->text().trimmed());
}

void MainWindow::copyPackage()
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
        setStatus(tr("Ready"), tr("Cannot copy the package: %1").arg(error));
    else
        setStatus(tr("Copying…"), tr("Copying package %1").arg(QFileInfo(dir).fileName()));
    updateActions();
}

void MainWindow::packageCopied(const QString &packageDir, const QString &copyDir, const QString &error)
{
    if (!error.isEmpty()) {
        setStatus(tr("Ready"), tr("Cannot copy the package: %1").arg(error.section(QLatin1Char('\n'), 0, 0)));
        updateActions();
        return;
    }
    if (!m_packages->model()->roots().contains(QDir(defaultPackagesDir()).absolutePath()))
        m_packages->model()->addRoot(defaultPackagesDir());
    m_packages->refresh();
    m_packages->selectPreferred(copyDir); // once its summary is read
    setStatus(tr("Ready"), tr("Package %1 copied to %2: pick the destination (or dataset) and Run")
                               .arg(QFileInfo(packageDir).fileName(), QDir::toNativeSeparators(copyDir)));
    updateActions();
}

void MainWindow::packageAborted(const QString &packageDir, const QString &newDir, const QString &error)
{
    if (error.isEmpty())
        setStatus(tr("Aborted"),
                  tr("Package %1 is aborted and will not be loaded").arg(QFileInfo(packageDir).fileName()));
    else
        setStatus(tr("Ready"), tr("Cannot abort: %1").arg(error.section(QLatin1Char('\n'), 0, 0)));
    m_packages->refresh();
    if (!newDir.isEmpty() && newDir != packageDir)
        m_packages->selectPackage(newDir);
    showPackageJobs(m_packages->currentPackage());
    updateActions();
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
    m_progressPackage = packageDir;
    m_jobs->beginLive(); // the loader lists the package's jobs itself, then updates them
    m_controls->started(jobsTotal);
    setStatus(tr("Loading…"), tr("Loading %1 into %2").arg(QFileInfo(packageDir).fileName(), m_picker->location()));
}

void MainWindow::loadFinished(const PackageResult &result)
{
    m_cancelling = false;
    m_controls->finished(result);
    m_jobs->model()->settle(); // nothing runs or waits for a retry any more
    const QString seconds = QString::number(double(result.elapsedMs) / 1000.0, 'f', 2);
    const QString why = result.error.message.section(QLatin1Char('\n'), 0, 0);
    switch (result.status) {
    case PackageStatus::Loaded:
        m_lastDataset = result.datasetName;
        setStatus(tr("Loaded"), result.failedJobs.isEmpty()
                                    ? tr("Loaded %1 into dataset %2 in %3 s")
                                          .arg(countOf(result.rows, tr("row"), tr("rows")), result.datasetName, seconds)
                                    : tr("Loaded with %1 failed job(s) into dataset %2")
                                          .arg(result.failedJobs.size())
                                          .arg(result.datasetName));
        break;
    case PackageStatus::Aborted:
        setStatus(tr("Aborted"), tr("Package %1 aborted: %2").arg(result.loadId, why));
        break;
    case PackageStatus::Incomplete:
        // The loader's own words may already say it is resumable: say it once.
        setStatus(result.error.kind == ErrorKind::Cancelled ? tr("Cancelled") : tr("Stopped"),
                  result.error.kind == ErrorKind::Cancelled
                      ? tr("Load cancelled; Run resumes the package where it stopped")
                      : tr("Load stopped (%1); Run resumes the package where it stopped")
                            .arg(why.section(QStringLiteral("; the package can be resumed"), 0, 0)));
        break;
    case PackageStatus::Refused:
        setStatus(tr("Not loaded"), tr("Nothing was loaded: %1").arg(why));
        break;
    }
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
    updateActions();
    if (m_closeWhenStopped)
        close();
}

void MainWindow::queueFinished(const QueueSummary &summary)
{
    m_cancelling = false;
    // One package: the load's own status line says it all.
    if (summary.packages > 1)
        setStatus(summary.cancelled              ? tr("Cancelled")
                  : !summary.stoppedBy.isEmpty() ? tr("Stopped")
                  : summary.notLoaded > 0        ? tr("Not all loaded")
                                                 : tr("Loaded"),
                  queueSummaryText(summary));
    m_notifier->queueFinished(summary);
    updateActions();
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
    updateActions();
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
    // Never block the GUI on the loader's thread: cancel, and close once it has stopped. A
    // running load is stopped only when the user says so (Ctrl+Q is close to Ctrl+W and Ctrl+R).
    if (m_session->isRunning()) {
        event->ignore();
        if (m_closeWhenStopped)
            return; // already stopping
        if (m_confirmQuit) {
            m_confirmQuit->raise();
            return;
        }
        m_confirmQuit = new QMessageBox(QMessageBox::Question, tr("Quit Wharf?"),
                                        tr("A load is running. Stop it and quit?"), QMessageBox::NoButton, this);
        m_confirmQuit->setObjectName(QStringLiteral("confirmQuit"));
        m_confirmQuit->setInformativeText(
            tr("The jobs loaded so far stay loaded; the package is left unfinished and the next Run "
               "resumes it where it stopped."));
        QPushButton *stop = m_confirmQuit->addButton(tr("Stop and quit"), QMessageBox::AcceptRole);
        m_confirmQuit->addButton(tr("Keep loading"), QMessageBox::RejectRole);
        m_confirmQuit->setDefaultButton(stop);
        m_confirmQuit->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_confirmQuit, &QMessageBox::finished, this, [this, stop] {
            const bool quit = m_confirmQuit && m_confirmQuit->clickedButton() == stop;
            m_confirmQuit = nullptr;
            if (!quit || !m_session->isRunning()) {
                if (quit)
                    close();
                return;
            }
            m_closeWhenStopped = true;
            cancel();
        });
        m_confirmQuit->open();
        return;
    }
    windowsettings::saveWindow(this);
    QMainWindow::closeEvent(event);
}

void MainWindow::setStatus(const QString &state, const QString &message)
{
    m_stateLabel->setText(state);
    if (!message.isEmpty())
        statusBar()->showMessage(message, kStatusTimeoutMs);
}

} // namespace wharf::ui
