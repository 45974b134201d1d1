#include "destination/CapabilityDelegate.h"

#include "destination/CapabilitiesModel.h"

#include <QComboBox>
#include <QSpinBox>
#include <algorithm>

namespace wharf::ui {

namespace {

CapabilitiesModel::EditorKind editorKind(const QModelIndex &index)
{
    return CapabilitiesModel::EditorKind(index.data(CapabilitiesModel::EditorKindRole).toInt());
}

} // namespace

CapabilityDelegate::CapabilityDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QWidget *CapabilityDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    switch (editorKind(index)) {
    case CapabilitiesModel::EditorKind::Choice: {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("capabilityChoiceEditor"));
        combo->addItems(index.data(CapabilitiesModel::ChoicesRole).toStringList());
        // Picking an entry is the whole edit: commit it without waiting for Enter or focus out.
        connect(combo, &QComboBox::activated, this, &CapabilityDelegate::commitAndCloseEditor);
        return combo;
    }
    case CapabilitiesModel::EditorKind::Integer: {
        auto *spin = new QSpinBox(parent);
        spin->setObjectName(QStringLiteral("capabilityCountEditor"));
        spin->setRange(index.data(CapabilitiesModel::MinimumRole).toInt(),
                       index.data(CapabilitiesModel::MaximumRole).toInt());
        spin->setSpecialValueText(index.data(CapabilitiesModel::SpecialValueTextRole).toString());
        spin->setGroupSeparatorShown(true);
        spin->setAccelerated(true);
        return spin;
    }
    case CapabilitiesModel::EditorKind::None:
        break;
    }
    return QStyledItemDelegate::createEditor(parent, option, index);
}

void CapabilityDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QVariant value = index.data(Qt::EditRole);
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        combo->setCurrentIndex(combo->findText(value.toString()));
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        // max_query_length is a qint64; values past the spin box's int range show as its maximum.
        spin->setValue(int(std::clamp<qint64>(value.toLongLong(), spin->minimum(), spin->maximum())));
    } else {
        QStyledItemDelegate::setEditorData(editor, index);
    }
}

void CapabilityDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        if (combo->currentIndex() >= 0 && combo->currentText() != index.data(Qt::EditRole).toString())
            model->setData(index, combo->currentText(), Qt::EditRole);
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->interpretText();
        // Compared with the value as the spin box showed it: a qint64 past its range, left
        // alone, must not be rewritten as the clamped maximum.
        const qint64 shown =
            std::clamp<qint64>(index.data(Qt::EditRole).toLongLong(), spin->minimum(), spin->maximum());
        if (spin->value() != shown)
            model->setData(index, spin->value(), Qt::EditRole);
    } else {
        QStyledItemDelegate::setModelData(editor, model, index);
    }
}

void CapabilityDelegate::commitAndCloseEditor()
{
    if (auto *editor = qobject_cast<QWidget *>(sender())) {
        emit commitData(editor);
        emit closeEditor(editor);
    }
}

} // namespace wharf::ui
