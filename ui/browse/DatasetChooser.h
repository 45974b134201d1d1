#pragma once

#include "browse/DatasetBrowser.h"

#include <QComboBox>

namespace wharf::ui {

/// A list of a destination's dlt datasets (not their staging datasets) to pick one from, for
/// the panels that show one dataset at a time (History, Schema). A dataset asked for before
/// the list arrives is picked once it does; otherwise the current one is kept.
class DatasetChooser : public QComboBox {
    Q_OBJECT
public:
    explicit DatasetChooser(QWidget *parent = nullptr);

    /// Fills the list (from BrowserWorker::datasetsListed) without announcing a change; then
    /// announces the dataset picked (datasetChosen), even when it is the same as before.
    void setDatasets(const QList<wharf::BrowserDataset> &datasets);
    /// Picks `dataset` now if listed, else once setDatasets() lists it.
    void want(const QString &dataset);
    QString dataset() const { return currentText(); }

signals:
    /// The user or setDatasets() picked `dataset` (empty: none listed).
    void datasetChosen(const QString &dataset);

private:
    QString m_wanted;
};

} // namespace wharf::ui
