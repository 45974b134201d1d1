#pragma once

#include <QHeaderView>
#include <QList>

class QLineEdit;

namespace wharf::ui {

/// A horizontal header with a filter line edit under each column title, kept aligned with the
/// sections as they are resized, moved or scrolled (the layout of DB Browser for SQLite's
/// FilterTableHeader). Emits filterEdited() as the user types; the owner debounces.
class TableDataFilterHeader : public QHeaderView {
    Q_OBJECT
public:
    explicit TableDataFilterHeader(QWidget *parent = nullptr);

    /// One editor per column of the model, all empty.
    void resetEditors();
    QLineEdit *editor(int column) const { return m_editors.value(column); }
    int editorCount() const { return int(m_editors.size()); }
    /// The column of filter editor `edit`, or -1.
    qsizetype editorIndex(const QLineEdit *edit) const { return m_editors.indexOf(edit); }
    QString filterText(int column) const;
    /// What can be typed in the filter of `column` (its tooltip).
    QString filterHelp(int column) const;

    QSize sizeHint() const override;

public slots:
    /// Puts the editors under their sections (also after horizontal scrolling of the view).
    void placeEditors();

signals:
    void filterEdited(int column, const QString &text);
    /// Return was pressed in an editor: apply now.
    void filterCommitted();

protected:
    void updateGeometries() override;

private:
    QList<QLineEdit *> m_editors;
};

} // namespace wharf::ui
