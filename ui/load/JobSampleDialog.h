#pragma once

#include <QDialog>

class QLabel;
class QTableView;

namespace wharf::ui {

class JobSampleModel;

/// "First rows of a job": the first rows of one job file, read on a pool thread by the load's
/// own readers (readJobSample), in a grid; a file the load could not read says why (file,
/// line). Non-modal; reading starts at construction.
class JobSampleDialog : public QDialog {
    Q_OBJECT
public:
    static constexpr int kRows = 100;

    JobSampleDialog(const QString &jobPath, const QString &jobName, QWidget *parent = nullptr);

    JobSampleModel *model() const { return m_model; }
    QString statusText() const;

signals:
    /// The rows are shown (or `error` says why not).
    void sampleRead(const QString &error);

private:
    JobSampleModel *m_model;
    QTableView *m_view;
    QLabel *m_status;
};

} // namespace wharf::ui
