#include "load/LoadPage.h"

#include "load/JobsPanel.h"
#include "load/LoadControls.h"
#include "load/PackagesPanel.h"
#include "load/QueuePanel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace wharf::ui {

LoadPage::LoadPage(PackagesPanel *packages, JobsPanel *jobs, QueuePanel *queue, LoadControls *controls, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_plan(new QPlainTextEdit(this))
    , m_dataset(new QLineEdit(this))
    , m_tabs(new QTabWidget(this))
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("loadSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(packages);
    // The selected package's jobs, what Run would do with it (`wharf info --sql --compare`)
    // and the queue of the last Run.
    m_plan->setObjectName(QStringLiteral("planView"));
    m_plan->setReadOnly(true);
    m_plan->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_plan->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_plan->setPlaceholderText(tr("Select a package to see what Run would do with it."));
    m_tabs->setObjectName(QStringLiteral("packageTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(jobs, tr("Jobs"));
    m_tabs->addTab(m_plan, tr("What Run will do"));
    m_tabs->setTabToolTip(1, tr("The files per table, the tables and columns the dataset as it is now would get "
                                "(with their DDL), what is emptied or dropped first, each table chain's strategy "
                                "and the SQL that follows the jobs; the destination is only read"));
    m_tabs->addTab(queue, tr("Queue"));
    m_tabs->setTabToolTip(2, tr("The packages of the last Run, in loading order, and what became of each"));
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    // Where the rows go: the dataset the package names (dlt's pipeline dataset) unless typed here.
    m_dataset->setObjectName(QStringLiteral("datasetEdit"));
    m_dataset->setClearButtonEnabled(true);
    m_dataset->setToolTip(tr("The dataset (schema) to load into; empty: the dataset configured for the destination, "
                             "else the one of the package's pipeline"));
    auto *datasetLabel = new QLabel(tr("Into &dataset:"), this);
    datasetLabel->setBuddy(m_dataset);
    auto *datasetRow = new QHBoxLayout;
    datasetRow->addWidget(datasetLabel);
    datasetRow->addWidget(m_dataset, 1);
    datasetRow->addStretch(2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(splitter, 1);
    layout->addLayout(datasetRow);
    layout->addWidget(controls);
}

void LoadPage::showQueue()
{
    m_tabs->setCurrentWidget(m_queue);
}

} // namespace wharf::ui
