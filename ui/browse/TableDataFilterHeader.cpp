#include "browse/TableDataFilterHeader.h"

#include <QAbstractItemModel>
#include <QLineEdit>
#include <QScrollBar>

namespace wharf::ui {

namespace {
constexpr int kEditorGap = 2;
}

TableDataFilterHeader::TableDataFilterHeader(QWidget *parent)
    : QHeaderView(Qt::Horizontal, parent)
{
    setSectionsClickable(true);
    setSortIndicatorShown(true);
    setSortIndicatorClearable(true); // a third click returns to the table's own order
    setSortIndicator(-1, Qt::AscendingOrder);
    setHighlightSections(false);
    setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    connect(this, &QHeaderView::sectionResized, this, &TableDataFilterHeader::placeEditors);
    connect(this, &QHeaderView::sectionMoved, this, &TableDataFilterHeader::placeEditors);
    connect(this, &QHeaderView::geometriesChanged, this, &TableDataFilterHeader::placeEditors);
}

void TableDataFilterHeader::resetEditors()
{
    qDeleteAll(m_editors);
    m_editors.clear();
    const int columns = model() ? model()->columnCount() : 0;
    for (int c = 0; c < columns; ++c) {
        auto *edit = new QLineEdit(this);
        const QString name = model()->headerData(c, Qt::Horizontal).toString();
        edit->setObjectName(QStringLiteral("filter_%1").arg(c));
        edit->setPlaceholderText(tr("Filter"));
        edit->setAccessibleName(tr("Filter of %1").arg(name));
        edit->setToolTip(filterHelp(c));
        edit->setClearButtonEnabled(true);
        // textEdited: typing and the clear button, not setText() by the program.
        connect(edit, &QLineEdit::textEdited, this, [this, c](const QString &text) { emit filterEdited(c, text); });
        connect(edit, &QLineEdit::returnPressed, this, &TableDataFilterHeader::filterCommitted);
        edit->show();
        m_editors.append(edit);
    }
    updateGeometries();
}

QString TableDataFilterHeader::filterHelp(int column) const
{
    const QString name = model() ? model()->headerData(column, Qt::Horizontal).toString() : QString();
    return tr("Rows whose %1 contains this text (any case). Or:\n"
              "  >100  >=100  <100  <=100  =open  <>open   compare (numbers as numbers)\n"
              "  10..20   from 10 to 20\n"
              "  null   not null\n"
              "  like a%b   SQL LIKE (%: any text, _: one character)\n"
              "  'text   this text literally, even if it starts like an operator")
        .arg(name);
}

QString TableDataFilterHeader::filterText(int column) const
{
    const QLineEdit *edit = editor(column);
    return edit ? edit->text() : QString();
}

QSize TableDataFilterHeader::sizeHint() const
{
    QSize size = QHeaderView::sizeHint();
    if (!m_editors.isEmpty())
        size.setHeight(size.height() + m_editors.first()->sizeHint().height() + kEditorGap);
    return size;
}

void TableDataFilterHeader::updateGeometries()
{
    // The titles keep the upper part (the viewport); the editors take a strip below it.
    const int strip = m_editors.isEmpty() ? 0 : m_editors.first()->sizeHint().height() + kEditorGap;
    setViewportMargins(0, 0, 0, strip);
    QHeaderView::updateGeometries();
    placeEditors();
}

void TableDataFilterHeader::placeEditors()
{
    const int y = viewport()->geometry().bottom() + 1 + kEditorGap / 2;
    for (int c = 0; c < m_editors.size(); ++c) {
        QLineEdit *edit = m_editors[c];
        if (isSectionHidden(c)) {
            edit->hide();
            continue;
        }
        edit->setGeometry(sectionViewportPosition(c), y, sectionSize(c), edit->sizeHint().height());
        edit->show();
    }
}

} // namespace wharf::ui
