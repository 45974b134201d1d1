#pragma once

#include "load/LoadEvents.h"
#include "load/ProgressEstimator.h"

#include "common/ElidedLabel.h"

#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace wharf::ui {

class ThroughputChart;

/// Run and Cancel buttons (driven by the window's actions, so shortcuts and menus agree; more
/// with addActionButton), an overall progress bar (bytes of the package's job files, jobs when
/// sizes are unknown), a read-out "12,340 rows/s · ETA 0:42" and a ThroughputChart. Fed by
/// the loader's progress reports (a few per second); never looks frozen: the bar is busy until
/// the first report and the chart keeps the last load's curve and summary.
class LoadControls : public QWidget {
    Q_OBJECT
public:
    LoadControls(QAction *runAction, QAction *cancelAction, QWidget *parent = nullptr);

    /// Adds a button mirroring `action` after the others; returns it.
    QPushButton *addActionButton(QAction *action);

    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *rateLabel() const { return m_rate; }
    ThroughputChart *chart() const { return m_chart; }
    const ProgressEstimator &estimator() const { return m_estimator; }

    /// The progress bar's steps (it shows a fraction, whatever the package's size).
    static constexpr int kProgressSteps = 1000;

public slots:
    /// A load started; `jobsTotal` may be 0 when not known yet (the bar is busy until the
    /// first progress report).
    void started(int jobsTotal);
    void showProgress(const wharf::LoadProgress &progress);
    void finished(const wharf::PackageResult &result);
    /// No load to show (another package was selected): the bar says "Idle", the chart is empty,
    /// and `note` (what Run would or would not do) is shown beside the bar.
    void showIdle(const QString &note = {});

private:
    /// The bar's text (`%p` for its percentage), and a width that keeps it on one line.
    void setBarText(const QString &format);

    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    ElidedLabel *m_rate;
    ThroughputChart *m_chart;
    QHBoxLayout *m_buttons;
    ProgressEstimator m_estimator;
};

} // namespace wharf::ui
