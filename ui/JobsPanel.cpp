#include "JobsPanel.h"

#include "JobsModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace wharf::ui {

JobsPanel::JobsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new JobsModel(this))
    , m_view(new QTableView(this))
    , m_caption(new QLabel(this))
{
    m_caption->setObjectName(QStringLiteral("jobsCaption"));
    m_view->setObjectName(QStringLiteral("jobsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(JobsModel::ErrorColumn, QHeaderView::Stretch);
    header->setHighlightSections(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_view);

    connect(m_model, &QAbstractItemModel::modelReset, this, &JobsPanel::updateCaption);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &JobsPanel::updateCaption);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &JobsPanel::updateCaption);
    updateCaption();
}

void JobsPanel::updateCaption()
{
    const int total = m_model->rowCount();
    if (total == 0) {
        m_caption->setText(tr("<b>Jobs</b> — select a package"));
        return;
    }
    QStringList parts;
    for (auto state : {JobState::Ready, JobState::Running, JobState::Retry, JobState::Completed, JobState::Failed}) {
        const int n = m_model->countInState(state);
        if (n > 0)
            parts << QStringLiteral("%1 %2").arg(n).arg(jobStateName(state));
    }
    m_caption->setText(
        tr("<b>Jobs</b> of %1 — %2").arg(m_model->loadId().toHtmlEscaped(), parts.join(QStringLiteral(", "))));
}

} // namespace wharf::ui
