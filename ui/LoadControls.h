#pragma once

#include "load/LoadEvents.h"

#include <QWidget>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;

namespace wharf::ui {

/// Run and Cancel buttons (driven by the window's actions, so shortcuts and menus agree), a
/// progress bar over the package's jobs and a rows/s read-out.
class LoadControls : public QWidget {
    Q_OBJECT
public:
    LoadControls(QAction *runAction, QAction *cancelAction, QWidget *parent = nullptr);

    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }

public slots:
    /// A load of `jobsTotal` jobs started.
    void started(int jobsTotal);
    void showProgress(const wharf::LoadProgress &progress);
    void finished(const wharf::PackageResult &result);

private:
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_rate;
};

} // namespace wharf::ui
