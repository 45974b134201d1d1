// The History tab on a real SQLite destination: a dataset's loads from _dlt_loads (newest
// first, with the package on disk), the rows each load left per table (nested tables through
// their root), and "Delete the rows of this load" — asked first with the counts, then done in
// one transaction: the rows of that load are gone, the other load's rows stay.
#include "GuiTestMain.h"
#include "LoadQueue.h"
#include "Screenshot.h"
#include "SqliteProbe.h"
#include "SqliteWindow.h"
#include "TestSupport.h"
#include "browse/DatasetChooser.h"
#include "history/HistoryPanel.h"
#include "history/LoadRowsModel.h"
#include "history/LoadsModel.h"
#include "load/PackagesModel.h"
#include "load/PackagesPanel.h"
#include "shell/MainWindow.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace wharf;

namespace {

constexpr int kLoadTimeoutMs = 60000;
const QString kDataset = QStringLiteral("history_ds");
const QString kStep1 = QStringLiteral("1795476048.6638606");
const QString kStep2 = QStringLiteral("1795476048.987292");

qint64 rowsOf(const ui::LoadRowsModel *model, const QString &table)
{
    for (const LoadTableRows &r : model->rows())
        if (r.table == table)
            return r.rows;
    return -1;
}

} // namespace

class TestLoadHistory : public QObject {
    Q_OBJECT
public:
    QString m_home;

private slots:
    void historyCountsAndDeletesTheRowsOfOneLoad()
    {
        const QString folder =
            test::copyTestPackages(m_home, QStringLiteral("history-packages"),
                                   {QStringLiteral("gh_issues_merge_step1"), QStringLiteral("gh_issues_merge_step2")});
        QVERIFY(!folder.isEmpty());
        ui::MainWindow window(test::sqliteStartup(folder));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::HistoryPanel *history = window.historyPanel();
        QAbstractItemModelTester loadsTester(history->loadsModel(),
                                             QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester rowsTester(history->rowsModel(),
                                            QAbstractItemModelTester::FailureReportingMode::Fatal);

        // Both merge steps into one dataset, through the queue.
        QTRY_VERIFY(window.runAllPendingAction()->isEnabled());
        QCOMPARE(test::loadInto(window, window.runAllPendingAction(), kDataset), 2);

        // The History tab opens on the dataset of the last load, newest load first.
        QSignalSpy listed(history, &ui::HistoryPanel::loadsListed);
        QSignalSpy counted(history, &ui::HistoryPanel::rowsCounted);
        window.tabs()->setCurrentIndex(ui::MainWindow::HistoryTab);
        QTRY_VERIFY_WITH_TIMEOUT(listed.count() > 0 && history->datasetBox()->currentText() == kDataset, 10000);
        const ui::LoadsModel *loads = history->loadsModel();
        QCOMPARE(loads->rowCount(), 2);
        QCOMPARE(loads->load(0).loadId, kStep2);
        QCOMPARE(loads->load(1).loadId, kStep1);
        QCOMPARE(loads->load(0).schemaName, QStringLiteral("gh_issues_merge"));
        QCOMPARE(loads->index(0, ui::LoadsModel::StatusColumn).data().toString(), QStringLiteral("loaded"));
        // The packages are on disk, among the listed ones.
        QVERIFY2(loads->packageDir(1).startsWith(folder), qPrintable(loads->packageDir(1)));

        // The first load's rows: counted in the database, the nested tables through issues.
        test::SqliteProbe db(test::sqliteDatasetFile(kDataset));
        QVERIFY(db.isOpen());
        const qint64 issuesOfStep1 =
            db.scalar(QStringLiteral("SELECT count(*) FROM issues WHERE _dlt_load_id = '%1'").arg(kStep1)).toLongLong();
        const qint64 labelsOfStep1 =
            db.scalar(QStringLiteral("SELECT count(*) FROM issues__labels WHERE _dlt_root_id "
                                     "IN (SELECT _dlt_id FROM issues WHERE _dlt_load_id = '%1')")
                          .arg(kStep1))
                .toLongLong();
        const qint64 issuesOfStep2 =
            db.scalar(QStringLiteral("SELECT count(*) FROM issues WHERE _dlt_load_id = '%1'").arg(kStep2)).toLongLong();
        QVERIFY(issuesOfStep1 > 0 && labelsOfStep1 > 0 && issuesOfStep2 > 0);
        counted.clear();
        history->selectLoad(kStep1);
        QTRY_VERIFY_WITH_TIMEOUT(!counted.isEmpty() && history->rowsModel()->loadId() == kStep1, 10000);
        QCOMPARE(rowsOf(history->rowsModel(), QStringLiteral("issues")), issuesOfStep1);
        QCOMPARE(rowsOf(history->rowsModel(), QStringLiteral("issues__labels")), labelsOfStep1);
        QVERIFY(history->deleteAction()->isEnabled());
        window.resize(1024, 700);
        test::saveScreenshots(&window, QStringLiteral("-history"));

        // Delete: asked first, with the counts; Cancel deletes nothing.
        history->deleteAction()->trigger();
        QTRY_VERIFY(history->deleteConfirmation());
        const QString asked = history->deleteConfirmation()->text() + history->deleteConfirmation()->informativeText();
        QVERIFY2(asked.contains(QStringLiteral("issues__labels: %1").arg(labelsOfStep1)), qPrintable(asked));
        history->deleteConfirmation()->reject();
        QTRY_VERIFY(!history->deleteConfirmation());
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT count(*) FROM issues WHERE _dlt_load_id = '%1'").arg(kStep1)).toLongLong(),
            issuesOfStep1);

        const qint64 countedTotal = history->rowsModel()->totalRows();
        QVERIFY(countedTotal >= issuesOfStep1 + labelsOfStep1);
        QSignalSpy deleted(history, &ui::HistoryPanel::rowsDeleted);
        history->deleteAction()->trigger();
        QTRY_VERIFY(history->deleteConfirmation());
        QAbstractButton *yes = nullptr;
        for (QAbstractButton *b : history->deleteConfirmation()->buttons())
            if (history->deleteConfirmation()->buttonRole(b) == QMessageBox::DestructiveRole)
                yes = b;
        QVERIFY(yes);
        yes->click();
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, 10000);
        QCOMPARE(deleted.first().at(1).toString(), kStep1);
        QCOMPARE(deleted.first().at(2).toLongLong(), countedTotal);
        // In the database: the first load's rows and its _dlt_loads row are gone, the second's stay.
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT count(*) FROM issues WHERE _dlt_load_id = '%1'").arg(kStep1)).toLongLong(),
            0);
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM issues__labels WHERE _dlt_root_id NOT IN (SELECT "
                                          "_dlt_id FROM issues)"))
                     .toLongLong(),
                 0);
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT count(*) FROM issues WHERE _dlt_load_id = '%1'").arg(kStep2)).toLongLong(),
            issuesOfStep2);
        QCOMPARE(db.rows(QStringLiteral("SELECT load_id FROM _dlt_loads")), QStringList{kStep2});
        QTRY_COMPARE_WITH_TIMEOUT(loads->rowCount(), 1, 10000);
        QCOMPARE(loads->load(0).loadId, kStep2);
        QVERIFY2(history->statusText().startsWith(QStringLiteral("Deleted")), qPrintable(history->statusText()));
    }
};

int main(int argc, char **argv)
{
    return wharf::test::runGuiTest<TestLoadHistory>(argc, argv);
}

#include "tst_LoadHistory.moc"
