#pragma once

#include "SecretMasking.h"
#include "load/LoadEvents.h"

#include <QWidget>
#include <atomic>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QTableView;

namespace wharf::ui {

class JobsModel;

/// The jobs table of the selected (or loading) package, with a one-line count by state, a
/// context menu (show the error, reveal the job file, copy the error) and double-click on a
/// failed or retrying job for its full error (on a completed one for its table's rows, on one
/// still to load for its file's first rows). Reading a package's jobs from
/// disk runs off the GUI thread (showPackage). Rows have one fixed height and the columns are sized once, so live
/// updates of thousands of rows cost only a repaint.
class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(QWidget *parent = nullptr);
    ~JobsPanel() override; ///< a row count still running stops at its next batch

    JobsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /// "Show job error…" for the current row (enabled when it has an error).
    QAction *showErrorAction() const { return m_showErrorAction; }
    /// "Reveal job file" for the current row: opens the folder holding the job file.
    QAction *revealAction() const { return m_revealAction; }
    /// "Show first rows…" for the current row: the job file's first rows, as the load reads them.
    QAction *firstRowsAction() const { return m_firstRowsAction; }
    /// "Count rows": reads every job file still to load (off the GUI thread) and shows how many
    /// rows each holds in the Rows column.
    QAction *countRowsAction() const { return m_countRowsAction; }

    /// The job of the current row, if any.
    std::optional<JobEvent> currentJob() const;
    /// Jobs whose error the dialog shows: failed or retrying, or any with an error message.
    static bool hasError(const JobEvent &job);

public slots:
    /// Reads the jobs of package folder `dir` on a worker thread and shows them when read
    /// (`packageShown`), their errors passed through `mask`; an empty `dir` clears the table.
    /// A later call, or beginLive(), drops a read still under way.
    void showPackage(const QString &dir, const wharf::ui::SecretMasker &mask = {});
    /// A load starts: its events own the table now; pending reads are dropped.
    void beginLive();
    /// Opens the folder of the job in `row` (QDesktopServices); false if it could not.
    bool revealJobFile(int row);
    /// What countRowsAction() does; `rowsCounted` follows.
    void countRows();

signals:
    /// A package read by showPackage() is shown (`error` set when it could not be read).
    void packageShown(const QString &dir, const QString &error);
    /// The user asked for the full error of `job` (double-click, menu).
    void errorRequested(const wharf::JobEvent &job);
    /// The user double-clicked a completed job: show the rows of `table`.
    void tableRequested(const QString &table);
    /// The user asked for the first rows of `job`'s file (menu, or double-click on a job to load).
    void firstRowsRequested(const wharf::JobEvent &job);
    /// countRows() ended: `rows` in `files` job files (`error`: the first file that could not be read).
    void rowsCounted(qint64 rows, int files, const QString &error);

private:
    void setUpView();
    void createActions();
    void updateActions();
    void updateCaption();
    void showContextMenu(const QPoint &pos);
    void activate(const QModelIndex &index);

    JobsModel *m_model;
    QTableView *m_view;
    QLabel *m_caption;
    QAction *m_showErrorAction = nullptr;
    QAction *m_revealAction = nullptr;
    QAction *m_copyErrorAction = nullptr;
    QAction *m_firstRowsAction = nullptr;
    QAction *m_countRowsAction = nullptr;
    bool m_counting = false;
    quint64 m_generation = 0; ///< drops package reads that finish after a newer request
    /// m_generation as the pool threads see it: a row count stops when it moves on.
    std::shared_ptr<std::atomic<quint64>> m_sharedGeneration = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace wharf::ui
