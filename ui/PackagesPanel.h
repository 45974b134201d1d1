#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace wharf::ui {

class PackagesModel;

/// The list of load packages with the current selection. Keeps the selection (by package
/// folder) across refreshes.
class PackagesPanel : public QWidget {
    Q_OBJECT
public:
    explicit PackagesPanel(QWidget *parent = nullptr);

    PackagesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    /// The selected package folder, or empty.
    QString currentPackage() const;
    /// Selects the package folder `dir`; returns false if it is not listed.
    bool selectPackage(const QString &dir);
    /// Selects the first package that can be loaded (else the first one).
    void selectFirstLoadable();

public slots:
    /// Rescans the folders, keeping the selection (currentPackageChanged only if it is gone).
    void refresh();

signals:
    /// The selection changed (empty when nothing is selected).
    void currentPackageChanged(const QString &dir);

private:
    void updateCaption();

    PackagesModel *m_model;
    QTableView *m_view;
    QLabel *m_caption;
};

} // namespace wharf::ui
