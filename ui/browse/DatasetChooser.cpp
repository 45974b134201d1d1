#include "browse/DatasetChooser.h"

namespace wharf::ui {

DatasetChooser::DatasetChooser(QWidget *parent)
    : QComboBox(parent)
{
    setMinimumContentsLength(20);
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(this, &QComboBox::currentIndexChanged, this, [this] { emit datasetChosen(currentText()); });
}

void DatasetChooser::setDatasets(const QList<BrowserDataset> &datasets)
{
    const QString keep = m_wanted.isEmpty() ? currentText() : m_wanted;
    m_wanted.clear();
    {
        const QSignalBlocker block(this);
        clear();
        for (const BrowserDataset &d : datasets)
            if (d.dlt && !d.staging) // the loads and schemas are in the dataset, not in its staging
                addItem(d.name);
        const int index = findText(keep);
        setCurrentIndex(index >= 0 ? index : 0);
    }
    emit datasetChosen(currentText());
}

void DatasetChooser::want(const QString &dataset)
{
    const int index = findText(dataset);
    if (index >= 0 && !dataset.isEmpty())
        setCurrentIndex(index);
    else
        m_wanted = dataset;
}

} // namespace wharf::ui
