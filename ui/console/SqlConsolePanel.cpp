#include "console/SqlConsolePanel.h"

#include "browse/BrowserWorker.h"
#include "browse/ConsoleSql.h"
#include "browse/DatasetChooser.h"
#include "browse/ExportController.h"
#include "browse/TableDataModel.h"
#include "browse/TableDataView.h"
#include "common/Counts.h"
#include "common/StateColors.h"
#include "console/ConsoleHistory.h"
#include "console/SqlHighlighter.h"
#include "load/JobSampleModel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace wharf::ui {

SqlConsolePanel::SqlConsolePanel(QWidget *parent)
    : QWidget(parent)
    , m_worker(new BrowserWorker(this))
    , m_datasets(new DatasetChooser(this))
    , m_allowWrites(new QCheckBox(tr("Allow &writes"), this))
    , m_writeWarning(new QLabel(this))
    , m_history(new QComboBox(this))
    , m_editor(new QPlainTextEdit(this))
    , m_results(new QStackedWidget(this))
    , m_result(new TableDataModel(this))
    , m_resultView(new TableDataView(this))
    , m_statementResult(new JobSampleModel(this))
    , m_statementView(new QTableView(this))
    , m_status(new QLabel(this))
    , m_export(new ExportController(this))
{
    setObjectName(QStringLiteral("sqlConsole"));
    m_datasets->setObjectName(QStringLiteral("consoleDataset"));
    m_datasets->setToolTip(tr("Unqualified table names mean this dataset's tables"));
    m_allowWrites->setObjectName(QStringLiteral("consoleAllowWrites"));
    m_allowWrites->setToolTip(tr("Off: the connection refuses every write. On: statements other than queries may "
                                 "change the database (queries stay read-only: they run again for every page)"));
    m_writeWarning->setText(tr("Writes are allowed: statements change the database"));
    QPalette warning = m_writeWarning->palette();
    warning.setColor(QPalette::WindowText, colors::failure());
    m_writeWarning->setPalette(warning);
    m_writeWarning->setVisible(false);
    m_history->setObjectName(QStringLiteral("consoleHistory"));
    m_history->setToolTip(tr("Statements run before on this destination"));
    m_history->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_history->setMinimumContentsLength(30);
    m_editor->setObjectName(QStringLiteral("consoleEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlaceholderText(tr("SELECT * FROM my_table WHERE …   — Ctrl+Return runs, Esc cancels"));
    m_editor->setTabChangesFocus(true);
    new SqlHighlighter(m_editor->document());
    m_resultView->setObjectName(QStringLiteral("consoleResult"));
    m_resultView->setDataModel(m_result);
    m_statementView->setObjectName(QStringLiteral("consoleStatementResult"));
    m_statementView->setModel(m_statementResult);
    m_statementView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_statementView->setTabKeyNavigation(false);
    m_statementView->setAlternatingRowColors(true);
    m_results->addWidget(m_resultView);
    m_results->addWidget(m_statementView);
    m_status->setObjectName(QStringLiteral("consoleStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buildActions();

    auto *datasetLabel = new QLabel(tr("Data&set:"), this);
    datasetLabel->setBuddy(m_datasets);
    const auto button = [this](QAction *action) {
        auto *b = new QToolButton(this);
        b->setDefaultAction(action);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return b;
    };
    auto *top = new QHBoxLayout;
    top->addWidget(datasetLabel);
    top->addWidget(m_datasets);
    top->addWidget(m_allowWrites);
    top->addWidget(m_writeWarning);
    top->addStretch(1);
    top->addWidget(m_history);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(button(m_runAction));
    buttons->addWidget(button(m_cancelAction));
    buttons->addWidget(button(m_exportAction));
    buttons->addWidget(m_status, 1);
    auto *editorPane = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addLayout(buttons);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("consoleSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(editorPane);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_allowWrites, &QCheckBox::toggled, m_writeWarning, &QWidget::setVisible);
    connect(m_history, &QComboBox::activated, this, [this](int index) {
        if (index > 0) // the first item is the prompt
            m_editor->setPlainText(m_history->itemData(index).toString());
        m_history->setCurrentIndex(0);
        m_editor->setFocus();
    });
    wireWorker();
    setStatus(tr("Read-only: the connection refuses writes unless Allow writes is ticked."));
    updateActions();
}

void SqlConsolePanel::buildActions()
{
    m_runAction = new QAction(tr("&Run"), this);
    m_runAction->setObjectName(QStringLiteral("consoleRunAction"));
    m_runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_runAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_runAction->setToolTip(tr("Run the statement (Ctrl+Return)"));
    connect(m_runAction, &QAction::triggered, this, &SqlConsolePanel::run);
    addAction(m_runAction);
    m_cancelAction = new QAction(tr("&Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("consoleCancelAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_cancelAction->setToolTip(tr("Stop the statement on the server (Esc)"));
    connect(m_cancelAction, &QAction::triggered, this, &SqlConsolePanel::cancel);
    addAction(m_cancelAction);
    m_exportAction = new QAction(tr("E&xport…"), this);
    m_exportAction->setObjectName(QStringLiteral("consoleExportAction"));
    m_exportAction->setToolTip(tr("Write every row of the query's result to CSV, TSV or JSON lines"));
    connect(m_exportAction, &QAction::triggered, this, [this] {
        m_export->ask(tr("query"), ExportController::resolverFor(m_destination), m_result->currentRequest(),
                      m_result->exactCount());
    });
    connect(m_resultView, &TableDataView::exportRequested, m_exportAction, &QAction::trigger);
    connect(m_resultView, &TableDataView::exportPackageRequested, this, [this] {
        m_export->askPackage(QStringLiteral("query_result"), ExportController::resolverFor(m_destination),
                             m_result->currentRequest(), m_result->table().columns, m_result->exactCount());
    });
    connect(m_export, &ExportController::finished, this,
            [this](qint64, const QString &, bool, const QString &message) { setStatus(message); });
}

void SqlConsolePanel::wireWorker()
{
    connect(m_worker, &BrowserWorker::datasetsListed, m_datasets, &DatasetChooser::setDatasets);
    connect(m_result, &TableDataModel::pageRequested, m_worker, &BrowserWorker::fetchPage);
    connect(m_result, &TableDataModel::generationChanged, m_worker, &BrowserWorker::abandonPagesBefore);
    connect(m_worker, &BrowserWorker::pageFetched, m_result, &TableDataModel::applyPage);
    connect(m_worker, &BrowserWorker::pageFailed, m_result, &TableDataModel::applyError);
    connect(m_result, &TableDataModel::countRequested, m_worker, &BrowserWorker::countRows);
    connect(m_worker, &BrowserWorker::rowsCounted, m_result, &TableDataModel::applyCount);
    connect(m_worker, &BrowserWorker::countFailed, m_result, &TableDataModel::applyCountError);
    connect(m_result, &TableDataModel::rowsFetched, this, &SqlConsolePanel::queryPageArrived);
    connect(m_result, &TableDataModel::countChanged, this, &SqlConsolePanel::queryPageArrived);
    connect(m_result, &TableDataModel::loadingChanged, this, &SqlConsolePanel::updateActions);
    connect(m_result, &TableDataModel::errorOccurred, this, [this](const QString &message) {
        const bool first = m_queryRunning;
        m_queryRunning = false;
        setStatus(
            tr("%1 after %2: %3")
                .arg(message.contains(QLatin1String("cancel"), Qt::CaseInsensitive) ? tr("Cancelled") : tr("Failed"),
                     elapsed(), message.section(QLatin1Char('\n'), 0, 0)));
        updateActions();
        if (first)
            emit finished(message);
    });
    connect(m_worker, &BrowserWorker::answered, this, [this](quint64 ticket, const QVariant &value) {
        if (ticket != m_statementTicket)
            return;
        m_statementTicket = 0;
        const auto page = value.value<BrowserPage>();
        JobSample sample;
        sample.columns = page.columns;
        sample.rows = page.rows;
        sample.more = page.hasMore;
        m_statementResult->setSample(sample);
        m_results->setCurrentWidget(m_statementView);
        setStatus(page.columns.isEmpty() ? tr("Done in %1").arg(elapsed())
                  : page.hasMore         ? tr("The first %1 of the statement's result, in %2")
                                       .arg(countOf(page.rows.size(), tr("row"), tr("rows")), elapsed())
                                 : tr("%1 in %2").arg(countOf(page.rows.size(), tr("row"), tr("rows")), elapsed()));
        updateActions();
        emit finished({});
    });
    connect(m_worker, &BrowserWorker::callFailed, this, [this](quint64 ticket, const ErrorInfo &error) {
        if (ticket != m_statementTicket)
            return;
        m_statementTicket = 0;
        setStatus(tr("%1 after %2: %3")
                      .arg(error.kind == ErrorKind::Cancelled ? tr("Cancelled") : tr("Failed"), elapsed(),
                           error.message.section(QLatin1Char('\n'), 0, 0)));
        updateActions();
        emit finished(error.message);
    });
}

void SqlConsolePanel::setDestination(const QString &name)
{
    if (name == m_destination)
        return;
    m_destination = name;
    m_result->clear();
    m_statementResult->setSample({});
    m_worker->useDestination(name);
    m_worker->listDatasets();
    reloadHistory();
    updateActions();
}

void SqlConsolePanel::showDataset(const QString &dataset)
{
    m_datasets->want(dataset);
}

void SqlConsolePanel::reloadHistory()
{
    m_history->clear();
    const QStringList statements = consolehistory::statements(m_destination);
    m_history->addItem(statements.isEmpty() ? tr("No statements run yet") : tr("Recent statements…"));
    for (const QString &sql : statements) {
        QString line = sql.simplified();
        if (line.size() > 80)
            line = line.left(79) + QChar(0x2026);
        m_history->addItem(line, sql);
        m_history->setItemData(m_history->count() - 1, sql, Qt::ToolTipRole);
    }
}

bool SqlConsolePanel::isRunning() const
{
    return m_queryRunning || m_statementTicket != 0 || m_result->isLoading() || m_result->isCounting();
}

QString SqlConsolePanel::statusText() const
{
    return m_status->text();
}

void SqlConsolePanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

QString SqlConsolePanel::elapsed() const
{
    const qint64 ms = m_clock.isValid() ? m_clock.elapsed() : 0;
    return ms < 1000 ? tr("%1 ms").arg(ms) : tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 2));
}

void SqlConsolePanel::run()
{
    if (isRunning() || m_destination.isEmpty())
        return;
    ConsoleStatement statement;
    try {
        statement = ConsoleStatement::parse(m_editor->toPlainText());
    } catch (const Error &e) {
        setStatus(tr("Not run: %1").arg(e.message()));
        emit finished(e.message());
        return;
    }
    consolehistory::remember(m_destination, statement.sql);
    reloadHistory();
    m_clock.start();
    const QString dataset = m_datasets->dataset();
    if (statement.kind == ConsoleStatement::Kind::Query) {
        m_queryRunning = true;
        m_results->setCurrentWidget(m_resultView);
        setStatus(tr("Running…"));
        m_result->setQuery(dataset, statement.sql);
    } else {
        const bool writes = m_allowWrites->isChecked();
        const QString sql = statement.sql;
        m_statementTicket = ++m_ticket;
        setStatus(writes ? tr("Running, with writes allowed…") : tr("Running (read-only)…"));
        m_worker->call(m_statementTicket, [dataset, sql, writes](DatasetBrowser &browser) {
            return QVariant::fromValue(browser.runStatement(dataset, sql, writes, kStatementRows));
        });
    }
    updateActions();
}

void SqlConsolePanel::cancel()
{
    if (!isRunning())
        return;
    setStatus(tr("Cancelling on the server…"));
    m_worker->cancelCurrent();
}

void SqlConsolePanel::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && isRunning()) {
        cancel();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void SqlConsolePanel::queryPageArrived()
{
    if (m_result->query().isEmpty())
        return;
    const bool first = m_queryRunning;
    m_queryRunning = false;
    const qint64 shown = m_result->rowCount();
    QString text;
    if (m_result->exactCount() >= 0)
        text = tr("%1 in the result; %2 read so far")
                   .arg(countOf(m_result->exactCount(), tr("row"), tr("rows")), QLocale().toString(shown));
    else if (m_result->hasMore())
        text = tr("The first %1 of the result (more as you scroll; Count all rows from the grid's menu)")
                   .arg(countOf(shown, tr("row"), tr("rows")));
    else
        text = tr("%1 in the result").arg(countOf(shown, tr("row"), tr("rows")));
    if (first)
        text += tr(" · first page in %1").arg(elapsed());
    setStatus(text);
    updateActions();
    if (first)
        emit finished({});
}

void SqlConsolePanel::updateActions()
{
    const bool running = isRunning();
    m_runAction->setEnabled(!running && !m_destination.isEmpty());
    m_cancelAction->setEnabled(running);
    m_exportAction->setEnabled(!running && !m_result->query().isEmpty() && m_result->errorText().isEmpty() &&
                               m_results->currentWidget() == m_resultView && !m_export->isRunning());
}

} // namespace wharf::ui
