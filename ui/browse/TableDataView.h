#pragma once

#include <QTableView>

class QAction;
class QTimer;

namespace wharf::ui {

class CellViewer;
class TableDataFilterHeader;
class TableDataModel;

/// The grid of the dataset browser: a table view over a TableDataModel with a filter row in
/// its header (applied after a pause in typing, or on Return), sorting by header clicks (done
/// by the database) and copying: Ctrl+C copies the selection as TSV, the context menu also as
/// CSV with a header or as JSON.
class TableDataView : public QTableView {
    Q_OBJECT
public:
    /// Quiet time after the last keystroke before a filter is applied.
    static constexpr int kFilterDelayMs = 350;
    static constexpr int kMinColumnWidth = 60;
    static constexpr int kMaxColumnWidth = 360;

    explicit TableDataView(QWidget *parent = nullptr);

    void setDataModel(TableDataModel *model);
    TableDataModel *dataModel() const { return m_model; }
    TableDataFilterHeader *filterHeader() const { return m_header; }
    QAction *copyAction() const { return m_copy; }
    QAction *copyCsvAction() const { return m_copyCsv; }
    QAction *copyJsonAction() const { return m_copyJson; }
    CellViewer *cellViewer() const { return m_viewer; }
    /// Count all rows (exact), First rows (Ctrl+Home), Last rows (Ctrl+End), Export all rows:
    /// asked of the database.
    QList<QAction *> tableActions() const { return {m_count, m_first, m_last, m_export, m_exportPackage}; }

    /// The selected cells: the rows and columns that hold a selected cell, in order (cells of
    /// that block not selected are left empty); the current cell when nothing is selected.
    QString selectionAsTsv() const;
    QString selectionAsCsv() const;
    QString selectionAsJson() const;

public slots:
    void copySelection();
    void copySelectionAsCsv();
    void copySelectionAsJson();
    /// Applies the texts of the filter row now.
    void applyFilters();
    /// Puts the keyboard in the filter of `column` (Ctrl+F: the current column's).
    void focusFilter(int column);
    /// The current cell's whole value in the cell viewer (double-click, Shift+Return).
    void viewCurrentCell();
    /// Copies the current cell's whole value, its row (TSV) or its column's fetched values
    /// (one per line).
    void copyCell();
    void copyRow();
    void copyColumn();

signals:
    /// Export… was asked for (the context menu, Ctrl+Shift+E).
    void exportRequested();
    /// Export as a dlt load package… was asked for.
    void exportPackageRequested();
    /// What a copy put on the clipboard, in words ("Copied 200 rows × 3 columns as TSV — the
    /// rows fetched so far, of about 1,000,000 in the table").
    void copied(const QString &what);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Block {
        QStringList headers;
        QList<QVariantList> rows;
        QList<bool> jsonColumns;
    };
    Block selectedBlock() const;
    void announceCopy(const Block &block, const QString &format);
    void syncEditors();
    void sizeColumnsToContent();

    TableDataModel *m_model = nullptr;
    TableDataFilterHeader *m_header;
    QTimer *m_filterTimer;
    QAction *m_copy;
    QAction *m_copyCsv;
    QAction *m_copyJson;
    QAction *m_count;
    QAction *m_first;
    QAction *m_last;
    QAction *m_export = nullptr;
    QAction *m_exportPackage = nullptr;
    CellViewer *m_viewer = nullptr;
    QString m_editorsFor;
    bool m_sizeToContent = false; ///< a new table's columns wait for its first rows
    bool m_goToLastRow = false;   ///< Last rows: the current row moves to the end once it is in ///< dataset, table and
                                  ///< columns the filter editors were made for
};

} // namespace wharf::ui
