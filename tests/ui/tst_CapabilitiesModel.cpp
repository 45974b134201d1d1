// The Capabilities view: every capability of a destination, the tunable ones edited and saved
// as overrides in the project's .dlt/config.toml (comments and other sections kept), checked
// before writing, and removed again by "Reset to default".
#include "BuiltinDestinations.h"
#include "Screenshot.h"
#include "config/ConfigResolver.h"
#include "config/TomlDocumentEditor.h"
#include "destination/CapabilitiesModel.h"
#include "destination/CapabilitiesPanel.h"
#include "destination/CapabilityOverrides.h"
#include "destination/ResolvedDestination.h"
#include "load/LoadOptions.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFont>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace wharf;
using wharf::ui::CapabilitiesModel;
using wharf::ui::CapabilitiesPanel;

namespace {

const QString kSqlite = QStringLiteral("sqlite");

/// A config.toml written by hand: its comments and the other section must survive edits.
const QByteArray kHandWritten = "# project settings, kept by hand\n"
                                "[runtime]\n"
                                "log_level = \"INFO\" # loud enough\n"
                                "\n"
                                "[destination.sqlite]\n"
                                "# the file lives next to the project\n"
                                "dataset_name = \"kept\"\n";

} // namespace

class TestCapabilitiesModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    int m_case = 0;
    ConfigLocations m_locations;

    QString configFile() const { return QDir(m_locations.projectDir).filePath(QStringLiteral(".dlt/config.toml")); }
    QString globalConfigFile() const { return QDir(m_locations.globalDir).filePath(QStringLiteral("config.toml")); }

    static bool writeFile(const QString &path, const QByteArray &text)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
    }
    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QVariant configValue(const QStringList &path) const { return TomlDocumentEditor::load(configFile()).value(path); }

    static QModelIndex valueIndex(const CapabilitiesModel &model, const QString &name)
    {
        return model.index(model.rowOf(name), CapabilitiesModel::ValueColumn);
    }
    static QString value(const CapabilitiesModel &model, const QString &name)
    {
        return valueIndex(model, name).data().toString();
    }
    static bool overridden(const CapabilitiesModel &model, const QString &name)
    {
        return valueIndex(model, name).data(CapabilitiesModel::OverriddenRole).toBool();
    }
    static QString source(const CapabilitiesModel &model, const QString &name)
    {
        return model.index(model.rowOf(name), CapabilitiesModel::SourceColumn).data().toString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        registerBuiltinDestinations();
    }

    void init()
    {
        const QString root = QDir(m_tmp.path()).filePath(QStringLiteral("case%1").arg(++m_case));
        m_locations = ConfigLocations{};
        m_locations.projectDir = QDir(root).filePath(QStringLiteral("project"));
        m_locations.globalDir = QDir(root).filePath(QStringLiteral("global"));
        m_locations.environment = QProcessEnvironment(); // nothing from the machine running the test
        QVERIFY(QDir().mkpath(m_locations.projectDir));
        QVERIFY(QDir().mkpath(m_locations.globalDir));
    }

    void rowsMatchDescribe()
    {
        CapabilitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDestination(kSqlite, m_locations);
        QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
        QCOMPARE(model.columnCount(), int(CapabilitiesModel::ColumnCount));

        const auto entries = DestinationRegistry::instance().create(kSqlite)->capabilities().describe();
        QCOMPARE(model.rowCount(), entries.size() + 1); // + workers, a [load] setting
        int row = 0;
        for (const auto &e : entries) {
            if (model.index(row, CapabilitiesModel::NameColumn).data(CapabilitiesModel::DltNameRole).toString() ==
                QLatin1String("workers"))
                ++row;
            const QModelIndex name = model.index(row, CapabilitiesModel::NameColumn);
            QCOMPARE(name.data(CapabilitiesModel::DltNameRole).toString(), e.name);
            // In words, with dlt's name in the tooltip; no Markdown quoting in tooltips.
            QCOMPARE(name.data().toString(), CapabilitiesModel::caption(e.name));
            QVERIFY2(!name.data().toString().contains(QLatin1Char('_')), qPrintable(name.data().toString()));
            QVERIFY(name.data(Qt::ToolTipRole).toString().contains(QStringLiteral("dlt: ") + e.name));
            QVERIFY(!name.data(Qt::ToolTipRole).toString().contains(QLatin1Char('`')));
            QCOMPARE(model.index(row, CapabilitiesModel::ValueColumn).data().toString(), e.value);
            QCOMPARE(model.index(row, CapabilitiesModel::DefaultColumn).data().toString(), e.value);
            QCOMPARE(model.index(row, CapabilitiesModel::MeaningColumn).data().toString().left(e.meaning.size()),
                     e.meaning);
            QVERIFY(!model.index(row, 0).data(CapabilitiesModel::OverriddenRole).toBool());
            ++row;
        }
        QCOMPARE(value(model, QStringLiteral("workers")), QString::number(LoadOptions{}.workers));

        // Exactly the tunable ones are editable, each with its editor.
        QStringList editable;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QModelIndex name = model.index(r, CapabilitiesModel::NameColumn);
            QVERIFY(!(name.flags() & Qt::ItemIsEditable));
            if (model.index(r, CapabilitiesModel::ValueColumn).flags() & Qt::ItemIsEditable)
                editable << name.data(CapabilitiesModel::DltNameRole).toString();
        }
        QStringList tunable;
        for (const auto &t : tunableCapabilities(kSqlite))
            tunable << t.capability;
        editable.sort();
        tunable.sort();
        QCOMPARE(editable, tunable);
        const QModelIndex format = valueIndex(model, QStringLiteral("preferred_loader_file_format"));
        QCOMPARE(format.data(CapabilitiesModel::EditorKindRole).toInt(), int(CapabilitiesModel::EditorKind::Choice));
        QCOMPARE(format.data(CapabilitiesModel::ChoicesRole).toStringList(),
                 DestinationRegistry::instance().create(kSqlite)->capabilities().supportedLoaderFileFormats);
        const QModelIndex rows = valueIndex(model, QStringLiteral("max_rows_per_insert"));
        QCOMPARE(rows.data(CapabilitiesModel::EditorKindRole).toInt(), int(CapabilitiesModel::EditorKind::Integer));
        QCOMPARE(rows.data(CapabilitiesModel::MinimumRole).toInt(), 0);
        QCOMPARE(valueIndex(model, QStringLiteral("max_query_length")).data(CapabilitiesModel::MinimumRole).toInt(), 1);
        QCOMPARE(valueIndex(model, QStringLiteral("workers")).data(CapabilitiesModel::MinimumRole).toInt(), 1);
        QCOMPARE(valueIndex(model, QStringLiteral("loader_parallelism_strategy"))
                     .data(CapabilitiesModel::ChoicesRole)
                     .toStringList(),
                 (QStringList{QStringLiteral("parallel"), QStringLiteral("table-sequential"),
                              QStringLiteral("sequential")}));
        QCOMPARE(valueIndex(model, QStringLiteral("max_parallel_load_jobs")).data(CapabilitiesModel::EditorKindRole),
                 QVariant(int(CapabilitiesModel::EditorKind::None)));
    }

    void editWritesOverride()
    {
        CapabilitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDestination(kSqlite, m_locations);
        QSignalSpy errors(&model, &CapabilitiesModel::lastErrorChanged);
        const QString name = QStringLiteral("max_rows_per_insert");
        QVERIFY(!QFile::exists(configFile()));

        QVERIFY(model.setData(valueIndex(model, name), 500));
        QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
        QCOMPARE(errors.count(), 0);
        const QByteArray text = readFile(configFile());
        QVERIFY2(text.contains("[destination.sqlite]"), text.constData());
        QVERIFY2(text.contains("max_rows_per_insert = 500"), text.constData());
        QCOMPARE(configValue({QStringLiteral("destination"), kSqlite, name}).toLongLong(), 500);

        QCOMPARE(value(model, name), QStringLiteral("500"));
        QCOMPARE(model.index(model.rowOf(name), CapabilitiesModel::DefaultColumn).data().toString(),
                 QStringLiteral("10000"));
        QVERIFY(overridden(model, name));
        QVERIFY(model.isResettable(model.rowOf(name)));
        QCOMPARE(source(model, name), QStringLiteral("config.toml (project)"));
        QVERIFY(model.index(model.rowOf(name), CapabilitiesModel::SourceColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("[destination.sqlite] max_rows_per_insert")));
        QVERIFY(valueIndex(model, name).data(Qt::FontRole).value<QFont>().bold());
        QCOMPARE(valueIndex(model, name).data(Qt::EditRole).toLongLong(), 500);

        // What the loader will use.
        const ConfigResolver resolver(m_locations);
        QCOMPARE(ResolvedDestination::resolve(resolver, kSqlite).capabilities().maxRowsPerInsert, 500);

        // The file format is a choice among the supported ones.
        QVERIFY(
            model.setData(valueIndex(model, QStringLiteral("preferred_loader_file_format")), QStringLiteral("csv")));
        QCOMPARE(configValue({QStringLiteral("destination"), kSqlite, QStringLiteral("preferred_loader_file_format")})
                     .toString(),
                 QStringLiteral("csv"));
        QCOMPARE(value(model, QStringLiteral("preferred_loader_file_format")), QStringLiteral("csv"));
        QCOMPARE(value(model, name), QStringLiteral("500"));
    }

    void editKeepsCommentsAndOtherSections()
    {
        QVERIFY(writeFile(configFile(), kHandWritten));
        CapabilitiesModel model;
        model.setDestination(kSqlite, m_locations);
        QVERIFY(model.setData(valueIndex(model, QStringLiteral("max_query_length")), 4096));
        const QByteArray text = readFile(configFile());
        for (const char *kept : {"# project settings, kept by hand", "[runtime]", "log_level = \"INFO\" # loud enough",
                                 "# the file lives next to the project", "dataset_name = \"kept\""})
            QVERIFY2(text.contains(kept), text.constData());
        QVERIFY2(text.contains("max_query_length = 4096"), text.constData());
        QCOMPARE(text.count("[destination.sqlite]"), 1);

        QVERIFY(model.resetToDefault(model.rowOf(QStringLiteral("max_query_length"))));
        QCOMPARE(readFile(configFile()), kHandWritten);
    }

    void rejectsInvalidValues_data()
    {
        QTest::addColumn<QString>("capability");
        QTest::addColumn<QVariant>("value");
        QTest::newRow("negative count") << QStringLiteral("max_rows_per_insert") << QVariant(-1);
        QTest::newRow("not a number") << QStringLiteral("max_rows_per_insert") << QVariant(QStringLiteral("many"));
        QTest::newRow("fraction") << QStringLiteral("max_rows_per_insert") << QVariant(QStringLiteral("2.5"));
        QTest::newRow("too large") << QStringLiteral("max_rows_per_insert") << QVariant(qlonglong(1) << 40);
        QTest::newRow("query length 0") << QStringLiteral("max_query_length") << QVariant(0);
        QTest::newRow("unsupported format")
            << QStringLiteral("preferred_loader_file_format") << QVariant(QStringLiteral("parquet"));
        QTest::newRow("workers 0") << QStringLiteral("workers") << QVariant(0);
        QTest::newRow("unknown strategy")
            << QStringLiteral("loader_parallelism_strategy") << QVariant(QStringLiteral("fast"));
    }

    void rejectsInvalidValues()
    {
        QFETCH(QString, capability);
        QFETCH(QVariant, value);
        QVERIFY(writeFile(configFile(), kHandWritten));
        CapabilitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDestination(kSqlite, m_locations);
        const QString before = TestCapabilitiesModel::value(model, capability);
        QSignalSpy errors(&model, &CapabilitiesModel::lastErrorChanged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        QVERIFY(!model.setData(valueIndex(model, capability), value));
        QCOMPARE(errors.count(), 1);
        QVERIFY(!model.lastError().isEmpty());
        QVERIFY2(model.lastError().contains(capability), qPrintable(model.lastError()));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(readFile(configFile()), kHandWritten);
        QCOMPARE(TestCapabilitiesModel::value(model, capability), before);
        QVERIFY(!overridden(model, capability));

        // The next good edit clears the error.
        QVERIFY(model.setData(valueIndex(model, QStringLiteral("max_rows_per_insert")), 7));
        QCOMPARE(errors.count(), 2);
        QVERIFY(model.lastError().isEmpty());
    }

    void rejectedValueCreatesNoFile()
    {
        CapabilitiesModel model;
        model.setDestination(kSqlite, m_locations);
        QVERIFY(!model.setData(valueIndex(model, QStringLiteral("max_rows_per_insert")), -5));
        QVERIFY(!QFile::exists(configFile()));
    }

    void resetRemovesOverride()
    {
        CapabilitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDestination(kSqlite, m_locations);
        const QString name = QStringLiteral("max_rows_per_insert");
        const int row = model.rowOf(name);
        QVERIFY(!model.isResettable(row));
        QVERIFY(!model.resetToDefault(row)); // nothing to remove
        QVERIFY(!model.lastError().isEmpty());

        QVERIFY(model.setData(valueIndex(model, name), 0));
        QCOMPARE(value(model, name), QStringLiteral("(none)")); // 0 = no limit, as describe() says
        QVERIFY(model.resetToDefault(row));
        QVERIFY(model.lastError().isEmpty());
        QVERIFY(!configValue({QStringLiteral("destination"), kSqlite, name}).isValid());
        QVERIFY(!readFile(configFile()).contains("max_rows_per_insert"));
        // The section it emptied is gone too.
        QVERIFY2(!readFile(configFile()).contains("[destination." + kSqlite.toUtf8() + "]"),
                 readFile(configFile()).constData());
        QCOMPARE(value(model, name), QStringLiteral("10000"));
        QVERIFY(!overridden(model, name));
        QVERIFY(!model.isResettable(row));
        QCOMPARE(source(model, name), QStringLiteral("default"));
        // Non-tunable rows have nothing to reset.
        QVERIFY(!model.isResettable(model.rowOf(QStringLiteral("supports_transactions"))));
        QVERIFY(!model.resetToDefault(-1));
    }

    void pendingEditsWaitForSave()
    {
        // Inside Destination settings the Capabilities tab works like the Connection tab:
        // changes are shown as typed, written by Save, dropped by Revert.
        CapabilitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPendingEdits(true);
        model.setDestination(kSqlite, m_locations);
        QSignalSpy edited(&model, &CapabilitiesModel::editedChanged);
        const QString name = QStringLiteral("max_rows_per_insert");
        QVERIFY(model.setData(valueIndex(model, name), 500));
        QVERIFY(model.isEdited());
        QCOMPARE(edited.count(), 1);
        QCOMPARE(value(model, name), QStringLiteral("500"));
        QCOMPARE(source(model, name), QStringLiteral("typed here (not saved)"));
        QVERIFY(valueIndex(model, name).data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(!configValue({QStringLiteral("destination"), kSqlite, name}).isValid()); // not written yet

        model.revert();
        QVERIFY(!model.isEdited());
        QCOMPARE(value(model, name), QStringLiteral("10000"));

        QVERIFY(model.setData(valueIndex(model, name), 500));
        QVERIFY(model.save());
        QVERIFY(!model.isEdited());
        QCOMPARE(configValue({QStringLiteral("destination"), kSqlite, name}).toLongLong(), 500);
        QCOMPARE(value(model, name), QStringLiteral("500"));

        // A reset waits for Save too.
        QVERIFY(model.resetToDefault(model.rowOf(name)));
        QCOMPARE(source(model, name), QStringLiteral("reset (not saved)"));
        QCOMPARE(value(model, name), QStringLiteral("10000"));
        QCOMPARE(configValue({QStringLiteral("destination"), kSqlite, name}).toLongLong(), 500);
        QVERIFY(model.save());
        QVERIFY(!configValue({QStringLiteral("destination"), kSqlite, name}).isValid());
        QVERIFY(!overridden(model, name));
    }

    void loadSettingsAreEditable()
    {
        CapabilitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDestination(kSqlite, m_locations);
        const QString workers = QStringLiteral("workers");
        const QString strategy = QStringLiteral("loader_parallelism_strategy");
        QCOMPARE(value(model, strategy), QStringLiteral("sequential"));

        QVERIFY(model.setData(valueIndex(model, workers), 4));
        QVERIFY(model.setData(valueIndex(model, strategy), QStringLiteral("table-sequential")));
        QCOMPARE(configValue({QStringLiteral("load"), workers}).toInt(), 4);
        QCOMPARE(configValue({QStringLiteral("load"), QStringLiteral("parallelism_strategy")}).toString(),
                 QStringLiteral("table-sequential"));
        QVERIFY2(readFile(configFile()).contains("[load]"), readFile(configFile()).constData());
        QVERIFY(!readFile(configFile()).contains("destination"));
        QCOMPARE(value(model, workers), QStringLiteral("4"));
        QCOMPARE(value(model, strategy), QStringLiteral("table-sequential"));
        QVERIFY(overridden(model, workers));
        QCOMPARE(source(model, workers), QStringLiteral("config.toml (project)"));

        // What the loader will read.
        const ConfigResolver resolver(m_locations);
        const LoadOptions options = LoadOptions::fromConfig(resolver, kSqlite);
        QCOMPARE(options.workers, 4);
        QCOMPARE(options.parallelismStrategy, std::optional(ParallelismStrategy::TableSequential));

        QVERIFY(model.resetToDefault(model.rowOf(workers)));
        QVERIFY(model.resetToDefault(model.rowOf(strategy)));
        QCOMPARE(value(model, workers), QString::number(LoadOptions{}.workers));
        QCOMPARE(value(model, strategy), QStringLiteral("sequential"));
        QVERIFY(!configValue({QStringLiteral("load"), workers}).isValid());
    }

    void environmentWinsAndIsNotEditable()
    {
        m_locations.environment.insert(QStringLiteral("DESTINATION__SQLITE__MAX_ROWS_PER_INSERT"), QStringLiteral("7"));
        CapabilitiesModel model;
        model.setDestination(kSqlite, m_locations);
        const QString name = QStringLiteral("max_rows_per_insert");
        QCOMPARE(value(model, name), QStringLiteral("7"));
        QVERIFY(overridden(model, name));
        QCOMPARE(source(model, name), QStringLiteral("env DESTINATION__SQLITE__MAX_ROWS_PER_INSERT"));
        QVERIFY(!(valueIndex(model, name).flags() & Qt::ItemIsEditable));
        QVERIFY(!model.setData(valueIndex(model, name), 8));
        QVERIFY(model.lastError().contains(QStringLiteral("DESTINATION__SQLITE__MAX_ROWS_PER_INSERT")));
        QVERIFY(!QFile::exists(configFile()));
    }

    void projectWinsOverGlobal()
    {
        QVERIFY(writeFile(globalConfigFile(), "[destination.sqlite]\nmax_rows_per_insert = 20\n"));
        CapabilitiesModel model;
        model.setDestination(kSqlite, m_locations);
        const QString name = QStringLiteral("max_rows_per_insert");
        QCOMPARE(value(model, name), QStringLiteral("20"));
        QCOMPARE(source(model, name), QStringLiteral("config.toml (global)"));
        QVERIFY(!model.isResettable(model.rowOf(name))); // the project's file has nothing to remove

        QVERIFY(model.setData(valueIndex(model, name), 30));
        QVERIFY(model.lastError().isEmpty());
        QCOMPARE(value(model, name), QStringLiteral("30"));
        QCOMPARE(source(model, name), QStringLiteral("config.toml (project)"));
        QVERIFY(model.resetToDefault(model.rowOf(name)));
        QCOMPARE(value(model, name), QStringLiteral("20")); // back to the global override
        QCOMPARE(readFile(globalConfigFile()), QByteArray("[destination.sqlite]\nmax_rows_per_insert = 20\n"));
    }

    void invalidConfiguredValueIsMarked()
    {
        QVERIFY(writeFile(configFile(), "[destination.sqlite]\nmax_rows_per_insert = -3\n[load]\nworkers = \"x\"\n"));
        CapabilitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDestination(kSqlite, m_locations);
        for (const QString &name : {QStringLiteral("max_rows_per_insert"), QStringLiteral("workers")}) {
            QVERIFY2(!valueIndex(model, name).data(CapabilitiesModel::ProblemRole).toString().isEmpty(),
                     qPrintable(name));
            QVERIFY(model.isResettable(model.rowOf(name)));
        }
        QCOMPARE(value(model, QStringLiteral("max_rows_per_insert")), QStringLiteral("-3"));
        // The others still show and can be edited; a good value replaces the bad one.
        QCOMPARE(value(model, QStringLiteral("max_query_length")), QString::number(32 * 1024 * 1024));
        QVERIFY(model.setData(valueIndex(model, QStringLiteral("max_rows_per_insert")), 100));
        QVERIFY(valueIndex(model, QStringLiteral("max_rows_per_insert"))
                    .data(CapabilitiesModel::ProblemRole)
                    .toString()
                    .isEmpty());
        QVERIFY(model.resetToDefault(model.rowOf(QStringLiteral("workers"))));
        QVERIFY(valueIndex(model, QStringLiteral("workers")).data(CapabilitiesModel::ProblemRole).toString().isEmpty());
    }

    void unreadableConfigShowsDefaults()
    {
        QVERIFY(writeFile(configFile(), "[destination.sqlite\nbroken"));
        CapabilitiesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDestination(kSqlite, m_locations);
        QVERIFY(!model.lastError().isEmpty());
        QVERIFY(model.rowCount() > 0);
        QCOMPARE(value(model, QStringLiteral("max_rows_per_insert")), QStringLiteral("10000"));
        QVERIFY(!(valueIndex(model, QStringLiteral("max_rows_per_insert")).flags() & Qt::ItemIsEditable));
        QVERIFY(!model.setData(valueIndex(model, QStringLiteral("max_rows_per_insert")), 5));
        QCOMPARE(readFile(configFile()), QByteArray("[destination.sqlite\nbroken"));

        model.setDestination(QStringLiteral("no_such_destination"), m_locations);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.lastError().isEmpty());
    }

    void panelEditsThroughDelegate()
    {
        CapabilitiesPanel panel;
        panel.resize(1000, 720);
        panel.setDestination(kSqlite, m_locations);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        CapabilitiesModel *model = panel.model();
        QTableView *view = panel.view();
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("capabilitiesFileHint"))->text().contains(configFile()));
        test::saveScreenshot(&panel, QString());

        // A combo of the supported formats for the file format.
        const QModelIndex format = valueIndex(*model, QStringLiteral("preferred_loader_file_format"));
        QAbstractItemDelegate *delegate = view->itemDelegateForIndex(format);
        QWidget *editor = delegate->createEditor(view->viewport(), QStyleOptionViewItem(), format);
        auto *combo = qobject_cast<QComboBox *>(editor);
        QVERIFY(combo);
        const QStringList formats = format.data(CapabilitiesModel::ChoicesRole).toStringList();
        QCOMPARE(combo->count(), formats.size());
        delegate->setEditorData(combo, format);
        QCOMPARE(combo->currentText(), QStringLiteral("typed-jsonl"));
        combo->setCurrentIndex(combo->findText(QStringLiteral("insert_values")));
        delegate->setModelData(combo, model, format);
        delete editor;
        QCOMPARE(configValue({QStringLiteral("destination"), kSqlite, QStringLiteral("preferred_loader_file_format")})
                     .toString(),
                 QStringLiteral("insert_values"));

        // A spin box for counts, bounded by the minimum.
        const QModelIndex rows = valueIndex(*model, QStringLiteral("max_rows_per_insert"));
        editor = delegate->createEditor(view->viewport(), QStyleOptionViewItem(), rows);
        auto *spin = qobject_cast<QSpinBox *>(editor);
        QVERIFY(spin);
        QCOMPARE(spin->minimum(), 0);
        QVERIFY(!spin->specialValueText().isEmpty());
        delegate->setEditorData(spin, rows);
        QCOMPARE(spin->value(), 10000);
        delete editor;

        // Reset only where the project's file has an override.
        view->setCurrentIndex(model->index(model->rowOf(QStringLiteral("max_rows_per_insert")), 0));
        QVERIFY(!panel.resetAction()->isEnabled());
        view->setCurrentIndex(model->index(format.row(), 0));
        QVERIFY(panel.resetAction()->isEnabled());
        test::saveScreenshot(&panel, QStringLiteral("-overridden"));
        panel.resetAction()->trigger();
        QVERIFY(!panel.resetAction()->isEnabled());
        QVERIFY(!readFile(configFile()).contains("preferred_loader_file_format"));

        // A rejected value shows under the table until the next success.
        auto *error = panel.findChild<QLabel *>(QStringLiteral("capabilitiesError"));
        QVERIFY(error && error->isHidden());
        QVERIFY(!model->setData(rows, -1));
        QVERIFY(!error->isHidden());
        QVERIFY(error->text().contains(QStringLiteral("max_rows_per_insert")));
        test::saveScreenshot(&panel, QStringLiteral("-error"));
        QVERIFY(model->setData(rows, 10));
        QVERIFY(error->isHidden());
    }
};

QTEST_MAIN(TestCapabilitiesModel)
#include "tst_CapabilitiesModel.moc"
