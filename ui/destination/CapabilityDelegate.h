#pragma once

#include <QStyledItemDelegate>

namespace wharf::ui {

/// Edits the Value column of CapabilitiesModel by what the model says about the cell
/// (CapabilitiesModel::EditorKindRole): a QComboBox of ChoicesRole for file formats and
/// strategies, a QSpinBox bounded by MinimumRole/MaximumRole for counts. Commits through
/// setData(), which checks the value and writes config.toml; a rejected value leaves the
/// model (and file) as they were. Other cells get QStyledItemDelegate's behaviour.
class CapabilityDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit CapabilityDelegate(QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private slots:
    void commitAndCloseEditor();
};

} // namespace wharf::ui
