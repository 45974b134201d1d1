#pragma once

#include <QWidget>

class QLabel;
class QMimeData;
class QSortFilterProxyModel;
class QTableView;

namespace wharf::ui {

class PackagesModel;

/// The list of load packages with the current selection, oldest load id first (the order the
/// command line loads them in; a click on a header sorts by that column). Keeps the selection
/// (by package folder, or by load id when a loaded package moved to load/loaded) across
/// refreshes. Accepts folders dragged from a file manager.
class PackagesPanel : public QWidget {
    Q_OBJECT
public:
    explicit PackagesPanel(QWidget *parent = nullptr);

    PackagesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    /// The package folder with the keyboard focus (its jobs are shown), or empty.
    QString currentPackage() const;
    /// Every selected package folder (Shift/Ctrl+click select several), in the order shown.
    QStringList selectedPackages() const;
    /// Every listed package that can be loaded (pending or partly loaded), in the order shown.
    QStringList pendingPackages() const;
    /// Selects `dirs` (those listed), the first one current; returns how many were selected.
    int selectPackages(const QStringList &dirs);
    /// Selects the package folder `dir`; returns false if it is not listed.
    bool selectPackage(const QString &dir);
    /// Selects the first package that can be loaded (else the first one), once the summaries
    /// being read are in (see PackagesModel).
    void selectFirstLoadable();
    /// Selects `dir` if it can be loaded, else as selectFirstLoadable() — once the summaries
    /// are in. A selection made by the user meanwhile wins.
    void selectPreferred(const QString &dir);

public slots:
    /// Rescans the folders, keeping the selection (currentPackageChanged only if it is gone).
    void refresh();

signals:
    /// The current package changed (empty when nothing is selected).
    void currentPackageChanged(const QString &dir);
    /// The set of selected packages changed.
    void selectionChanged();
    /// Folders were dropped on the panel (absolute paths of local folders only).
    void foldersDropped(const QStringList &dirs);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    static QStringList droppedFolders(const QMimeData *mime);
    void updateCaption();
    void applyPendingSelection();

    PackagesModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_view;
    QLabel *m_caption;
    bool m_selectWhenRead = false; ///< selectPreferred() waits for the summaries
    QString m_preferred;
};

} // namespace wharf::ui
