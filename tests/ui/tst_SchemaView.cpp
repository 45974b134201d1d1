// The Schema tab on a real SQLite destination: after a dlt package is loaded, the dataset's
// stored schema shows as a tree (nested tables under their parent) and matches the tables;
// after the table is changed by hand (a column dropped, one re-created as another type, one
// added), each difference is shown on its column.
#include "GuiTestMain.h"
#include "LoadQueue.h"
#include "Screenshot.h"
#include "SqliteWindow.h"
#include "TestSupport.h"
#include "browse/DatasetChooser.h"
#include "schema/SchemaColumnsModel.h"
#include "schema/SchemaPanel.h"
#include "schema/SchemaTablesModel.h"
#include "shell/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <sqlite3.h>

using namespace wharf;

namespace {

constexpr int kLoadTimeoutMs = 60000;
const QString kDataset = QStringLiteral("schema_ds");

bool execute(const QString &file, const char *sql)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open(file.toUtf8().constData(), &db) == SQLITE_OK &&
              sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok)
        qWarning() << sqlite3_errmsg(db);
    sqlite3_close(db);
    return ok;
}

SchemaColumnView::Status statusOf(const ui::SchemaColumnsModel *model, const QString &column)
{
    for (const SchemaColumnView &c : model->columns())
        if (c.name == column)
            return c.status;
    return SchemaColumnView::Status::NoType;
}

} // namespace

class TestSchemaView : public QObject {
    Q_OBJECT
public:
    QString m_home;

private slots:
    void showsTheStoredSchemaAndItsDifferences()
    {
        const QString folder = test::copyTestPackages(m_home, QStringLiteral("schema-packages"),
                                                      {QStringLiteral("gh_issues_merge_step1")});
        QVERIFY(!folder.isEmpty());
        ui::MainWindow window(test::sqliteStartup(folder));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::SchemaPanel *panel = window.schemaPanel();
        QAbstractItemModelTester tablesTester(panel->tablesModel(),
                                              QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester columnsTester(panel->columnsModel(),
                                               QAbstractItemModelTester::FailureReportingMode::Fatal);
        QTRY_VERIFY(window.runAction()->isEnabled());
        QCOMPARE(test::loadInto(window, window.runAction(), kDataset), 1);

        QSignalSpy shown(panel, &ui::SchemaPanel::schemasShown);
        window.tabs()->setCurrentIndex(ui::MainWindow::SchemaTab);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && panel->datasetBox()->dataset() == kDataset, 10000);
        QCOMPARE(shown.last().at(1).toString(), QString());
        QCOMPARE(panel->schemaBox()->currentText(), QStringLiteral("gh_issues_merge"));
        const ui::SchemaTablesModel *tables = panel->tablesModel();
        QCOMPARE(tables->view().differences, 0);
        QVERIFY2(panel->statusText().contains(QStringLiteral("the database matches it")),
                 qPrintable(panel->statusText()));
        // Nested tables hang under issues.
        const QModelIndex issues = tables->indexOfTable(QStringLiteral("issues"));
        QVERIFY(issues.isValid());
        QCOMPARE(tables->rowCount(issues), 2);
        QCOMPARE(tables->parent(tables->indexOfTable(QStringLiteral("issues__labels"))), issues);
        QCOMPARE(tables->index(issues.row(), ui::SchemaTablesModel::DispositionColumn).data().toString(),
                 QStringLiteral("merge")); // no x-merge-strategy stored: the destination's default applies

        // Changed by hand: body dropped, title re-created as a number, a column dlt does not know.
        QVERIFY(execute(test::sqliteDatasetFile(kDataset),
                        "ALTER TABLE issues DROP COLUMN body; ALTER TABLE issues DROP COLUMN title; "
                        "ALTER TABLE issues ADD COLUMN title INTEGER; "
                        "ALTER TABLE issues ADD COLUMN added_by_hand TEXT;"));
        shown.clear();
        panel->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 10000);
        QCOMPARE(tables->view().differences, 3);
        QVERIFY2(panel->statusText().contains(QStringLiteral("3 differences")), qPrintable(panel->statusText()));
        // The table with differences is selected and its columns say what differs.
        QCOMPARE(panel->tablesView()->currentIndex().data().toString(), QStringLiteral("issues"));
        const ui::SchemaColumnsModel *columns = panel->columnsModel();
        QCOMPARE(statusOf(columns, QStringLiteral("body")), SchemaColumnView::Status::MissingInDatabase);
        QCOMPARE(statusOf(columns, QStringLiteral("title")), SchemaColumnView::Status::TypeMismatch);
        QCOMPARE(statusOf(columns, QStringLiteral("added_by_hand")), SchemaColumnView::Status::NotInSchema);
        QCOMPARE(statusOf(columns, QStringLiteral("id")), SchemaColumnView::Status::Ok);
        // Only the three differing columns when asked.
        QVERIFY(panel->shownColumns()->rowCount() > 70);
        panel->onlyDifferences()->setChecked(true);
        QCOMPARE(panel->shownColumns()->rowCount(), 3);
        window.resize(1024, 700);
        test::saveScreenshots(&window, QStringLiteral("-schema"));
    }
};

int main(int argc, char **argv)
{
    return wharf::test::runGuiTest<TestSchemaView>(argc, argv);
}

#include "tst_SchemaView.moc"
