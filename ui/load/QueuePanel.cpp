#include "load/QueuePanel.h"

#include "LoadQueue.h"
#include "load/QueueModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace wharf::ui {

QueuePanel::QueuePanel(LoadQueue *queue, QAction *resumeAction, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_model(new QueueModel(queue, this))
    , m_view(new QTableView(this))
    , m_caption(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("queueView"));
    m_view->setModel(m_model);
    m_view->setTabKeyNavigation(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    auto *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(QueueModel::DetailsColumn, QHeaderView::Stretch);
    header->setHighlightSections(false);
    m_caption->setObjectName(QStringLiteral("queueCaption"));
    m_caption->setWordWrap(true);

    auto *resume = new QToolButton(this);
    resume->setDefaultAction(resumeAction);
    resume->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *top = new QHBoxLayout;
    top->addWidget(m_caption, 1);
    top->addWidget(resume);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view);

    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        emit packageActivated(index.data(QueueModel::PackageDirRole).toString());
    });
    connect(queue, &LoadQueue::entriesReset, this, &QueuePanel::updateCaption);
    connect(queue, &LoadQueue::entryChanged, this, &QueuePanel::updateCaption);
    connect(queue, &LoadQueue::queueFinished, this, &QueuePanel::updateCaption);
    updateCaption();
}

void QueuePanel::updateCaption()
{
    const auto &entries = m_queue->entries();
    if (entries.isEmpty()) {
        m_caption->setText(tr("No queue yet. Select several packages (Shift or Ctrl+click) and Run, or use Load ▸ "
                              "Run all pending: they load one after the other, oldest first."));
        return;
    }
    int done = 0;
    for (const QueueEntry &e : entries)
        done += isFinalOutcome(e.outcome) ? 1 : 0;
    const int total = int(entries.size());
    if (m_queue->isRunning())
        m_caption->setText(tr("Loading package %1 of %2 into %3")
                               .arg(m_queue->runningIndex() + 1)
                               .arg(total)
                               .arg(m_queue->destinationName()));
    else if (m_queue->canResume())
        m_caption->setText(tr("%1 of %2 packages done; %3 left — Resume queue loads them, from where it stopped")
                               .arg(done)
                               .arg(total)
                               .arg(m_queue->remaining()));
    else
        m_caption->setText(tr("All %1 packages of the queue are done").arg(total));
}

} // namespace wharf::ui
