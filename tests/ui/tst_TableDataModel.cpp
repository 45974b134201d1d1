// The browser's grid without a database: the model asks for 200-row pages as the view
// scrolls, every sort or filter starts a new generation and answers of older generations are
// dropped, never shown; the view copies the selection as TSV, CSV with a header and JSON.
#include "browse/CellViewer.h"
#include "browse/GridCellDelegate.h"
#include "browse/TableDataFilterHeader.h"
#include "browse/TableDataModel.h"
#include "browse/TableDataView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace wharf;
using namespace wharf::ui;

namespace {

BrowserTable table()
{
    BrowserTable t;
    t.name = QStringLiteral("items");
    t.rows = 450;
    t.columns = {{QStringLiteral("id"), QStringLiteral("bigint"), QStringLiteral("bigint"), false},
                 {QStringLiteral("name"), QStringLiteral("text"), QStringLiteral("text"), true},
                 {QStringLiteral("doc"), QStringLiteral("jsonb"), QStringLiteral("json"), true}};
    return t;
}

/// Rows offset..offset+count of the fake table: id, "name <id>", a JSON document.
BrowserPage page(qint64 offset, int count, bool hasMore)
{
    BrowserPage p;
    p.columns = {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("doc")};
    p.offset = offset;
    p.hasMore = hasMore;
    for (int i = 0; i < count; ++i) {
        const qint64 id = offset + i;
        p.rows.append({id, QStringLiteral("name %1").arg(id), QStringLiteral("{\"n\": %1}").arg(id)});
    }
    return p;
}

} // namespace

class TestTableDataModel : public QObject {
    Q_OBJECT
private slots:
    void pagesArriveAsTheViewAsks()
    {
        TableDataModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy requested(&model, &TableDataModel::pageRequested);
        model.setTable(QStringLiteral("ds"), table());
        QCOMPARE(requested.count(), 1);
        const auto first = requested.takeFirst();
        const quint64 generation = first.at(0).toULongLong();
        const auto request = first.at(1).value<PageRequest>();
        QCOMPARE(request.offset, 0);
        QCOMPARE(request.limit, PageRequest::kDefaultLimit);
        QCOMPARE(request.table, QStringLiteral("items"));
        QVERIFY(model.isLoading());
        QVERIFY(!model.canFetchMore({})); // one request at a time

        model.applyPage(generation, page(0, 200, true));
        QCOMPARE(model.rowCount(), 200);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(1).value<PageRequest>().offset, 200);
        model.applyPage(generation, page(200, 200, true));
        model.fetchMore({});
        model.applyPage(generation, page(400, 50, false));
        QCOMPARE(model.rowCount(), 450);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(449, 1).data().toString(), QStringLiteral("name 449"));
    }

    void staleAnswersAreDropped()
    {
        TableDataModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy requested(&model, &TableDataModel::pageRequested);
        QSignalSpy generations(&model, &TableDataModel::generationChanged);
        model.setTable(QStringLiteral("ds"), table());
        const quint64 unsorted = requested.last().at(0).toULongLong();

        // A header click before the first page came back: a new generation, sorted on the server.
        model.sort(1, Qt::DescendingOrder);
        const quint64 sorted = requested.last().at(0).toULongLong();
        QVERIFY(sorted > unsorted);
        QCOMPARE(generations.last().at(0).toULongLong(), sorted);
        const auto sortRequest = requested.last().at(1).value<PageRequest>();
        QCOMPARE(sortRequest.sortColumn, QStringLiteral("name"));
        QVERIFY(sortRequest.descending);

        model.applyPage(unsorted, page(0, 200, true)); // the old answer arrives late
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.droppedPages(), 1);

        // A filter: again a new generation; the sorted answer is stale too.
        model.setFilter(1, QStringLiteral("50%"));
        const quint64 filtered = requested.last().at(0).toULongLong();
        QCOMPARE(requested.last().at(1).value<PageRequest>().filters.value(QStringLiteral("name")),
                 QStringLiteral("50%"));
        model.applyPage(sorted, page(0, 200, true));
        QCOMPARE(model.droppedPages(), 2);
        QCOMPARE(model.rowCount(), 0);
        model.applyPage(filtered, page(0, 3, false));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.filter(1), QStringLiteral("50%"));

        // An error of an old generation is dropped too; one of this generation shows.
        model.reload();
        const quint64 reloaded = requested.last().at(0).toULongLong();
        QSignalSpy errors(&model, &TableDataModel::errorOccurred);
        ErrorInfo error;
        error.message = QStringLiteral("connection lost");
        model.applyError(filtered, error);
        QCOMPARE(errors.count(), 0);
        model.applyError(reloaded, error);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(model.errorText(), QStringLiteral("connection lost"));
        QVERIFY(!model.canFetchMore({}));
    }

    void viewCopiesTsvCsvAndJson()
    {
        TableDataModel model;
        TableDataView view;
        view.setDataModel(&model);
        QSignalSpy requested(&model, &TableDataModel::pageRequested);
        model.setTable(QStringLiteral("ds"), table());
        model.applyPage(requested.last().at(0).toULongLong(), page(0, 3, false));
        view.selectionModel()->select(QItemSelection(model.index(0, 0), model.index(1, 2)),
                                      QItemSelectionModel::ClearAndSelect);
        QCOMPARE(view.selectionAsTsv(), QStringLiteral("0\tname 0\t{\"n\": 0}\n1\tname 1\t{\"n\": 1}\n"));
        QVERIFY(view.selectionAsCsv().startsWith(QStringLiteral("id,name,doc\r\n"))); // RFC 4180 line ends
        QVERIFY(view.selectionAsCsv().contains(QStringLiteral("\"{\"\"n\"\": 0}\"")));
        const QString json = view.selectionAsJson();
        QVERIFY2(json.contains(QStringLiteral("\"doc\": {")) || json.contains(QStringLiteral("\"doc\":{")),
                 qPrintable(json)); // json columns are embedded, not quoted
        QVERIFY(json.contains(QStringLiteral("\"name\": \"name 1\"")) ||
                json.contains(QStringLiteral("\"name\":\"name 1\"")));
        view.setFocus();
        QSignalSpy copied(&view, &TableDataView::copied);
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), view.selectionAsTsv());
        QCOMPARE(copied.count(), 1);
        QCOMPARE(copied.last().at(0).toString(), QStringLiteral("Copied 2 rows × 3 columns as TSV"));

        // Everything shown of a table that has more: the words say the rest is not copied.
        TableDataModel big;
        view.setDataModel(&big);
        QSignalSpy asked(&big, &TableDataModel::pageRequested);
        big.setTable(QStringLiteral("ds"), table());
        big.applyPage(asked.last().at(0).toULongLong(), page(0, 200, true));
        view.selectAll();
        view.copySelectionAsCsv();
        const QString said = copied.last().at(0).toString();
        QVERIFY2(said.startsWith(QStringLiteral("Copied 200 rows × 3 columns as CSV")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("only the rows fetched so far")) && said.contains(QStringLiteral("450")),
                 qPrintable(said));
    }

    void numbersKeepTheirSignificantPart()
    {
        // A double too wide for its column is elided in the middle, a decimal read as exact
        // text counts as a number too, and the tooltip has the whole value.
        BrowserTable t;
        t.name = QStringLiteral("measures");
        t.columns = {{QStringLiteral("x"), QStringLiteral("double precision"), QStringLiteral("double"), true},
                     {QStringLiteral("amount"), QStringLiteral("numeric"), QStringLiteral("decimal(38,9)"), true},
                     {QStringLiteral("note"), QStringLiteral("text"), QStringLiteral("text"), true}};
        TableDataModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        TableDataView view;
        view.setDataModel(&model);
        view.resize(900, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy requested(&model, &TableDataModel::pageRequested);
        model.setTable(QStringLiteral("ds"), t);
        BrowserPage p;
        p.columns = {QStringLiteral("x"), QStringLiteral("amount"), QStringLiteral("note")};
        p.rows = {{3.695780059764786e-08, QStringLiteral("12345678901234567890.123456789"),
                   QStringLiteral("a note long enough to want a wide column, but not a whole screen of it, "
                                  "so it is cut at the view's third")},
                  {1.5, QStringLiteral("-0.000000001"), QStringLiteral("short")}};
        model.applyPage(requested.last().at(0).toULongLong(), p);

        const QModelIndex tiny = model.index(0, 0);
        QVERIFY(model.data(tiny, TableDataModel::NumericRole).toBool());
        QVERIFY(model.data(model.index(0, 1), TableDataModel::NumericRole).toBool());
        QVERIFY(!model.data(model.index(0, 2), TableDataModel::NumericRole).toBool());
        QCOMPARE(model.data(model.index(0, 1), Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
        QCOMPARE(model.data(model.index(0, 1), Qt::ToolTipRole).toString(),
                 QStringLiteral("12345678901234567890.123456789"));
        QVERIFY(model.data(tiny, Qt::ToolTipRole).toString().contains(QStringLiteral("e-08")));

        struct Probe : GridCellDelegate {
            using GridCellDelegate::initStyleOption;
        } probe;
        QStyleOptionViewItem number;
        probe.initStyleOption(&number, tiny);
        QCOMPARE(number.textElideMode, Qt::ElideMiddle);
        QStyleOptionViewItem text;
        probe.initStyleOption(&text, model.index(0, 2));
        QCOMPARE(text.textElideMode, Qt::ElideRight);

        // Columns took the width of their content, within limits.
        QVERIFY2(view.columnWidth(1) >= view.fontMetrics().horizontalAdvance(QStringLiteral("12345678901234567890.1")),
                 qPrintable(QString::number(view.columnWidth(1))));
        QVERIFY(view.columnWidth(2) <= std::max(2 * TableDataView::kMinColumnWidth, view.viewport()->width() / 3));
        QVERIFY(view.columnWidth(2) > view.columnWidth(0) / 2);
    }

    void cellViewerAndCopies()
    {
        TableDataModel model;
        TableDataView view;
        view.setDataModel(&model);
        QSignalSpy requested(&model, &TableDataModel::pageRequested);
        model.setTable(QStringLiteral("ds"), table());
        model.applyPage(requested.last().at(0).toULongLong(), page(0, 3, false));
        // A JSON value, whole and indented, in a viewer that leaves the grid usable.
        view.setCurrentIndex(model.index(1, 2));
        view.viewCurrentCell();
        QVERIFY(view.cellViewer() && view.cellViewer()->isVisible());
        QVERIFY(!view.cellViewer()->isModal());
        QCOMPARE(view.cellViewer()->text(), QStringLiteral("{\n    \"n\": 1\n}"));
        QCOMPARE(CellViewer::displayText(QVariant(), false), QStringLiteral("NULL"));
        QCOMPARE(CellViewer::displayText(QStringLiteral("[1,2]"), false), QStringLiteral("[\n    1,\n    2\n]"));
        QCOMPARE(CellViewer::displayText(QStringLiteral("{not json"), false), QStringLiteral("{not json"));

        QSignalSpy copied(&view, &TableDataView::copied);
        view.setCurrentIndex(model.index(1, 1));
        view.copyCell();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("name 1"));
        view.copyRow();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("1\tname 1\t{\"n\": 1}\n"));
        QCOMPARE(copied.last().at(0).toString(), QStringLiteral("Copied row 2 as TSV"));
        view.copyColumn();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("name 0\nname 1\nname 2\n"));
        QCOMPARE(copied.count(), 3);
    }

    void countsAndJumpsToTheEnd()
    {
        // Count all rows asks the database (same filters); Last rows counts first when needed
        // and shows the last page with the rows' real numbers; a new sort starts from the top.
        TableDataModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy pages(&model, &TableDataModel::pageRequested);
        QSignalSpy counts(&model, &TableDataModel::countRequested);
        model.setTable(QStringLiteral("ds"), table());
        model.setFilter(1, QStringLiteral("name"));
        model.applyPage(pages.last().at(0).toULongLong(), page(0, 200, true));
        model.jumpToEnd();
        QCOMPARE(counts.count(), 1);
        QVERIFY(model.isCounting());
        const auto asked = counts.last();
        QCOMPARE(asked.at(1).value<PageRequest>().filters.value(QStringLiteral("name")), QStringLiteral("name"));
        model.applyCount(asked.at(0).toULongLong(), 450);
        QCOMPARE(model.exactCount(), 450);
        QCOMPARE(model.firstRowOffset(), 450 - PageRequest::kDefaultLimit);
        const auto last = pages.last();
        QCOMPARE(last.at(1).value<PageRequest>().offset, 450 - PageRequest::kDefaultLimit);
        model.applyPage(last.at(0).toULongLong(), page(250, 200, false));
        QCOMPARE(model.rowCount(), 200);
        QCOMPARE(model.headerData(0, Qt::Vertical).toLongLong(), 251);
        QCOMPARE(model.headerData(199, Qt::Vertical).toLongLong(), 450);
        QCOMPARE(model.exactCount(), 450); // the count still holds after the jump
        QVERIFY(!model.canFetchMore({}));

        // A count answered for an older sort is dropped; a new sort starts at the first row.
        model.requestCount();
        const quint64 older = counts.last().at(0).toULongLong();
        model.sort(0, Qt::DescendingOrder);
        QCOMPARE(model.firstRowOffset(), 0);
        QCOMPARE(pages.last().at(1).value<PageRequest>().offset, 0);
        model.applyCount(older, 7);
        QCOMPARE(model.exactCount(), -1);
        model.jumpTo(0);
        QCOMPARE(model.headerData(0, Qt::Vertical), QVariant()); // no rows yet
    }

    void filtersAreReachedByKeyboard()
    {
        // Ctrl+F puts the keyboard in the current column's filter, Esc brings it back to the
        // rows; Tab leaves the grid instead of walking its cells.
        TableDataModel model;
        TableDataView view;
        view.setDataModel(&model);
        view.resize(700, 300);
        view.show();
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QSignalSpy requested(&model, &TableDataModel::pageRequested);
        model.setTable(QStringLiteral("ds"), table());
        model.applyPage(requested.last().at(0).toULongLong(), page(0, 5, false));
        view.setCurrentIndex(model.index(2, 1));
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_F, Qt::ControlModifier);
        QLineEdit *filter = view.filterHeader()->editor(1);
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, QStringLiteral("name 3"));
        QTest::keyClick(filter, Qt::Key_Escape);
        QTRY_VERIFY(view.hasFocus());
        QCOMPARE(view.currentIndex().column(), 1);
        QCOMPARE(view.filterHeader()->filterText(1), QStringLiteral("name 3"));
        QVERIFY(!view.tabKeyNavigation());

        // An operator without a value is shown as not applied (not a filter matching nothing);
        // once complete, it goes to the database as a comparison.
        QLineEdit *ids = view.filterHeader()->editor(0);
        ids->setText(QStringLiteral(">"));
        view.applyFilters();
        QVERIFY2(ids->toolTip().startsWith(QStringLiteral("Not applied: ")), qPrintable(ids->toolTip()));
        QCOMPARE(requested.last().at(1).value<PageRequest>().filters.value(QStringLiteral("id")), QString());
        ids->setText(QStringLiteral(">3"));
        view.applyFilters();
        QCOMPARE(requested.last().at(1).value<PageRequest>().filters.value(QStringLiteral("id")), QStringLiteral(">3"));
        QVERIFY(ids->toolTip().contains(QStringLiteral("10..20")));
    }
};

QTEST_MAIN(TestTableDataModel)
#include "tst_TableDataModel.moc"
