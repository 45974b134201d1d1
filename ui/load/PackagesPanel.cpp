#include "load/PackagesPanel.h"

#include "load/PackagesModel.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace wharf::ui {

PackagesPanel::PackagesPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new PackagesModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_caption(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("packagesView"));
    m_view->setTabKeyNavigation(false); // Tab moves on to the next control, as everywhere else
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(PackagesModel::SortRole);
    m_sorted->setDynamicSortFilter(true);
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(PackagesModel::LoadIdColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection); // several make a queue
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The table list and the folder can be long: they share what is left, elided (the tooltip
    // has them whole), so that jobs and size stay in sight.
    header->setSectionResizeMode(PackagesModel::TablesColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(PackagesModel::FolderColumn, QHeaderView::Stretch);
    m_view->setTextElideMode(Qt::ElideMiddle); // long folders keep both ends
    header->setHighlightSections(false);
    header->setSortIndicatorShown(true);

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

    setAcceptDrops(true); // the view does not take drops, so folders dropped on it land here
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { emit currentPackageChanged(currentPackage()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PackagesPanel::selectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PackagesPanel::updateCaption);
    connect(m_model, &PackagesModel::summariesRead, this, [this] {
        updateCaption();
        applyPendingSelection();
    });
    // A choice of the user's ends any selection still waiting for the summaries.
    connect(m_view, &QAbstractItemView::pressed, this, [this] { m_selectWhenRead = false; });
    updateCaption();
}

QString PackagesPanel::currentPackage() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.data(PackagesModel::DirRole).toString() : QString();
}

QStringList PackagesPanel::selectedPackages() const
{
    QStringList dirs;
    for (int r = 0; r < m_sorted->rowCount(); ++r)
        if (m_view->selectionModel()->isRowSelected(r, {}))
            dirs.append(m_sorted->index(r, 0).data(PackagesModel::DirRole).toString());
    return dirs;
}

QStringList PackagesPanel::pendingPackages() const
{
    QStringList dirs;
    for (int r = 0; r < m_sorted->rowCount(); ++r) {
        const QString dir = m_sorted->index(r, 0).data(PackagesModel::DirRole).toString();
        const int row = m_model->rowOf(dir);
        if (row >= 0 && !m_model->package(row).reading && m_model->package(row).isLoadable())
            dirs.append(dir);
    }
    return dirs;
}

int PackagesPanel::selectPackages(const QStringList &dirs)
{
    m_selectWhenRead = false;
    QItemSelection selection;
    QModelIndex first;
    for (const QString &dir : dirs) {
        const int row = m_model->rowOf(dir);
        if (row < 0)
            continue;
        const QModelIndex index = m_sorted->mapFromSource(m_model->index(row, 0));
        if (!first.isValid())
            first = index;
        selection.select(index, index);
    }
    if (!first.isValid())
        return 0;
    m_view->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(first);
    return int(m_view->selectionModel()->selectedRows().size());
}

bool PackagesPanel::selectPackage(const QString &dir)
{
    m_selectWhenRead = false; // an explicit choice wins over one still waiting
    const int row = m_model->rowOf(dir);
    if (row < 0)
        return false;
    const QModelIndex index = m_sorted->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void PackagesPanel::selectFirstLoadable()
{
    selectPreferred({});
}

void PackagesPanel::selectPreferred(const QString &dir)
{
    m_preferred = dir;
    m_selectWhenRead = true;
    if (!m_model->isReading())
        applyPendingSelection();
}

void PackagesPanel::applyPendingSelection()
{
    if (!m_selectWhenRead)
        return;
    m_selectWhenRead = false;
    const int preferred = m_model->rowOf(m_preferred);
    if (preferred >= 0 && m_model->package(preferred).isLoadable()) {
        selectPackage(m_preferred);
        return;
    }
    // The first loadable one in the order shown (oldest first), else the first shown.
    QString first;
    for (int r = 0; r < m_sorted->rowCount(); ++r) {
        const QString dir = m_sorted->index(r, 0).data(PackagesModel::DirRole).toString();
        if (first.isEmpty())
            first = dir;
        if (m_model->package(m_model->rowOf(dir)).isLoadable()) {
            first = dir;
            break;
        }
    }
    if (!first.isEmpty())
        selectPackage(first);
}

void PackagesPanel::refresh()
{
    const QString selected = currentPackage();
    {
        // The reset drops the selection; restore it without announcing a change of package.
        const QSignalBlocker block(m_view->selectionModel());
        const int row = m_model->rowOf(selected);
        const QString loadId = row >= 0 ? m_model->package(row).loadId : QString();
        m_model->refresh();
        // A loaded pipeline package moves from load/normalized to load/loaded: follow it.
        if (!selected.isEmpty() && !selectPackage(selected) && !loadId.isEmpty())
            selectPackage(m_model->dirOfLoadId(loadId));
    }
    m_view->viewport()->update();
    if (currentPackage() != selected)
        emit currentPackageChanged(currentPackage());
}

QStringList PackagesPanel::droppedFolders(const QMimeData *mime)
{
    QStringList dirs;
    if (!mime || !mime->hasUrls())
        return dirs;
    for (const QUrl &url : mime->urls()) {
        const QFileInfo info(url.toLocalFile());
        if (url.isLocalFile() && info.isDir())
            dirs.append(info.absoluteFilePath());
    }
    return dirs;
}

void PackagesPanel::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedFolders(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void PackagesPanel::dropEvent(QDropEvent *event)
{
    const QStringList dirs = droppedFolders(event->mimeData());
    if (dirs.isEmpty())
        return;
    event->acceptProposedAction();
    emit foldersDropped(dirs);
}

void PackagesPanel::updateCaption()
{
    const int n = m_model->rowCount();
    m_caption->setText(n == 0 ? tr("<b>Packages</b> — none found; open a folder (Ctrl+O) or drop one here")
                              : tr("<b>Packages</b> (%n) — drop a folder here to add it", nullptr, n));
}

} // namespace wharf::ui
