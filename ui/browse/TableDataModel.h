#pragma once

#include "Error.h"
#include "browse/DatasetBrowser.h"

#include <QAbstractTableModel>

namespace wharf::ui {

/// The rows of one table, fetched page by page (PageRequest::kDefaultLimit rows) as a view
/// scrolls: canFetchMore()/fetchMore() emit pageRequested() and applyPage() appends the answer.
/// Sorting (sort(), i.e. a header click) and filters are done by the database, so each change
/// starts over with a new generation; answers of older generations are dropped, never shown.
/// GUI thread only; it does no I/O itself (BrowserPanel routes the requests to its worker).
class TableDataModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        ValueRole = Qt::UserRole + 1, ///< the cell as read (QVariant; null for NULL)
        /// bool: a number (of a numeric type, or of a dlt bigint/double/decimal/wei column
        /// read as exact text): right-aligned, elided in the middle, whole in the tooltip.
        NumericRole,
    };
    /// Longest text a cell shows; the tooltip and the clipboard have it all.
    static constexpr int kDisplayChars = 300;

    explicit TableDataModel(QObject *parent = nullptr);

    /// Shows `table` of `dataset` (no sort, no filters) and asks for its first page.
    void setTable(const QString &dataset, const wharf::BrowserTable &table);
    /// Shows the result of `query` (a console query, PageRequest::query) with `dataset` as the
    /// default for its unqualified names; its columns come with the first page.
    void setQuery(const QString &dataset, const QString &query);
    const QString &query() const { return m_query; }
    /// No table: no columns, no rows.
    void clear();
    /// Sorts by `column` (-1: the table's own order) and starts over.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /// Keeps rows whose `column` contains `text` (case-insensitive; empty = no filter) and
    /// starts over.
    void setFilter(int column, const QString &text);
    /// All filters at once (column -> text), one restart.
    void setFilters(const QMap<int, QString> &filters);
    /// Reads the current table again with the same sort and filters.
    void reload();
    /// Asks for the exact number of rows the filters keep (countRequested; applyCount answers).
    void requestCount();
    /// The rows shown start at `offset` of the sorted, filtered table (row numbers follow):
    /// 0 is the first page; jumpToEnd() shows the last one, counting first when needed.
    void jumpTo(qint64 offset);
    void jumpToEnd();
    /// Where the rows shown start in the table (0 unless jumped).
    qint64 firstRowOffset() const { return m_baseOffset; }
    /// The exact count of this sort and filter, -1 when not counted (yet).
    qint64 exactCount() const { return m_exactCount; }
    bool isCounting() const { return m_counting; }
    /// What the grid shows, as a request: dataset, table, columns, sort and filters.
    wharf::PageRequest currentRequest() const;

    const QString &dataset() const { return m_dataset; }
    const wharf::BrowserTable &table() const { return m_table; }
    bool hasTable() const { return !m_table.name.isEmpty(); }
    QStringList columnNames() const;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    QString filter(int column) const { return m_filters.value(column); }
    quint64 generation() const { return m_generation; }
    bool isLoading() const { return m_loading; }
    /// More rows exist than are loaded.
    bool hasMore() const { return m_hasMore; }
    /// Pages that arrived for an older generation and were dropped (for tests and logs).
    int droppedPages() const { return m_droppedPages; }
    /// The last error of this generation, empty when none.
    const QString &errorText() const { return m_error; }
    /// Cell values of the loaded rows.
    QVariant value(int row, int column) const;
    /// Columns of dlt type json (their text is embedded as JSON when copied).
    QList<bool> jsonColumns() const;
    /// Whether a column holds numbers (by its dlt type, else by its values' type).
    bool isNumericColumn(int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

public slots:
    /// An answer to pageRequested(); dropped unless it is the page this generation waits for.
    void applyPage(quint64 generation, const wharf::BrowserPage &page);
    void applyError(quint64 generation, const wharf::ErrorInfo &error);
    /// An answer to countRequested().
    void applyCount(quint64 generation, qint64 rows);
    void applyCountError(quint64 generation, const wharf::ErrorInfo &error);

signals:
    /// Count the rows of this request's table that its filters keep; answer with applyCount.
    void countRequested(quint64 generation, const wharf::PageRequest &request);
    /// The exact count is known, or counting started or failed.
    void countChanged();
    /// Read this page and answer with applyPage(generation, page) (or applyError).
    void pageRequested(quint64 generation, const wharf::PageRequest &request);
    /// Pages of older generations are no longer wanted.
    void generationChanged(quint64 generation);
    void loadingChanged(bool loading);
    /// Rows arrived, or it is known that none are left.
    void rowsFetched();
    void errorOccurred(const QString &message);

private:
    bool isNumeric(const QModelIndex &index, const QVariant &value) const;
    void restart();
    void requestPage();

    void setLoading(bool loading);
    QString displayText(const QVariant &value) const;

    QString m_dataset;
    wharf::BrowserTable m_table;
    QString m_query; ///< set: m_table is the query's result (columns known after the first page)
    QList<QVariantList> m_rows;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QMap<int, QString> m_filters;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_hasMore = false;
    int m_droppedPages = 0;
    qint64 m_baseOffset = 0;  ///< offset of the first row shown
    qint64 m_exactCount = -1; ///< of this generation's filters, -1 when unknown
    bool m_counting = false;
    bool m_jumpWhenCounted = false; ///< jumpToEnd() waits for the count
    QString m_error;
};

} // namespace wharf::ui
