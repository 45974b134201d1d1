#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace wharf::ui {

class JobsModel;

/// The jobs table of the selected (or loading) package, with a one-line count by state.
class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(QWidget *parent = nullptr);

    JobsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

private:
    void updateCaption();

    JobsModel *m_model;
    QTableView *m_view;
    QLabel *m_caption;
};

} // namespace wharf::ui
