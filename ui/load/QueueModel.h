#pragma once

#include <QAbstractTableModel>

namespace wharf::ui {

class LoadQueue;
struct QueueSummary;

/// The packages of a LoadQueue and what became of each (waiting, loading, loaded, aborted,
/// cancelled, ...), in the order they are loaded. Follows the queue's signals; GUI thread only.
class QueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { OrderColumn, PackageColumn, OutcomeColumn, RowsColumn, TimeColumn, DetailsColumn, ColumnCount };
    /// Qt::UserRole: int(QueueOutcome) on every column.
    static constexpr int OutcomeRole = Qt::UserRole;
    /// Qt::UserRole + 1: the package folder, on every column.
    static constexpr int PackageDirRole = Qt::UserRole + 1;

    explicit QueueModel(LoadQueue *queue, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    LoadQueue *m_queue;
};

/// One sentence on how a queue run ended, for the status bar and the desktop notification:
/// "3 packages loaded: 48,000 rows in 12.3 s", "Queue stopped at 1795476048.66: ...".
QString queueSummaryText(const QueueSummary &summary);

} // namespace wharf::ui
