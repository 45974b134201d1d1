// The SQL tab on a real SQLite destination: a query's result in the paged grid (pages as it
// scrolls, counted on demand), Esc cancelling a query that would never end, writes refused
// until allowed (then done, and the rows checked in the file), a statement's own rows, the
// history per destination, one statement at a time, and the highlighter's colours.
#include "GuiTestMain.h"
#include "LoadQueue.h"
#include "Screenshot.h"
#include "SqliteProbe.h"
#include "SqliteWindow.h"
#include "TestSupport.h"
#include "browse/DatasetChooser.h"
#include "browse/ExportController.h"
#include "browse/TableDataModel.h"
#include "browse/TableDataView.h"
#include "console/SqlConsolePanel.h"
#include "console/SqlHighlighter.h"
#include "load/JobSampleModel.h"
#include "load/LoadActions.h"
#include "shell/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>

using namespace wharf;

namespace {

constexpr int kLoadTimeoutMs = 60000;
const QString kDataset = QStringLiteral("console_ds");

} // namespace

class TestSqlConsole : public QObject {
    Q_OBJECT
public:
    QString m_home;

private:
    std::unique_ptr<ui::MainWindow> m_window;

    ui::SqlConsolePanel *console() { return m_window->sqlConsole(); }

    /// Types `sql`, runs it with Ctrl+Return and waits for the end; returns the error.
    QString runTyped(const QString &sql)
    {
        console()->editor()->setPlainText(sql);
        console()->editor()->setFocus();
        QSignalSpy finished(console(), &ui::SqlConsolePanel::finished);
        QTest::keyClick(console()->editor(), Qt::Key_Return, Qt::ControlModifier);
        if (finished.isEmpty() && !finished.wait(20000))
            return QStringLiteral("no answer");
        return finished.first().first().toString();
    }

private slots:
    void initTestCase()
    {
        const QString folder = test::copyTestPackages(m_home, QStringLiteral("console-packages"),
                                                      {QStringLiteral("gh_issues_merge_step1")});
        QVERIFY(!folder.isEmpty());
        m_window = std::make_unique<ui::MainWindow>(test::sqliteStartup(folder));
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTRY_VERIFY(m_window->runAction()->isEnabled());
        QCOMPARE(test::loadInto(*m_window, m_window->runAction(), kDataset), 1);
        m_window->tabs()->setCurrentIndex(ui::MainWindow::SqlTab);
        QTRY_COMPARE_WITH_TIMEOUT(console()->datasetBox()->dataset(), kDataset, 10000);
    }

    void cleanupTestCase() { m_window.reset(); }

    void queryInThePagedGrid()
    {
        // The grid's model in query mode: its shape comes with the first page.
        QAbstractItemModelTester tester(console()->resultModel(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(runTyped(QStringLiteral("SELECT id, title FROM issues ORDER BY id;")), QString());
        const ui::TableDataModel *result = console()->resultModel();
        QCOMPARE(result->columnNames(), (QStringList{QStringLiteral("id"), QStringLiteral("title")}));
        test::SqliteProbe db(test::sqliteDatasetFile(kDataset));
        QCOMPARE(result->rowCount(), db.scalar(QStringLiteral("SELECT count(*) FROM issues")).toInt());
        QVERIFY2(console()->statusText().contains(QStringLiteral("first page in")),
                 qPrintable(console()->statusText()));

        // 5,000 rows: one page at a time as the grid asks, counted on demand.
        QCOMPARE(
            runTyped(QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000) "
                                    "SELECT x FROM n")),
            QString());
        QCOMPARE(result->rowCount(), PageRequest::kDefaultLimit);
        QVERIFY(result->hasMore());
        console()->resultModel()->fetchMore({});
        QTRY_COMPARE(result->rowCount(), 2 * PageRequest::kDefaultLimit);
        console()->resultModel()->requestCount();
        QTRY_COMPARE(result->exactCount(), 5000);
        QVERIFY2(console()->statusText().contains(QStringLiteral("5,000 rows in the result")),
                 qPrintable(console()->statusText()));
        // Sorting is the database's: the largest first.
        console()->resultModel()->sort(0, Qt::DescendingOrder);
        QTRY_VERIFY(!result->isLoading() && result->rowCount() > 0);
        QCOMPARE(result->value(0, 0).toLongLong(), 5000);
        m_window->resize(1024, 700);
        test::saveScreenshots(m_window.get(), QStringLiteral("-sql"));
    }

    void escCancelsOnTheServer()
    {
        console()->editor()->setPlainText(
            QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"));
        QSignalSpy finished(console(), &ui::SqlConsolePanel::finished);
        console()->runAction()->trigger();
        QTRY_VERIFY(console()->isRunning());
        QTest::qWait(300); // it is running on the server now
        QVERIFY(console()->isRunning());
        // As if a load ran too: the window's Cancel wants Esc as well; the console keeps it.
        m_window->cancelAction()->setEnabled(true);
        QElapsedTimer clock;
        clock.start();
        QTest::keyClick(console()->editor(), Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(console()->statusText().startsWith(QStringLiteral("Cancelled")), qPrintable(console()->statusText()));
        QVERIFY(!console()->isRunning());
        m_window->loadActions()->updateActions();
        QVERIFY(!m_window->cancelAction()->isEnabled());
        // The connection still answers.
        QCOMPARE(runTyped(QStringLiteral("SELECT 1 AS one")), QString());
        QCOMPARE(console()->resultModel()->value(0, 0).toInt(), 1);
    }

    void writesOnlyWhenAllowed()
    {
        test::SqliteProbe db(test::sqliteDatasetFile(kDataset));
        const qint64 before = db.scalar(QStringLiteral("SELECT count(*) FROM issues")).toLongLong();
        QVERIFY(before > 1);
        QVERIFY(!console()->allowWrites()->isChecked()); // the default
        QString error = runTyped(QStringLiteral("DELETE FROM issues WHERE id = (SELECT min(id) FROM issues)"));
        QVERIFY2(!error.isEmpty(), "a write went through a read-only console");
        QVERIFY2(console()->statusText().startsWith(QStringLiteral("Failed")), qPrintable(console()->statusText()));
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM issues")).toLongLong(), before);

        console()->allowWrites()->setChecked(true);
        error = runTyped(QStringLiteral("DELETE FROM issues WHERE id = (SELECT min(id) FROM issues)"));
        QCOMPARE(error, QString());
        QVERIFY2(console()->statusText().startsWith(QStringLiteral("Done")), qPrintable(console()->statusText()));
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM issues")).toLongLong(), before - 1);
        console()->allowWrites()->setChecked(false);
        // A query stays read-only even with writes allowed: it runs again for every page.
        QVERIFY(!runTyped(QStringLiteral("DELETE FROM issues")).isEmpty());
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM issues")).toLongLong(), before - 1);
    }

    void statementRowsHistoryAndOneAtATime()
    {
        QAbstractItemModelTester tester(console()->statementModel(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(runTyped(QStringLiteral("PRAGMA table_info(issues)")), QString());
        const JobSample &rows = console()->statementModel()->sample();
        QVERIFY(rows.columns.contains(QStringLiteral("name")));
        QVERIFY(rows.rows.size() > 10);

        QComboBox *history = console()->historyBox();
        QVERIFY(history->count() > 3);
        QCOMPARE(history->itemData(1).toString(), QStringLiteral("PRAGMA table_info(issues)"));
        history->setCurrentIndex(2);
        emit history->activated(2);
        QCOMPARE(console()->editor()->toPlainText(), history->itemData(2).toString());

        QVERIFY(!runTyped(QStringLiteral("SELECT 1; SELECT 2")).isEmpty());
        QVERIFY2(console()->statusText().contains(QStringLiteral("one statement at a time")),
                 qPrintable(console()->statusText()));
    }

    void queryResultAsALoadPackage()
    {
        // A query's result, written as a dlt load package and loaded again from the window.
        QCOMPARE(runTyped(QStringLiteral("SELECT id, title, locked FROM issues WHERE id % 2 = 0")), QString());
        const QString folder = QDir(m_home).filePath(QStringLiteral("exported"));
        QSignalSpy exported(console()->exporter(), &ui::ExportController::finished);
        QVERIFY(console()->exporter()->exportPackageTo(
            folder, QStringLiteral("even_issues"), ui::ExportController::resolverFor(QStringLiteral("sqlite")),
            console()->resultModel()->currentRequest(), console()->resultModel()->table().columns, -1));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 10000);
        QCOMPARE(exported.first().at(1).toString(), QString());
        const qint64 rows = exported.first().at(0).toLongLong();
        test::SqliteProbe source(test::sqliteDatasetFile(kDataset));
        QCOMPARE(rows, source.scalar(QStringLiteral("SELECT count(*) FROM issues WHERE id % 2 = 0")).toLongLong());
        QVERIFY2(exported.first().at(3).toString().contains(QStringLiteral("dlt load package")),
                 qPrintable(exported.first().at(3).toString()));

        // The export dialog, as it opens from the grid.
        console()->exportAction()->trigger();
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<QFileDialog *>()) != nullptr && dialog->isVisible());
        QCOMPARE(dialog->nameFilters().size(), 3); // CSV, TSV, JSON lines
        dialog->resize(760, 480);
        test::saveScreenshot(dialog, QStringLiteral("-export"));
        dialog->reject();

        m_window->addPackagesFolder(folder);
        QTRY_VERIFY(m_window->runAction()->isEnabled());
        m_window->datasetEdit()->setText(QStringLiteral("from_query"));
        QSignalSpy loaded(m_window->queue(), &ui::LoadQueue::queueFinished);
        m_window->runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kLoadTimeoutMs);
        QCOMPARE(m_window->queue()->entries().first().outcome, ui::QueueOutcome::Loaded);
        test::SqliteProbe moved(test::sqliteDatasetFile(QStringLiteral("from_query")));
        QCOMPARE(moved.rows(QStringLiteral("SELECT id, title, locked FROM even_issues ORDER BY id")),
                 source.rows(QStringLiteral("SELECT id, title, locked FROM issues WHERE id % 2 = 0 ORDER BY id")));
        m_window->tabs()->setCurrentIndex(ui::MainWindow::SqlTab);
    }

    void highlighterColoursTheParts()
    {
        QPlainTextEdit *editor = console()->editor();
        editor->setPlainText(QStringLiteral("SELECT 'text' FROM \"t\" -- note\n/* a\nb */ WHERE x = 42"));
        QTextBlock first = editor->document()->firstBlock();
        QCOMPARE(ui::SqlHighlighter::kindAt(first, 0), QStringLiteral("keyword"));
        QCOMPARE(ui::SqlHighlighter::kindAt(first, 8), QStringLiteral("string"));
        QCOMPARE(ui::SqlHighlighter::kindAt(first, 20), QStringLiteral("name"));
        QCOMPARE(ui::SqlHighlighter::kindAt(first, 27), QStringLiteral("comment"));
        const QTextBlock second = first.next();
        const QTextBlock third = second.next();
        QCOMPARE(ui::SqlHighlighter::kindAt(second, 1), QStringLiteral("comment"));
        QCOMPARE(ui::SqlHighlighter::kindAt(third, 0), QStringLiteral("comment")); // the comment goes on
        QCOMPARE(ui::SqlHighlighter::kindAt(third, 5), QStringLiteral("keyword"));
        QCOMPARE(ui::SqlHighlighter::kindAt(third, third.text().size() - 1), QStringLiteral("number"));
    }
};

int main(int argc, char **argv)
{
    return wharf::test::runGuiTest<TestSqlConsole>(argc, argv);
}

#include "tst_SqlConsole.moc"
