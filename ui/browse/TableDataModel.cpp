#include "browse/TableDataModel.h"

#include "browse/RowExport.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace wharf::ui {

TableDataModel::TableDataModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TableDataModel::setTable(const QString &dataset, const BrowserTable &table)
{
    m_dataset = dataset;
    m_table = table;
    m_query.clear();
    m_sortColumn = -1;
    m_sortOrder = Qt::AscendingOrder;
    m_filters.clear();
    m_baseOffset = 0; // another table, order or filter: from its first row
    restart();
}

void TableDataModel::setQuery(const QString &dataset, const QString &query)
{
    m_dataset = dataset;
    m_query = query;
    m_table = BrowserTable();
    m_table.name = tr("query result");
    m_table.kind = BrowserTableKind::View;
    m_sortColumn = -1;
    m_sortOrder = Qt::AscendingOrder;
    m_filters.clear();
    m_baseOffset = 0;
    restart();
}

void TableDataModel::clear()
{
    m_dataset.clear();
    m_query.clear();
    m_table = BrowserTable();
    m_filters.clear();
    m_sortColumn = -1;
    m_baseOffset = 0; // another table, order or filter: from its first row
    restart();
}

void TableDataModel::sort(int column, Qt::SortOrder order)
{
    if (column >= m_table.columns.size())
        return;
    const int wanted = std::max(column, -1);
    if (wanted == m_sortColumn && (wanted < 0 || order == m_sortOrder))
        return;
    m_sortColumn = wanted;
    m_sortOrder = order;
    m_baseOffset = 0; // another table, order or filter: from its first row
    restart();
}

void TableDataModel::setFilter(int column, const QString &text)
{
    QMap<int, QString> filters = m_filters;
    if (text.isEmpty())
        filters.remove(column);
    else
        filters.insert(column, text);
    setFilters(filters);
}

void TableDataModel::setFilters(const QMap<int, QString> &filters)
{
    QMap<int, QString> cleaned;
    for (auto it = filters.cbegin(); it != filters.cend(); ++it)
        if (!it.value().isEmpty() && it.key() >= 0 && it.key() < m_table.columns.size())
            cleaned.insert(it.key(), it.value());
    if (cleaned == m_filters)
        return;
    m_filters = cleaned;
    m_baseOffset = 0; // another table, order or filter: from its first row
    restart();
}

void TableDataModel::reload()
{
    restart();
}

void TableDataModel::requestCount()
{
    if (!hasTable() || m_counting)
        return;
    m_counting = true;
    emit countChanged();
    emit countRequested(m_generation, currentRequest());
}

void TableDataModel::applyCount(quint64 generation, qint64 rows)
{
    if (generation != m_generation)
        return;
    m_counting = false;
    m_exactCount = rows;
    emit countChanged();
    if (m_jumpWhenCounted) {
        m_jumpWhenCounted = false;
        jumpToEnd();
    }
}

void TableDataModel::applyCountError(quint64 generation, const ErrorInfo &error)
{
    if (generation != m_generation)
        return;
    m_counting = false;
    m_jumpWhenCounted = false;
    emit countChanged();
    emit errorOccurred(error.fullText());
}

void TableDataModel::jumpTo(qint64 offset)
{
    if (!hasTable())
        return;
    const qint64 count = m_exactCount;
    m_baseOffset = std::max<qint64>(0, offset);
    restart();
    m_exactCount = count; // same sort and filters: the count still holds
    emit countChanged();
}

void TableDataModel::jumpToEnd()
{
    if (!hasTable())
        return;
    if (m_exactCount < 0) {
        m_jumpWhenCounted = true;
        requestCount();
        return;
    }
    jumpTo(std::max<qint64>(0, m_exactCount - PageRequest::kDefaultLimit));
}

PageRequest TableDataModel::currentRequest() const
{
    PageRequest request;
    request.dataset = m_dataset;
    request.query = m_query;
    request.table = m_query.isEmpty() ? m_table.name : QString();
    for (const BrowserColumn &c : m_table.columns)
        request.columns.append(c.name);
    if (m_sortColumn >= 0) {
        request.sortColumn = m_table.columns[m_sortColumn].name;
        request.descending = m_sortOrder == Qt::DescendingOrder;
    }
    for (auto it = m_filters.cbegin(); it != m_filters.cend(); ++it)
        request.filters.insert(m_table.columns[it.key()].name, it.value());
    return request;
}

void TableDataModel::restart()
{
    // A new generation first: whatever is in flight now belongs to the past (a count too).
    ++m_generation;
    m_exactCount = -1;
    m_counting = false;
    emit generationChanged(m_generation);
    beginResetModel();
    m_rows.clear();
    // No more rows until the reset is over: views (and QAbstractItemModelTester) call
    // fetchMore() while handling modelReset, which would ask for the first page twice.
    m_hasMore = false;
    m_error.clear();
    endResetModel();
    setLoading(false);
    if (hasTable()) {
        m_hasMore = true;
        requestPage();
    }
}

void TableDataModel::requestPage()
{
    PageRequest request = currentRequest();
    request.offset = m_baseOffset + m_rows.size();
    setLoading(true);
    emit pageRequested(m_generation, request);
}

void TableDataModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void TableDataModel::applyPage(quint64 generation, const BrowserPage &page)
{
    if (generation != m_generation || !m_loading || page.offset != m_baseOffset + m_rows.size()) {
        ++m_droppedPages;
        return;
    }
    if (!m_query.isEmpty() && m_table.columns.isEmpty() && !page.columns.isEmpty()) {
        // A query's first page brings its columns: the model takes its shape now.
        beginResetModel();
        for (const QString &name : page.columns) {
            BrowserColumn column;
            column.name = name;
            m_table.columns.append(column);
        }
        m_rows = page.rows;
        endResetModel();
        m_hasMore = page.hasMore;
        setLoading(false);
        emit rowsFetched();
        return;
    }
    const qsizetype columns = m_table.columns.size();
    if (!page.rows.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.rows.size()) - 1);
        for (QVariantList row : page.rows) {
            row.resize(columns); // a table altered since it was listed: the listed columns rule
            m_rows.append(row);
        }
        endInsertRows();
    }
    m_hasMore = page.hasMore;
    setLoading(false);
    emit rowsFetched();
}

void TableDataModel::applyError(quint64 generation, const ErrorInfo &error)
{
    if (generation != m_generation) {
        ++m_droppedPages;
        return;
    }
    m_hasMore = false; // do not ask again by scrolling; reload() or a new sort/filter retries
    m_error = error.message;
    setLoading(false);
    emit errorOccurred(error.fullText());
}

QStringList TableDataModel::columnNames() const
{
    QStringList out;
    for (const BrowserColumn &c : m_table.columns)
        out.append(c.name);
    return out;
}

QVariant TableDataModel::value(int row, int column) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_rows[row].value(column);
}

bool TableDataModel::isNumericColumn(int column) const
{
    if (column < 0 || column >= m_table.columns.size())
        return false;
    const QString type = m_table.columns[column].dltType.section(QLatin1Char('('), 0, 0);
    return type == QLatin1String("bigint") || type == QLatin1String("double") || type == QLatin1String("decimal") ||
           type == QLatin1String("wei");
}

QList<bool> TableDataModel::jsonColumns() const
{
    QList<bool> out;
    for (const BrowserColumn &c : m_table.columns)
        out.append(c.dltType == QLatin1String("json"));
    return out;
}

int TableDataModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TableDataModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.columns.size());
}

bool TableDataModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && hasTable() && m_hasMore && !m_loading;
}

void TableDataModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

QString TableDataModel::displayText(const QVariant &value) const
{
    if (value.isNull())
        return QStringLiteral("NULL");
    QString text = cellText(value);
    if (text.size() > kDisplayChars) {
        text.truncate(kDisplayChars);
        text += QStringLiteral("…");
    }
    // One line per cell: line breaks show as a symbol instead of growing the row.
    text.replace(QLatin1Char('\n'), QStringLiteral("⏎"));
    text.replace(QLatin1Char('\r'), QString());
    return text;
}

bool TableDataModel::isNumeric(const QModelIndex &index, const QVariant &v) const
{
    if (v.isNull())
        return false;
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return true;
    default:
        return isNumericColumn(index.column());
    }
}

QVariant TableDataModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QVariant &v = m_rows[index.row()][index.column()];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(v);
    case Qt::EditRole:
    case ValueRole:
        return v;
    case Qt::ToolTipRole: {
        if (v.isNull())
            return tr("NULL");
        const QString text = cellText(v);
        // A number in full (the cell may show it elided); long or multi-line text too.
        if (isNumeric(index, v))
            return text;
        return text.size() > kDisplayChars || text.contains(QLatin1Char('\n')) ? text.left(4000) : QVariant();
    }
    case NumericRole:
        return isNumeric(index, v);
    case Qt::ForegroundRole:
        return v.isNull() ? QVariant(QBrush(QColor(Qt::gray))) : QVariant();
    case Qt::FontRole:
        if (v.isNull()) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::TextAlignmentRole:
        return isNumeric(index, v) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    default:
        return {};
    }
}

QVariant TableDataModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < m_rows.size())
            return m_baseOffset + section + 1; // the row's number in the table, after a jump too
        return {};
    }
    if (section < 0 || section >= m_table.columns.size())
        return {};
    const BrowserColumn &c = m_table.columns[section];
    switch (role) {
    case Qt::DisplayRole:
        return c.name;
    case Qt::ToolTipRole:
        return c.describe();
    default:
        return {};
    }
}

} // namespace wharf::ui
