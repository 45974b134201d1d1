// "What Run will do" against the destination as it is, and a job file's first rows: on a real
// SQLite destination, a package shows the tables it would create (without creating the
// database file to find out), and after the first merge step is loaded, the second step shows
// the column it adds with its ALTER TABLE; the first rows of a job file are parsed by the
// load's readers into a grid, and a broken file says where it breaks.
#include "GuiTestMain.h"
#include "LoadQueue.h"
#include "Screenshot.h"
#include "SqliteWindow.h"
#include "TestSupport.h"
#include "config/ConfigResolver.h"
#include "destination/ResolvedDestination.h"
#include "load/JobSampleDialog.h"
#include "load/JobSampleModel.h"
#include "load/JobsModel.h"
#include "load/JobsPanel.h"
#include "load/PackagesModel.h"
#include "load/PackagesPanel.h"
#include "shell/MainWindow.h"
#include "sqlite/SqliteDestination.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace wharf;

namespace {

constexpr int kLoadTimeoutMs = 60000;
const QString kStep1 = QStringLiteral("1795476048.6638606");
const QString kStep2 = QStringLiteral("1795476048.987292");

QString databaseFile()
{
    const ConfigResolver resolver(ConfigLocations::defaults());
    return sqlite::SqliteDestination::databasePath(
        ResolvedDestination::resolve(resolver, QStringLiteral("sqlite")).config);
}

} // namespace

class TestLoadPreview : public QObject {
    Q_OBJECT
public:
    QString m_home;

private:
    QString m_folder;

    int jobRow(ui::MainWindow &window, const QString &table)
    {
        const ui::JobsModel *jobs = window.jobsPanel()->model();
        for (int r = 0; r < jobs->rowCount(); ++r)
            if (jobs->job(r).table == table)
                return r;
        return -1;
    }

private slots:
    void initTestCase()
    {
        m_folder =
            test::copyTestPackages(m_home, QStringLiteral("preview-packages"),
                                   {QStringLiteral("gh_issues_merge_step1"), QStringLiteral("gh_issues_merge_step2")});
        QVERIFY(!m_folder.isEmpty());
    }

    void planSaysWhatTheDestinationWouldGet()
    {
        ui::MainWindow window(test::sqliteStartup(m_folder));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::PackagesPanel *packages = window.packagesPanel();
        QTRY_VERIFY(!packages->model()->isReading());
        const QString step1 = packages->model()->dirOfLoadId(kStep1);
        const QString step2 = packages->model()->dirOfLoadId(kStep2);
        QVERIFY(packages->selectPackage(step1));

        // Nothing loaded yet: every table is created; finding that out created no file.
        QPlainTextEdit *plan = window.planView();
        QTRY_VERIFY_WITH_TIMEOUT(plan->toPlainText().contains(QStringLiteral("as it is now")), 10000);
        QVERIFY2(plan->toPlainText().contains(QStringLiteral("the dataset does not exist yet")),
                 qPrintable(plan->toPlainText()));
        QVERIFY2(plan->toPlainText().contains(QStringLiteral("creates table issues (")),
                 qPrintable(plan->toPlainText()));
        QVERIFY2(plan->toPlainText().contains(QStringLiteral("loads 1 file into issues (insert_values")),
                 qPrintable(plan->toPlainText()));
        QVERIFY2(plan->toPlainText().contains(QStringLiteral("(primary key id)")), qPrintable(plan->toPlainText()));
        QVERIFY(!QFileInfo::exists(databaseFile()));

        QSignalSpy finished(window.queue(), &ui::LoadQueue::queueFinished);
        QTRY_VERIFY(window.runAction()->isEnabled());
        window.runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLoadTimeoutMs);
        QCOMPARE(window.queue()->entries().first().outcome, ui::QueueOutcome::Loaded);

        // Step 2 adds one column to issues, and says so with its DDL.
        QVERIFY(packages->selectPackage(step2));
        QTRY_VERIFY_WITH_TIMEOUT(plan->toPlainText().contains(QStringLiteral("as it is now")), 10000);
        const QString text = plan->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("adds columns to issues: reviewed (bool)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("ALTER TABLE \"gh_issues_merge\".\"issues\" ADD COLUMN \"reviewed\"")),
                 qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("creates table")), qPrintable(text));
        window.resize(1024, 700);
        if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("packageTabs")))
            tabs->setCurrentWidget(plan);
        test::saveScreenshot(&window, QStringLiteral("-preview"));
    }

    void firstRowsOfAJobFile()
    {
        ui::MainWindow window(test::sqliteStartup(m_folder));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::PackagesPanel *packages = window.packagesPanel();
        QTRY_VERIFY(!packages->model()->isReading());
        QVERIFY(packages->selectPackage(packages->model()->dirOfLoadId(kStep2)));
        QTRY_VERIFY(jobRow(window, QStringLiteral("issues__labels")) >= 0);

        const int row = jobRow(window, QStringLiteral("issues__labels"));
        window.jobsPanel()->view()->selectRow(row);
        QVERIFY(window.jobsPanel()->firstRowsAction()->isEnabled());
        window.jobsPanel()->firstRowsAction()->trigger();
        auto *dialog = window.findChild<ui::JobSampleDialog *>();
        QVERIFY(dialog);
        QAbstractItemModelTester tester(dialog->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy read(dialog, &ui::JobSampleDialog::sampleRead);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 10000);
        QCOMPARE(read.first().first().toString(), QString());
        const JobSample &sample = dialog->model()->sample();
        QVERIFY2(sample.columns.contains(QStringLiteral("name")) && sample.columns.contains(QStringLiteral("_dlt_id")),
                 qPrintable(sample.columns.join(',')));
        QVERIFY(dialog->model()->rowCount() > 0);
        QVERIFY(!sample.more); // a small file: all of it
        QVERIFY2(dialog->statusText().startsWith(QStringLiteral("All ")), qPrintable(dialog->statusText()));
        dialog->resize(900, 400);
        test::saveScreenshot(dialog, QStringLiteral("-first-rows"));
        const qint64 labelRows = sample.rows.size();
        dialog->close(); // deleted on close: `sample` goes with it

        // Rows per job, counted in the files before the load, in the Rows column.
        QSignalSpy counted(window.jobsPanel(), &ui::JobsPanel::rowsCounted);
        QVERIFY(window.jobsPanel()->countRowsAction()->isEnabled());
        window.jobsPanel()->countRowsAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(counted.count(), 1, 10000);
        QCOMPARE(counted.first().at(1).toInt(), 3); // three job files
        QCOMPARE(counted.first().at(2).toString(), QString());
        const ui::JobsModel *jobs = window.jobsPanel()->model();
        const int labels = jobRow(window, QStringLiteral("issues__labels"));
        QCOMPARE(jobs->countedRows(jobs->job(labels).jobId), labelRows);
        QCOMPARE(jobs->index(labels, ui::JobsModel::RowsColumn).data().toString(), QLocale().toString(labelRows));

        // A file the load could not read says where it breaks.
        const QString path =
            window.jobsPanel()->model()->job(jobRow(window, QStringLiteral("issues__assignees"))).filePath;
        QFile broken(path);
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("INSERT INTO {}(\"a\")\nVALUES\n('x',;\n");
        broken.close();
        ui::JobSampleDialog direct(path, QFileInfo(path).fileName());
        QSignalSpy failed(&direct, &ui::JobSampleDialog::sampleRead);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        const QString error = failed.first().first().toString();
        QVERIFY2(error.contains(QFileInfo(path).fileName()) && error.contains(QStringLiteral(":3")), qPrintable(error));
        QCOMPARE(direct.model()->rowCount(), 0);
    }
};

int main(int argc, char **argv)
{
    return wharf::test::runGuiTest<TestLoadPreview>(argc, argv);
}

#include "tst_LoadPreview.moc"
