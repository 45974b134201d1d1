#include "destination/CapabilitiesPanel.h"

#include "common/StateColors.h"
#include "destination/CapabilitiesModel.h"
#include "destination/CapabilityDelegate.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace wharf::ui {

CapabilitiesPanel::CapabilitiesPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new CapabilitiesModel(this))
    , m_view(new QTableView(this))
    , m_caption(new QLabel(this))
    , m_fileHint(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_resetAction(new QAction(tr("&Reset to default"), this))
{
    m_caption->setObjectName(QStringLiteral("capabilitiesCaption"));
    m_fileHint->setObjectName(QStringLiteral("capabilitiesFileHint"));
    m_fileHint->setWordWrap(true);
    m_fileHint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setObjectName(QStringLiteral("capabilitiesError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = m_errorLabel->palette();
    pal.setColor(QPalette::WindowText, colors::failure());
    m_errorLabel->setPalette(pal);
    m_errorLabel->hide();

    m_resetAction->setObjectName(QStringLiteral("resetCapabilityAction"));
    m_resetAction->setToolTip(tr("Remove the selected capability's override from the project's config.toml"));
    connect(m_resetAction, &QAction::triggered, this, &CapabilitiesPanel::resetCurrent);
    auto *resetButton = new QToolButton(this);
    resetButton->setObjectName(QStringLiteral("resetCapabilityButton"));
    resetButton->setDefaultAction(m_resetAction);
    resetButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    setUpView();

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_errorLabel, 1);
    bottom->addStretch();
    bottom->addWidget(resetButton, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_fileHint);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);

    connect(m_model, &CapabilitiesModel::lastErrorChanged, this, &CapabilitiesPanel::showError);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateTexts();
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &CapabilitiesPanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CapabilitiesPanel::updateActions);
    updateTexts();
    updateActions();
}

void CapabilitiesPanel::setUpView()
{
    m_view->setObjectName(QStringLiteral("capabilitiesView"));
    m_view->setTabKeyNavigation(false); // Tab moves on to the next control, as everywhere else
    m_view->setModel(m_model);
    m_view->setItemDelegate(new CapabilityDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::SelectedClicked |
                            QAbstractItemView::EditKeyPressed);
    m_view->setAlternatingRowColors(true);
    // Lists of formats and strategies wrap at their commas; meanings wrap in the last column.
    m_view->setWordWrap(true);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &CapabilitiesPanel::showContextMenu);
    m_view->verticalHeader()->hide();
    // About 25 rows: measuring them all is cheap, and wrapped text needs the height.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true); // the meaning takes the rest
    const auto width = [this](const QString &sample) { return fontMetrics().horizontalAdvance(sample) + 24; };
    QFont bold = font(); // overridden rows show their name in bold
    bold.setBold(true);
    m_view->setColumnWidth(CapabilitiesModel::NameColumn,
                           QFontMetrics(bold).horizontalAdvance(QStringLiteral("max_column_identifier_length")) + 24);
    m_view->setColumnWidth(CapabilitiesModel::ValueColumn, width(QStringLiteral("truncate-and-insert,")));
    m_view->setColumnWidth(CapabilitiesModel::DefaultColumn, width(QStringLiteral("truncate-and-insert,")));
    m_view->setColumnWidth(CapabilitiesModel::SourceColumn, width(QStringLiteral("config.toml (project)")));
}

void CapabilitiesPanel::setDestination(const QString &name, const ConfigLocations &locations)
{
    m_model->setDestination(name, locations);
}

void CapabilitiesPanel::showDestination(const QString &name)
{
    setDestination(name, ConfigLocations::defaults());
}

void CapabilitiesPanel::reload()
{
    m_model->reload();
}

bool CapabilitiesPanel::resetCurrent()
{
    return m_model->resetToDefault(m_view->currentIndex().row());
}

void CapabilitiesPanel::updateActions()
{
    m_resetAction->setEnabled(m_model->isResettable(m_view->currentIndex().row()));
}

void CapabilitiesPanel::updateTexts()
{
    const QString name = m_model->destinationName();
    m_caption->setText(name.isEmpty() ? tr("<b>Capabilities</b> — select a destination")
                                      : tr("<b>Capabilities</b> of %1").arg(name.toHtmlEscaped()));
    m_fileHint->setText(name.isEmpty() ? QString()
                                       : tr("Values in <b>bold</b> are overridden. Double-click a blue value to "
                                            "change it; changes in <i>italics</i> are written to <code>%1</code> "
                                            "by Save, or dropped by Revert.")
                                             .arg(m_model->configPath().toHtmlEscaped()));
}

void CapabilitiesPanel::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setToolTip(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

void CapabilitiesPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    QMenu menu(this);
    const QModelIndex value = index.siblingAtColumn(CapabilitiesModel::ValueColumn);
    if (value.flags() & Qt::ItemIsEditable) {
        QAction *edit = menu.addAction(tr("&Change value…"));
        connect(edit, &QAction::triggered, this, [this, value] { m_view->edit(value); });
    }
    menu.addAction(m_resetAction);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace wharf::ui
