#pragma once

#include "package/JobSample.h"

#include <QAbstractTableModel>

namespace wharf::ui {

/// The first rows of a job file (readJobSample) as a read-only grid; NULL shows as "NULL" in
/// the palette's placeholder colour, numbers are right-aligned.
class JobSampleModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit JobSampleModel(QObject *parent = nullptr);

    void setSample(const wharf::JobSample &sample);
    const wharf::JobSample &sample() const { return m_sample; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    wharf::JobSample m_sample;
};

} // namespace wharf::ui
