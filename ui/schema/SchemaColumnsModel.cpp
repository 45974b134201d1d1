#include "schema/SchemaColumnsModel.h"

#include "common/StateColors.h"

namespace wharf::ui {

using Status = SchemaColumnView::Status;

SchemaColumnsModel::SchemaColumnsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void SchemaColumnsModel::setTable(const SchemaTableView &table)
{
    beginResetModel();
    m_columns = table.columns;
    endResetModel();
}

void SchemaColumnsModel::clear()
{
    beginResetModel();
    m_columns.clear();
    endResetModel();
}

QString SchemaColumnsModel::statusText(Status status)
{
    switch (status) {
    case Status::Ok:
        return {};
    case Status::MissingInDatabase:
        return tr("missing in the database");
    case Status::TypeMismatch:
        return tr("another type");
    case Status::NotInSchema:
        return tr("not in the schema");
    case Status::NoType:
        return tr("no type yet");
    }
    return {};
}

int SchemaColumnsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

int SchemaColumnsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SchemaColumnsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SchemaColumnView &c = m_columns.at(index.row());
    if (role == StatusRole)
        return int(c.status);
    if (role == Qt::ToolTipRole)
        return c.note.isEmpty() ? QVariant() : QVariant(c.note);
    if (role == Qt::ForegroundRole && index.column() == StatusColumn)
        return c.status == Status::NoType ? colors::neutral() : colors::warning();
    if (role == Qt::ForegroundRole && c.variant && index.column() == NameColumn)
        return colors::running();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return c.name;
    case DltTypeColumn:
        return c.dltType;
    case DbTypeColumn:
        return c.dbType;
    case NullableColumn:
        return c.nullable ? tr("yes") : tr("no");
    case HintsColumn: {
        QStringList hints = c.hints;
        if (c.variant)
            hints.prepend(tr("variant"));
        return hints.join(QStringLiteral(", "));
    }
    case StatusColumn:
        return c.status == Status::Ok ? c.note : statusText(c.status);
    }
    return {};
}

QVariant SchemaColumnsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Column");
    case DltTypeColumn:
        return tr("dlt type");
    case DbTypeColumn:
        return tr("Database type");
    case NullableColumn:
        return tr("Nullable");
    case HintsColumn:
        return tr("Hints");
    case StatusColumn:
        return tr("Difference");
    }
    return {};
}

} // namespace wharf::ui
