#include "PackagesPanel.h"

#include "PackagesModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace wharf::ui {

PackagesPanel::PackagesPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new PackagesModel(this))
    , m_view(new QTableView(this))
    , m_caption(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("packagesView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(PackagesModel::FolderColumn, QHeaderView::Stretch);
    m_view->setTextElideMode(Qt::ElideMiddle); // long folders keep both ends
    header->setHighlightSections(false);

    auto *refreshButton = new QToolButton(this);
    refreshButton->setObjectName(QStringLiteral("refreshPackagesButton"));
    refreshButton->setText(tr("Refresh"));
    refreshButton->setToolTip(tr("Scan the packages folders again (F5)"));
    refreshButton->setShortcut(QKeySequence::Refresh);
    connect(refreshButton, &QToolButton::clicked, this, &PackagesPanel::refresh);

    auto *top = new QHBoxLayout;
    top->addWidget(m_caption, 1);
    top->addWidget(refreshButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { emit currentPackageChanged(currentPackage()); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &PackagesPanel::updateCaption);
    updateCaption();
}

QString PackagesPanel::currentPackage() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.data(PackagesModel::DirRole).toString() : QString();
}

bool PackagesPanel::selectPackage(const QString &dir)
{
    const int row = m_model->rowOf(dir);
    if (row < 0)
        return false;
    m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(m_model->index(row, 0));
    return true;
}

void PackagesPanel::selectFirstLoadable()
{
    int row = m_model->firstLoadableRow();
    if (row < 0 && m_model->rowCount() > 0)
        row = 0;
    if (row >= 0)
        selectPackage(m_model->package(row).dir);
}

void PackagesPanel::refresh()
{
    const QString selected = currentPackage();
    {
        // The reset drops the selection; restore it without announcing a change of package.
        const QSignalBlocker block(m_view->selectionModel());
        m_model->refresh();
        if (!selected.isEmpty())
            selectPackage(selected);
    }
    m_view->viewport()->update();
    if (currentPackage() != selected)
        emit currentPackageChanged(currentPackage());
}

void PackagesPanel::updateCaption()
{
    const int n = m_model->rowCount();
    m_caption->setText(n == 0 ? tr("<b>Packages</b> — none found; use File › Open packages folder…")
                              : tr("<b>Packages</b> (%n)", nullptr, n));
}

} // namespace wharf::ui
