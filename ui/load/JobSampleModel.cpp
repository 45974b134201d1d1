#include "load/JobSampleModel.h"

#include <QGuiApplication>
#include <QPalette>

namespace wharf::ui {

JobSampleModel::JobSampleModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void JobSampleModel::setSample(const JobSample &sample)
{
    beginResetModel();
    m_sample = sample;
    endResetModel();
}

int JobSampleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sample.rows.size());
}

int JobSampleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sample.columns.size());
}

QVariant JobSampleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariant value = m_sample.rows.at(index.row()).value(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return value.isValid() ? value.toString() : QStringLiteral("NULL");
    case Qt::ForegroundRole:
        return value.isValid() ? QVariant() : QVariant(QGuiApplication::palette().color(QPalette::PlaceholderText));
    case Qt::TextAlignmentRole: {
        const int type = value.typeId();
        if (type == QMetaType::LongLong || type == QMetaType::Double)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    }
    return {};
}

QVariant JobSampleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Vertical)
        return section + 1;
    return m_sample.columns.value(section);
}

} // namespace wharf::ui
