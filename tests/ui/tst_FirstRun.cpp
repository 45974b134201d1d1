// First run of the GUI on a machine with no configuration: the SQLite default destination and
// the bundled sample are preselected, and one click on Run loads the sample.
#include "BuiltinDestinations.h"
#include "LoadSession.h"
#include "LogBus.h"
#include "Screenshot.h"
#include "TestSupport.h"
#include "browse/BrowserColumnsModel.h"
#include "browse/BrowserPanel.h"
#include "browse/DatasetTreeModel.h"
#include "browse/TableDataFilterHeader.h"
#include "browse/TableDataModel.h"
#include "browse/TableDataView.h"
#include "config/ConfigResolver.h"
#include "destination/DestinationPicker.h"
#include "destination/PluginLoader.h"
#include "destination/ResolvedDestination.h"
#include "load/JobErrorDialog.h"
#include "load/JobsModel.h"
#include "load/JobsPanel.h"
#include "load/LoadControls.h"
#include "load/Loader.h"
#include "load/PackagesModel.h"
#include "load/PackagesPanel.h"
#include "log/LogDock.h"
#include "package/SampleInstaller.h"
#include "shell/GuiMain.h"
#include "shell/MainWindow.h"
#include "sqlite/SqliteConnection.h"
#include "sqlite/SqliteDestination.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <sqlite3.h>

using namespace wharf;

namespace {

constexpr int kLoadTimeoutMs = 60000;
const QString kSampleLoadId = QStringLiteral("1795476037.8625736");
const QString kDataset = QStringLiteral("gh_issues_insert_values");

qint64 countRows(const QString &dbFile, const QString &table)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(dbFile.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    sqlite3_stmt *stmt = nullptr;
    qint64 n = -1;
    const QByteArray sql = QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table).toUtf8();
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
    else
        qWarning() << "counting" << table << "in" << dbFile << "failed:" << sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

QString datasetFile()
{
    const ConfigResolver resolver(ConfigLocations::defaults());
    const auto destination = ResolvedDestination::resolve(resolver, QStringLiteral("sqlite"));
    return sqlite::SqliteConnection::datasetFile(sqlite::SqliteDestination::databasePath(destination.config), kDataset);
}

} // namespace

class TestFirstRun : public QObject {
    Q_OBJECT
public:
    QString m_home;

private slots:
    void initTestCase()
    {
        // The environment was set up in main(), before QApplication existed.
        QVERIFY(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation).startsWith(m_home));
        QVERIFY(!QFileInfo::exists(defaultPackagesDir()));
        ui::LogBus::installMessageHandler();
    }

    void cleanupTestCase() { ui::LogBus::uninstallMessageHandler(); }

    void oneClickLoadsTheSample()
    {
        const auto window = ui::createMainWindow();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));

        // SQLite, at its default place in the (temporary) user data folder.
        QCOMPARE(window->destinationPicker()->currentType(), QStringLiteral("sqlite"));
        QCOMPARE(window->destinationPicker()->error(), QString());
        QVERIFY2(window->destinationPicker()->location().contains(QStringLiteral("wharf/wharf.db")),
                 qPrintable(window->destinationPicker()->location()));
        // The dummy (it keeps no data) is not offered to users.
        QVERIFY(!window->destinationPicker()->names().contains(QStringLiteral("dummy")));
        QVERIFY(window->destinationPicker()->names().contains(QStringLiteral("postgres")));

        // The sample was installed and is selected, its four jobs shown as ready.
        const QString sample = QDir(defaultPackagesDir()).filePath(kDataset + QLatin1Char('/') + kSampleLoadId);
        QVERIFY(QFileInfo::exists(sample + QStringLiteral("/schema.json")));
        QTRY_COMPARE(window->packagesPanel()->currentPackage(), sample); // summaries read off the GUI thread
        ui::JobsModel *jobs = window->jobsPanel()->model();
        QTRY_COMPARE(jobs->rowCount(), 4); // read off the GUI thread
        QCOMPARE(jobs->countInState(JobState::Ready), 4);
        QVERIFY(window->runAction()->isEnabled());
        QVERIFY(!window->cancelAction()->isEnabled());

        test::saveScreenshot(window.get(), QStringLiteral("-ready"));
        QSignalSpy finished(window->session(), &ui::LoadSession::finished);
        QSignalSpy loaderFinished(window->session()->loader(), &Loader::packageFinished);
        QTest::mouseClick(window->loadControls()->runButton(), Qt::LeftButton);
        QVERIFY(!window->runAction()->isEnabled());

        QTRY_COMPARE_WITH_TIMEOUT(loaderFinished.count(), 1, kLoadTimeoutMs);
        QTRY_COMPARE(finished.count(), 1);
        const auto result = finished.first().first().value<PackageResult>();
        QVERIFY2(result.status == PackageStatus::Loaded,
                 qPrintable(packageStatusName(result.status) + QStringLiteral(": ") + result.error.fullText()));
        QTRY_VERIFY_WITH_TIMEOUT(jobs->allCompleted(), kLoadTimeoutMs);
        QCOMPARE(jobs->rowCount(), 4);
        QCOMPARE(result.datasetName, kDataset);
        QCOMPARE(result.rows, 166);

        // The list was refreshed: the package is loaded now, so Run has nothing left to do.
        const ui::PackagesModel *packages = window->packagesPanel()->model();
        QCOMPARE(window->packagesPanel()->currentPackage(), sample);
        QTRY_COMPARE(packages->package(packages->rowOf(sample)).state, ui::PackageState::Loaded);
        QVERIFY(!window->runAction()->isEnabled());
        QVERIFY(!window->cancelAction()->isEnabled());

        // dlt's summary in the log dock.
        const auto logHas = [&](const QString &s) { return window->logDock()->text().contains(s); };
        QTRY_VERIFY(
            logHas(QStringLiteral("1 load package(s) were loaded to destination sqlite and into dataset ") + kDataset));
        QTRY_VERIFY(logHas(QStringLiteral("Load package %1 is LOADED and contains no failed jobs").arg(kSampleLoadId)));

        const QString db = datasetFile();
        QVERIFY2(QFileInfo::exists(db), qPrintable(db));
        QVERIFY(db.startsWith(m_home));
        QCOMPARE(countRows(db, QStringLiteral("issues")), 100);
        QCOMPARE(countRows(db, QStringLiteral("issues__labels")), 34);
        QCOMPARE(countRows(db, QStringLiteral("issues__assignees")), 31);
        QCOMPARE(countRows(db, QStringLiteral("_dlt_loads")), 1);
        test::saveScreenshot(window.get());

        // Ctrl+B: the browser opens on the loaded dataset; a click on a table shows its rows.
        ui::BrowserPanel *browser = window->browserPanel();
        QAbstractItemModelTester treeTester(browser->treeModel());
        QAbstractItemModelTester dataTester(browser->dataModel());
        QAbstractItemModelTester columnsTester(browser->columnsModel());
        QTest::keyClick(window.get(), Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(window->tabs()->currentIndex(), int(ui::MainWindow::BrowseTab));
        ui::DatasetTreeModel *tree = browser->treeModel();
        QTRY_VERIFY_WITH_TIMEOUT(tree->tableIndex(kDataset, QStringLiteral("issues")).isValid(), kLoadTimeoutMs);
        QVERIFY(tree->tableIndex(kDataset, QStringLiteral("_dlt_loads")).isValid());
        const QModelIndex issues = tree->tableIndex(kDataset, QStringLiteral("issues"));
        QCOMPARE(issues.siblingAtColumn(ui::DatasetTreeModel::RowsColumn).data().toString(), QStringLiteral("100"));
        QTreeView *treeView = browser->treeView();
        treeView->scrollTo(issues);
        QTest::mouseClick(treeView->viewport(), Qt::LeftButton, {}, treeView->visualRect(issues).center());
        QTRY_COMPARE(browser->currentTable(), QStringLiteral("issues"));
        ui::TableDataModel *rows = browser->dataModel();
        QTRY_COMPARE_WITH_TIMEOUT(rows->rowCount(), 100, kLoadTimeoutMs);
        const int title = int(rows->columnNames().indexOf(QStringLiteral("title")));
        QVERIFY(title >= 0);
        QVERIFY(!rows->index(0, title).data().toString().isEmpty());
        QVERIFY(browser->errorText().isEmpty());
        // Beside each database type, the dlt type from the stored schema.
        ui::BrowserColumnsModel *columns = browser->columnsModel();
        QVERIFY(columns->rowCount() > 5);
        bool sawDltType = false;
        for (int r = 0; r < columns->rowCount(); ++r)
            if (columns->index(r, ui::BrowserColumnsModel::NameColumn).data().toString() == QLatin1String("title"))
                sawDltType = columns->index(r, ui::BrowserColumnsModel::DltTypeColumn).data().toString() ==
                             QLatin1String("text");
        QVERIFY(sawDltType);
        test::saveScreenshot(window.get(), QStringLiteral("-browser"));

        // Export all rows: on a connection of its own, every row the filters keep, whole file.
        QSignalSpy exported(browser, &ui::BrowserPanel::exportFinished);
        const QString csv = QDir(m_home).filePath(QStringLiteral("issues.csv"));
        QVERIFY(browser->exportTo(csv, ExportFormat::Csv));
        QVERIFY(!browser->exportTo(csv, ExportFormat::Csv)); // one at a time
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, kLoadTimeoutMs);
        QCOMPARE(exported.first().at(1).toString(), QString());
        QCOMPARE(exported.first().at(0).toLongLong(), 100);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        // Records: line ends outside quoted fields (issue bodies hold line breaks of their own).
        const QByteArray text = file.readAll();
        int records = 0;
        bool quoted = false;
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text[i] == '"')
                quoted = !quoted;
            else if (!quoted && text[i] == '\n')
                ++records;
        }
        QCOMPARE(records, 101); // the header and 100 rows
        QVERIFY(text.startsWith("url,"));
        QVERIFY2(browser->statusText().startsWith(QStringLiteral("Exported 100 rows to")),
                 qPrintable(browser->statusText()));
        browser->dataView()->filterHeader()->editor(title)->setText(QStringLiteral("like %a%"));
        browser->dataView()->applyFilters();
        QTRY_VERIFY(!rows->isLoading());
        const QString jsonl = QDir(m_home).filePath(QStringLiteral("issues.jsonl"));
        QVERIFY(browser->exportTo(jsonl, ExportFormat::JsonLines));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 2, kLoadTimeoutMs);
        QFile lines(jsonl);
        QVERIFY(lines.open(QIODevice::ReadOnly));
        const qint64 kept = exported.last().at(0).toLongLong();
        QVERIFY(kept > 0 && kept < 100);
        QCOMPARE(lines.readAll().count('\n'), kept);
    }

    void escapeCancelsARunningLoad()
    {
        // A slow dummy destination, so that the load is still running when Esc arrives; it is
        // offered in developer mode only (this and the next cases).
        qputenv("WHARF_DEVELOPER", "1");
        qputenv("DESTINATION__DUMMY__JOB_DELAY_MS", "20000");
        const QString folder = QDir(m_home).filePath(QStringLiteral("more-packages"));
        QVERIFY(test::copyTree(test::dataPath(QStringLiteral("packages/gh_issues_csv")),
                               folder + QStringLiteral("/gh_issues_csv")));

        const auto window = ui::createMainWindow();
        window->show();
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        window->addPackagesFolder(folder);
        const QString package = window->packagesPanel()->currentPackage();
        QVERIFY2(package.startsWith(folder), qPrintable(package));
        window->destinationPicker()->setCurrentType(QStringLiteral("dummy"));
        QTRY_VERIFY(window->runAction()->isEnabled()); // once the package's summary is read

        // The last window was left on the Browse tab, and this one opens on it again (QSettings).
        QCOMPARE(window->tabs()->currentIndex(), int(ui::MainWindow::BrowseTab));
        QSignalSpy finished(window->session(), &ui::LoadSession::finished);
        QTest::keyClick(window.get(), Qt::Key_R, Qt::ControlModifier);
        QCOMPARE(window->tabs()->currentIndex(), int(ui::MainWindow::LoadTab)); // where the jobs are
        QTRY_VERIFY(window->jobsPanel()->model()->countInState(JobState::Running) > 0);
        QVERIFY(window->cancelAction()->isEnabled());
        QVERIFY(window->loadControls()->cancelButton()->isEnabled());
        test::saveScreenshot(window.get(), QStringLiteral("-running"));

        QElapsedTimer sinceEscape;
        sinceEscape.start();
        QTest::keyClick(window.get(), Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        // "Stops within a second": asserted with room for a loaded 2-core CI machine.
        QVERIFY2(sinceEscape.elapsed() < 2000, qPrintable(QString::number(sinceEscape.elapsed())));
        qInfo("cancel took %lld ms", qint64(sinceEscape.elapsed()));
        QCOMPARE(finished.first().first().value<PackageResult>().status, PackageStatus::Incomplete);
        QCOMPARE(window->jobsPanel()->model()->countInState(JobState::Running), 0);
        const ui::PackagesModel *packages = window->packagesPanel()->model();
        QTRY_VERIFY(packages->package(packages->rowOf(package)).isLoadable());
        QVERIFY(window->runAction()->isEnabled());
        qunsetenv("DESTINATION__DUMMY__JOB_DELAY_MS");
    }

    void failedJobIsShown()
    {
        qputenv("DESTINATION__DUMMY__FAIL_TABLES", "issues__labels");
        const QString folder = QDir(m_home).filePath(QStringLiteral("failing-packages"));
        QVERIFY(test::copyTree(test::dataPath(QStringLiteral("packages/gh_issues_insert_values")),
                               folder + QStringLiteral("/gh_issues_insert_values")));
        const auto window = ui::createMainWindow();
        window->show();
        // The destination picked in the last window is picked again (QSettings).
        QCOMPARE(window->destinationPicker()->currentType(), QStringLiteral("dummy"));
        window->addPackagesFolder(folder);
        QTRY_VERIFY(window->runAction()->isEnabled());
        QSignalSpy finished(window->session(), &ui::LoadSession::finished);
        QTest::mouseClick(window->loadControls()->runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLoadTimeoutMs);
        qunsetenv("DESTINATION__DUMMY__FAIL_TABLES");

        QCOMPARE(finished.first().first().value<PackageResult>().status, PackageStatus::Aborted);
        const ui::JobsModel *jobs = window->jobsPanel()->model();
        QCOMPARE(jobs->countInState(JobState::Failed), 1);
        int failedRow = -1;
        for (int row = 0; row < jobs->rowCount(); ++row)
            if (jobs->job(row).state == JobState::Failed)
                failedRow = row;
        QCOMPARE(jobs->job(failedRow).table, QStringLiteral("issues__labels"));
        QVERIFY(!jobs->index(failedRow, ui::JobsModel::ErrorColumn).data().toString().isEmpty());
        const ui::PackagesModel *packages = window->packagesPanel()->model();
        const QString package = window->packagesPanel()->currentPackage();
        QTRY_COMPARE(packages->package(packages->rowOf(package)).state, ui::PackageState::Aborted);
        QTRY_VERIFY(window->logDock()->text().contains(QStringLiteral("is ABORTED and contains 1 FAILED job(s)!")));
        test::saveScreenshot(window.get(), QStringLiteral("-failed"));

        // Double-click on the failed job: its full error in a dialog that does not block.
        ui::JobsPanel *panel = window->jobsPanel();
        const QModelIndex failedIndex = jobs->index(failedRow, ui::JobsModel::ErrorColumn);
        panel->view()->scrollTo(failedIndex);
        const QPoint at = panel->view()->visualRect(failedIndex).center();
        QTest::mouseClick(panel->view()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(panel->view()->viewport(), Qt::LeftButton, {}, at);
        QTRY_VERIFY(window->jobErrorDialog());
        QVERIFY(window->jobErrorDialog()->isVisible());
        QVERIFY(!window->jobErrorDialog()->isModal());
        QVERIFY(window->jobErrorDialog()->text().contains(QStringLiteral("issues__labels")));
        QVERIFY(window->jobErrorDialog()->text().contains(jobs->job(failedRow).error.message.section('\n', 0, 0)));
        // The job's name and path are whole, not cut at the dialog's edge.
        const auto *file = window->jobErrorDialog()->findChild<QLineEdit *>(QStringLiteral("fileField"));
        QVERIFY(file);
        QCOMPARE(file->text(), QDir::toNativeSeparators(jobs->job(failedRow).filePath));
        window->jobErrorDialog()->resize(1000, 500);
        QTRY_VERIFY(file->width() >= file->fontMetrics().horizontalAdvance(file->text()) ||
                    file->width() >= 560); // a long path scrolls within the field
        test::saveScreenshot(window->jobErrorDialog(), QStringLiteral("-error"));
        window->jobErrorDialog()->close();

        // Aborted, not lost: Retry takes the package back and, the cause gone, loads it to the end.
        QVERIFY(!window->runAction()->isEnabled());
        QTRY_VERIFY(window->retryAction()->isEnabled());
        QVERIFY(!window->abortAction()->isEnabled());
        QSignalSpy again(window->session(), &ui::LoadSession::finished);
        window->retryAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(again.count(), 1, kLoadTimeoutMs);
        const PackageResult retried = again.first().first().value<PackageResult>();
        QCOMPARE(retried.status, PackageStatus::Loaded);
        QVERIFY(retried.failedJobs.isEmpty());
        QCOMPARE(retried.jobsCompleted, retried.jobsTotal);
        QTRY_COMPARE(packages->package(packages->rowOf(window->packagesPanel()->currentPackage())).state,
                     ui::PackageState::Loaded);
        QVERIFY(!window->retryAction()->isEnabled());
    }

    // Last: it adds plugins to the process's registry. Skipped plugins are named in the log.
    void skippedPluginsAreInTheLog()
    {
        const QString dir = qEnvironmentVariable("WHARF_TEST_PLUGINS");
        QVERIFY(plugins::loadAll(DestinationRegistry::instance(), {dir}) >= 1);
        const auto window = ui::createMainWindow();
        window->show();
        QTRY_VERIFY(window->logDock()->text().contains(
            QStringLiteral("destination plugin skipped: %1 - built for Wharf SDK version 0")
                .arg(QDir(dir).absoluteFilePath("libwharf_test_plugin_old_sdk.so"))));
        QVERIFY(window->logDock()->text().contains(QStringLiteral("libwharf_not_a_plugin.so - not a Qt plugin")));
        // As a user sees it: 1024x700, in the default and in a dark palette.
        window->resize(1024, 700);
        test::saveScreenshots(window.get(), QStringLiteral("-plugins"));
    }
};

int main(int argc, char **argv)
{
    // QStandardPaths must resolve into a fresh folder, so set HOME and the XDG folders before
    // anything (QApplication included) reads them, and run from an empty project folder.
    QTemporaryDir home;
    if (!home.isValid())
        return 1;
    const QString root = QFileInfo(home.path()).canonicalFilePath();
    for (const char *sub : {"data", "config", "project"})
        QDir(root).mkpath(QLatin1String(sub));
    qputenv("HOME", root.toUtf8());
    qputenv("XDG_DATA_HOME", (root + QStringLiteral("/data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", (root + QStringLiteral("/config")).toUtf8());
    // Configuration from the environment would make this not a first run.
    for (const QString &name : QProcessEnvironment::systemEnvironment().keys())
        if (name.startsWith(QLatin1String("DESTINATION__")) || name.startsWith(QLatin1String("CREDENTIALS__")) ||
            name.startsWith(QLatin1String("LOAD__")) || name.startsWith(QLatin1String("DATASET_NAME")) ||
            name == QLatin1String("WHARF_DEVELOPER"))
            qunsetenv(name.toUtf8().constData());
    QStandardPaths::setTestModeEnabled(false);
    QDir::setCurrent(root + QStringLiteral("/project"));

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("wharf"));
    QApplication::setOrganizationName(QStringLiteral("Wharf"));
    registerBuiltinDestinations();

    TestFirstRun test;
    test.m_home = root;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_FirstRun.moc"
