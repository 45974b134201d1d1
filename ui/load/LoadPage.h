#pragma once

#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QTabWidget;

namespace wharf::ui {

class JobsPanel;
class LoadControls;
class PackagesPanel;
class QueuePanel;

/// The Load tab's layout: the packages above, the selected package's Jobs, What Run will do and
/// the Queue below them, then Into dataset and the load controls. Holds no logic: the window
/// wires the parts.
class LoadPage : public QWidget {
    Q_OBJECT
public:
    LoadPage(PackagesPanel *packages, JobsPanel *jobs, QueuePanel *queue, LoadControls *controls,
             QWidget *parent = nullptr);

    /// "What Run will do": the plan of the selected package (read-only text).
    QPlainTextEdit *planView() const { return m_plan; }
    /// "Into dataset": empty loads into each package's default dataset.
    QLineEdit *datasetEdit() const { return m_dataset; }
    QTabWidget *packageTabs() const { return m_tabs; }
    void showQueue();

private:
    QueuePanel *m_queue;
    QPlainTextEdit *m_plan;
    QLineEdit *m_dataset;
    QTabWidget *m_tabs;
};

} // namespace wharf::ui
