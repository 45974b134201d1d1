// The window's shell as a user meets it: its icon, Help ▸ About, a log that can be hidden,
// Ctrl+Q during a load asking first, splitters and geometry remembered (and kept on the
// screen), and the dummy destination kept out of sight outside developer mode.
#include "GuiTestMain.h"
#include "LoadSession.h"
#include "ManyJobsPackage.h"
#include "Screenshot.h"
#include "destination/DestinationEditor.h"
#include "destination/DestinationForm.h"
#include "destination/DestinationPicker.h"
#include "load/LoadControls.h"
#include "load/PackagesPanel.h"
#include "load/ThroughputChart.h"
#include "log/LogDock.h"
#include "package/LoadPackage.h"
#include "shell/AboutDialog.h"
#include "shell/MainWindow.h"
#include "shell/WindowSettings.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace wharf;

class TestWindowShell : public QObject {
    Q_OBJECT
public:
    QString m_home;

private:
    static QAction *menuAction(QMainWindow &window, const QString &menu, const QString &text)
    {
        for (QAction *top : window.menuBar()->actions()) {
            if (top->text() != menu || !top->menu())
                continue;
            for (QAction *a : top->menu()->actions())
                if (a->text() == text)
                    return a;
        }
        return nullptr;
    }

private slots:
    void iconAndAbout()
    {
        ui::MainWindow window{ui::StartupState{}};
        QVERIFY(!window.windowIcon().isNull());
        QVERIFY(!window.windowIcon().pixmap(32, 32).isNull()); // the SVG is drawn (its plugin is there)
        QAction *about = menuAction(window, QStringLiteral("&Help"), QStringLiteral("&About Wharf"));
        QVERIFY(about);
        QVERIFY(menuAction(window, QStringLiteral("&Help"), QStringLiteral("About &Qt")));

        ui::AboutDialog dialog;
        dialog.show();
        test::saveScreenshot(&dialog, QStringLiteral("-about"));
        const QString text = dialog.text();
        QVERIFY2(text.contains(QStringLiteral("Apache License")), qPrintable(text));
        for (const char *part : {"libpq", "SQLite", "toml++", "simdjson", "QtKeychain", "LGPL-3.0", "MariaDB"})
            QVERIFY2(text.contains(QLatin1String(part)), part);
        QVERIFY2(!text.contains(QStringLiteral("Qt Charts")), qPrintable(text));
        // In a build tree the documentation is the checkout's, and every link points at a file.
        QVERIFY(!ui::AboutDialog::docsFolder().isEmpty());
        QVERIFY2(text.contains(QStringLiteral("RELIABILITY.md")) && text.contains(QStringLiteral("README.md")),
                 qPrintable(text));
    }

    void logCanBeHiddenAndShown()
    {
        ui::MainWindow window{ui::StartupState{}};
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *log = window.findChild<ui::LogDock *>();
        QVERIFY(log);
        QAction *toggle = log->toggleViewAction();
        QVERIFY(toggle->isEnabled());
        QVERIFY(log->isVisible());
        toggle->trigger();
        QVERIFY(!log->isVisible());
        toggle->trigger();
        QVERIFY(log->isVisible());
    }

    void quittingDuringALoadAsksFirst()
    {
        qputenv("DESTINATION__DUMMY__JOB_DELAY_MS", "300");
        test::ManyJobsSpec spec;
        spec.jobs = 40;
        const QString root = QDir(m_home).filePath(QStringLiteral("quit-packages"));
        QVERIFY(!test::writeManyJobsPackage(QDir(root).filePath(spec.pipeline), spec).isEmpty());
        ui::StartupState startup;
        startup.packageRoots = {root};
        startup.destinationType = QStringLiteral("dummy");
        ui::MainWindow window(startup);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.runAction()->isEnabled());
        QSignalSpy finished(window.session(), &ui::LoadSession::finished);
        window.run();
        QVERIFY(window.session()->isRunning());

        // Closing asks; "Keep loading" keeps the window and the load.
        QVERIFY(!window.close());
        QTRY_VERIFY(window.quitConfirmation());
        QVERIFY(window.isVisible());
        QMessageBox *ask = window.quitConfirmation();
        QPushButton *keep = nullptr;
        for (QAbstractButton *b : ask->buttons())
            if (b->text() == QStringLiteral("Keep loading"))
                keep = qobject_cast<QPushButton *>(b);
        QVERIFY(keep);
        keep->click();
        QTRY_VERIFY(!window.quitConfirmation());
        QVERIFY(window.session()->isRunning());
        QVERIFY(window.isVisible());
        QCOMPARE(finished.count(), 0);

        // Asked again, "Stop and quit" cancels the load and then closes the window.
        window.close();
        QTRY_VERIFY(window.quitConfirmation());
        window.quitConfirmation()->defaultButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(finished.first().first().value<PackageResult>().status, PackageStatus::Incomplete);
        QTRY_VERIFY(!window.isVisible());
        qunsetenv("DESTINATION__DUMMY__JOB_DELAY_MS");
    }

    void splittersAndGeometryAreRememberedOnScreen()
    {
        QList<int> sizes;
        {
            ui::MainWindow window{ui::StartupState{}};
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *split = window.findChild<QSplitter *>(QStringLiteral("loadSplitter"));
            QVERIFY(split);
            const int total = split->sizes().value(0) + split->sizes().value(1);
            split->setSizes({total / 4, total - total / 4});
            sizes = split->sizes();
            // Far off the screen and larger than it, as after unplugging a monitor.
            window.setGeometry(5000, 4000, 3000, 2000);
            ui::windowsettings::saveWindow(&window);
        }
        ui::MainWindow again{ui::StartupState{}};
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.findChild<QSplitter *>(QStringLiteral("loadSplitter"))->sizes(), sizes);
        QTest::qWait(50); // fitted again once shown, when the frame is known
        const QRect area = again.screen()->availableGeometry();
        const auto text = [](const QRect &r) {
            return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
        };
        QVERIFY2(area.contains(again.frameGeometry()),
                 qPrintable(text(again.frameGeometry()) + QStringLiteral(" outside ") + text(area)));
    }

    void progressSaysHowALoadEnded()
    {
        QAction run(QStringLiteral("Run")), cancel(QStringLiteral("Cancel"));
        ui::LoadControls controls(&run, &cancel);
        QProgressBar *bar = controls.progressBar();
        const auto rate = [&] { return controls.findChild<QLabel *>(QStringLiteral("loadRate"))->text(); };
        PackageResult loaded;
        loaded.status = PackageStatus::Loaded;
        loaded.jobsTotal = loaded.jobsCompleted = 1;
        loaded.rows = 1;
        loaded.elapsedMs = 500;
        controls.started(1);
        controls.finished(loaded);
        QCOMPARE(bar->value(), bar->maximum());
        QVERIFY2(rate().startsWith(QStringLiteral("Loaded 1 row in 0.5 s")),
                 qPrintable(rate())); // not "1 rows", not "0:01"
        QVERIFY2(bar->text().contains(QStringLiteral("1 of 1 job")) && !bar->text().contains(QStringLiteral("1 rows")),
                 qPrintable(bar->text()));

        // Cancelled: no average rate, how far it got, and what Run does next.
        PackageResult cancelled;
        cancelled.status = PackageStatus::Incomplete;
        cancelled.error.kind = ErrorKind::Cancelled;
        cancelled.jobsTotal = 4;
        cancelled.jobsCompleted = 1;
        cancelled.elapsedMs = 3000;
        cancelled.rows = 0;
        controls.started(4);
        controls.finished(cancelled);
        QVERIFY2(!rate().contains(QStringLiteral("rows/s")), qPrintable(rate()));
        QVERIFY2(rate().startsWith(QStringLiteral("Cancelled after")), qPrintable(rate()));
        QCOMPARE(bar->value(), bar->maximum() / 4);

        // Aborted: never a full bar.
        PackageResult aborted = cancelled;
        aborted.status = PackageStatus::Aborted;
        aborted.failedJobs = {JobEvent{}};
        controls.finished(aborted);
        QVERIFY(bar->value() < bar->maximum());
        QVERIFY2(rate().contains(QStringLiteral("1 failed job")), qPrintable(rate()));

        // Another package selected: the bar no longer shows this load.
        controls.showIdle();
        QCOMPARE(bar->text(), QStringLiteral("Idle"));
        QCOMPARE(bar->value(), 0);
        QVERIFY(controls.chart()->points().isEmpty());
    }

    void keyboardReachesEverything()
    {
        test::ManyJobsSpec spec;
        spec.jobs = 3;
        const QString root = QDir(m_home).filePath(QStringLiteral("keyboard-packages"));
        for (const QString &id : {QStringLiteral("1800000001.1"), QStringLiteral("1800000002.2")}) {
            spec.loadId = id;
            QVERIFY(!test::writeManyJobsPackage(QDir(root).filePath(spec.pipeline), spec).isEmpty());
        }
        ui::StartupState startup;
        startup.packageRoots = {root};
        ui::MainWindow window(startup);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_VERIFY(!window.packagesPanel()->currentPackage().isEmpty());
        auto *tabs = window.tabs();

        // Ctrl+E edits the destination even from a line edit (which would take it as End).
        auto *search = window.findChild<ui::LogDock *>()->findChild<QLineEdit *>();
        QVERIFY(search);
        search->setFocus();
        QTRY_VERIFY(search->hasFocus());
        QTest::keyClick(search, Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), int(ui::MainWindow::DestinationTab));
        // Ctrl+1 and Ctrl+2 show the tabs by number; Alt+O is the Load tab, Alt+L the Load menu.
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), int(ui::MainWindow::BrowseTab));
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), int(ui::MainWindow::LoadTab));
        QCOMPARE(tabs->tabText(ui::MainWindow::LoadTab), QStringLiteral("L&oad"));

        // Tab leaves the packages table and Ctrl+Tab does not pick another package.
        QTableView *packages = window.packagesPanel()->view();
        packages->setFocus();
        QTRY_VERIFY(packages->hasFocus());
        const QString selected = window.packagesPanel()->currentPackage();
        QTest::keyClick(packages, Qt::Key_Tab);
        QVERIFY(!packages->hasFocus());
        packages->setFocus();
        QTest::keyClick(packages, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(window.packagesPanel()->currentPackage(), selected);
    }

    void pickerSaysWhatIsMissingAndWhatIsTyped()
    {
        ui::MainWindow window{ui::StartupState{}};
        ui::DestinationPicker *picker = window.destinationPicker();
        picker->setCurrentType(QStringLiteral("postgres"));
        // Nothing configured: in words, which values, and where to give them.
        QVERIFY2(picker->shownText().startsWith(QStringLiteral("Not set up yet: ")) &&
                     picker->shownText().contains(QStringLiteral("database, username missing")) &&
                     picker->shownText().contains(QStringLiteral("Destination settings")),
                 qPrintable(picker->shownText()));
        QVERIFY(!picker->shownText().contains(QStringLiteral("tried:")));
        QVERIFY(!picker->error().isEmpty()); // the full text stays in the tooltip
        QVERIFY(!window.runAction()->isEnabled());

        // Typed in the settings: the line follows, marked as not saved; Run waits for Save.
        ui::DestinationForm *form = window.findChild<ui::DestinationEditor *>()->form();
        QCOMPARE(form->pasteUrl(QStringLiteral("postgresql://loader:pw@db.example.org:5432/dw")), QString());
        QVERIFY2(picker->shownText().contains(QStringLiteral("db.example.org")) &&
                     picker->shownText().endsWith(QStringLiteral("typed, not saved yet")),
                 qPrintable(picker->shownText()));
        QVERIFY2(!picker->shownText().contains(QStringLiteral("pw@")), qPrintable(picker->shownText()));
        QVERIFY(!picker->error().isEmpty()); // loads use what is saved

        // Reverted: back to what is saved.
        window.findChild<ui::DestinationEditor *>()->reload();
        QVERIFY2(picker->shownText().startsWith(QStringLiteral("Not set up yet: ")), qPrintable(picker->shownText()));
    }

    void aLoadedPackageSaysSoAndCanBeCopied()
    {
        test::ManyJobsSpec spec;
        spec.jobs = 3;
        spec.pipeline = QStringLiteral("copied_pipeline");
        const QString root = QDir(m_home).filePath(QStringLiteral("loaded-packages"));
        const QString dir = test::writeManyJobsPackage(QDir(root).filePath(spec.pipeline), spec);
        QVERIFY(!dir.isEmpty());
        {
            LoadPackage package = LoadPackage::open(dir);
            for (const JobFile &job : package.jobs(JobFolder::New))
                package.moveJob(job, JobFolder::Completed);
            package.markCompleted(false);
        }
        ui::StartupState startup;
        startup.packageRoots = {root};
        startup.destinationType = QStringLiteral("dummy");
        ui::MainWindow window(startup);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.packagesPanel()->selectPackage(dir));
        QTRY_VERIFY(window.copyAction()->isEnabled());
        // Before Run: it says the package is loaded and what to do instead.
        QVERIFY(!window.runAction()->isEnabled());
        QVERIFY2(window.runAction()->toolTip().contains(QStringLiteral("Load a copy")),
                 qPrintable(window.runAction()->toolTip()));
        const QString note = window.findChild<QLabel *>(QStringLiteral("loadRate"))->text();
        QVERIFY2(note.contains(QStringLiteral("not loaded again")), qPrintable(note));

        window.copyAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.packagesPanel()->currentPackage() != dir, 10000);
        const QString copy = window.packagesPanel()->currentPackage();
        QCOMPARE(QFileInfo(copy).fileName(), spec.loadId);
        QVERIFY(copy.contains(QStringLiteral("copied_pipeline-copy-")));
        QTRY_VERIFY(window.runAction()->isEnabled());  // the copy is new: it can be loaded
        QVERIFY(LoadPackage::open(dir).isCompleted()); // the original stays as it was
        QCOMPARE(LoadPackage::open(copy).jobs(JobFolder::New).size(), 3);
    }

    void planSaysWhatRunWillDo()
    {
        // The Plan tab: what Run would do with the selected package in the picked destination,
        // worked out off the GUI thread without connecting, following both choices.
        test::ManyJobsSpec spec;
        spec.jobs = 4;
        spec.pipeline = QStringLiteral("plan_pipeline");
        const QString root = QDir(m_home).filePath(QStringLiteral("plan-packages"));
        const QString dir = test::writeManyJobsPackage(QDir(root).filePath(spec.pipeline), spec);
        QVERIFY(!dir.isEmpty());
        ui::StartupState startup;
        startup.packageRoots = {root};
        startup.destinationType = QStringLiteral("sqlite");
        ui::MainWindow window(startup);
        window.destinationPicker()->setCurrentType(QStringLiteral("sqlite")); // not the one remembered
        QVERIFY(window.packagesPanel()->selectPackage(dir));
        QPlainTextEdit *plan = window.planView();
        QTRY_VERIFY2(plan->toPlainText().contains(QStringLiteral("of sqlite would run")),
                     qPrintable(plan->toPlainText()));
        QVERIFY(plan->toPlainText().contains(QStringLiteral("dataset plan_pipeline_data")));
        QVERIFY(plan->toPlainText().contains(QStringLiteral("table chain t0")));
        window.destinationPicker()->setCurrentType(QStringLiteral("dummy"));
        QTRY_VERIFY2(plan->toPlainText().contains(QStringLiteral("of dummy would run")),
                     qPrintable(plan->toPlainText()));
    }

    void dummyOnlyInDeveloperMode()
    {
        qunsetenv("WHARF_DEVELOPER");
        {
            ui::DestinationPicker picker(QStringLiteral("sqlite"));
            QVERIFY(picker.names().contains(QStringLiteral("sqlite")));
            QVERIFY2(!picker.names().contains(QStringLiteral("dummy")), qPrintable(picker.names().join(',')));
        }
        qputenv("WHARF_DEVELOPER", "1");
        ui::DestinationPicker developer(QStringLiteral("sqlite"));
        QVERIFY(developer.names().contains(QStringLiteral("dummy")));
    }
};

int main(int argc, char **argv)
{
    return wharf::test::runGuiTest<TestWindowShell>(argc, argv);
}

#include "tst_WindowShell.moc"
