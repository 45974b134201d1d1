#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QTableView;

namespace wharf::ui {

class LoadQueue;
class QueueModel;

/// The load queue as a list: each package in loading order with its outcome, rows, time and
/// why it did not load; a caption ("2 of 3 loaded · stopped at ...") and a Resume queue button
/// that mirrors the window's action. Double-clicking a package selects it in the packages list
/// (packageActivated).
class QueuePanel : public QWidget {
    Q_OBJECT
public:
    QueuePanel(LoadQueue *queue, QAction *resumeAction, QWidget *parent = nullptr);

    QueueModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLabel *caption() const { return m_caption; }

signals:
    void packageActivated(const QString &packageDir);

private:
    void updateCaption();

    LoadQueue *m_queue;
    QueueModel *m_model;
    QTableView *m_view;
    QLabel *m_caption;
};

} // namespace wharf::ui
