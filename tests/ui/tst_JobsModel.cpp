#include "load/JobsModel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QIcon>
#include <QSignalSpy>
#include <QTest>

using namespace wharf;
using wharf::ui::JobsModel;

namespace {

JobEvent jobEvent(const QString &table, JobState state, int retry = 0, const QString &loadId = QStringLiteral("1.5"))
{
    JobEvent e;
    e.loadId = loadId;
    e.table = table;
    e.format = QStringLiteral("insert_values");
    e.jobId = QStringLiteral("%1.abc.insert_values.gz").arg(table);
    e.fileName = QStringLiteral("%1.abc.%2.insert_values.gz").arg(table).arg(retry);
    e.size = 2048;
    e.state = state;
    e.retryCount = retry;
    return e;
}

JobFile file(const QString &name, JobFolder folder)
{
    JobFile f;
    f.name = JobFileName::parse(name);
    f.path = QStringLiteral("/p/%1/%2").arg(jobFolderName(folder), name);
    f.folder = folder;
    f.size = 100;
    return f;
}

} // namespace

class TestJobsModel : public QObject {
    Q_OBJECT
private slots:
    void eventsAddAndUpdateRows()
    {
        JobsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(JobsModel::ColumnCount));

        model.applyEvent(jobEvent(QStringLiteral("issues"), JobState::Running));
        model.applyEvent(jobEvent(QStringLiteral("issues__labels"), JobState::Running));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.loadId(), QStringLiteral("1.5"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        JobEvent done = jobEvent(QStringLiteral("issues"), JobState::Completed);
        done.rows = 100;
        done.durationMs = 1500;
        model.applyEvent(done);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(changed.count(), 1);
        const QModelIndex state = model.index(0, JobsModel::StateColumn);
        QCOMPARE(state.data().toString(), QStringLiteral("completed"));
        QCOMPARE(state.data(JobsModel::StateRole).toInt(), int(JobState::Completed));
        QVERIFY(!state.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(model.index(0, JobsModel::RowsColumn).data().toString(), QLocale().toString(100));
        QCOMPARE(model.index(0, JobsModel::DurationColumn).data().toString(), QStringLiteral("1.50 s"));
        QCOMPARE(model.index(0, JobsModel::TableColumn).data().toString(), QStringLiteral("issues"));
        QCOMPARE(model.index(0, JobsModel::FormatColumn).data().toString(), QStringLiteral("insert_values"));
        QVERIFY(!model.index(0, JobsModel::SizeColumn).data().toString().isEmpty());
        QCOMPARE(model.index(0, JobsModel::RowsColumn).data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
                 Qt::AlignRight | Qt::AlignVCenter);
        QCOMPARE(model.countInState(JobState::Completed), 1);
        QCOMPARE(model.countInState(JobState::Running), 1);
        QVERIFY(!model.allCompleted());

        JobEvent fast = jobEvent(QStringLiteral("issues__labels"), JobState::Completed);
        model.applyEvent(fast); // 0 rows in 0 ms is a real result, not "unknown"
        QCOMPARE(model.index(1, JobsModel::RowsColumn).data().toString(), QStringLiteral("0"));
        QCOMPARE(model.index(1, JobsModel::DurationColumn).data().toString(), QStringLiteral("< 1 ms"));
        QVERIFY(model.allCompleted());
    }

    void retryUpdatesTheSameRow()
    {
        JobsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.applyEvent(jobEvent(QStringLiteral("issues"), JobState::Running));
        JobEvent retry = jobEvent(QStringLiteral("issues"), JobState::Retry, 1);
        retry.error.kind = ErrorKind::Transient;
        retry.error.message = QStringLiteral("database is locked\nsecond line");
        retry.error.detail = QStringLiteral("busy");
        model.applyEvent(retry);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, JobsModel::RetriesColumn).data().toInt(), 1);
        QCOMPARE(model.index(0, JobsModel::StateColumn).data().toString(), jobStateName(JobState::Retry));
        QCOMPARE(model.index(0, JobsModel::ErrorColumn).data().toString(), QStringLiteral("database is locked"));
        QVERIFY(
            model.index(0, JobsModel::ErrorColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("busy")));

        JobEvent failed = jobEvent(QStringLiteral("issues"), JobState::Failed, 1);
        failed.error.message = QStringLiteral("no such column: x");
        model.applyEvent(failed);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.countInState(JobState::Failed), 1);
        QCOMPARE(model.index(0, JobsModel::ErrorColumn).data(Qt::ForegroundRole).value<QColor>(),
                 model.index(0, JobsModel::StateColumn).data(Qt::ForegroundRole).value<QColor>());
    }

    void settleShowsWaitingJobsReady()
    {
        // After the load stopped nothing is running or waiting for a retry: those jobs are back
        // in new_jobs/ and show as ready, their last error still there.
        JobsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        JobEvent retry = jobEvent(QStringLiteral("issues"), JobState::Retry, 1);
        retry.error.message = QStringLiteral("database is locked");
        model.applyEvents({retry, jobEvent(QStringLiteral("labels"), JobState::Running),
                           jobEvent(QStringLiteral("users"), JobState::Completed)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.settle();
        QCOMPARE(model.countInState(JobState::Retry), 0);
        QCOMPARE(model.countInState(JobState::Running), 0);
        QCOMPARE(model.countInState(JobState::Ready), 2);
        QCOMPARE(model.countInState(JobState::Completed), 1);
        QVERIFY(changed.count() >= 1);
        const int row = model.rowOfJob(retry.jobId);
        QCOMPARE(model.index(row, JobsModel::ErrorColumn).data().toString(), QStringLiteral("database is locked"));
    }

    void anotherLoadIdStartsOver()
    {
        JobsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.applyEvent(jobEvent(QStringLiteral("a"), JobState::Completed));
        model.applyEvent(jobEvent(QStringLiteral("b"), JobState::Completed));
        QVERIFY(model.allCompleted());
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.applyEvent(jobEvent(QStringLiteral("c"), JobState::Running, 0, QStringLiteral("2.0")));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.loadId(), QStringLiteral("2.0"));
        QCOMPARE(model.rowOfJob(QStringLiteral("c.abc.insert_values.gz")), 0);
        QCOMPARE(model.rowOfJob(QStringLiteral("a.abc.insert_values.gz")), -1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.allCompleted());
    }

    void showPackageSeedsRowsByFolder()
    {
        JobsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.showPackage(QStringLiteral("9.1"), {file(QStringLiteral("issues.abc.0.insert_values.gz"), JobFolder::New),
                                                  file(QStringLiteral("labels.def.2.jsonl"), JobFolder::Started),
                                                  file(QStringLiteral("users.123.0.csv"), JobFolder::Completed),
                                                  file(QStringLiteral("bad.456.0.csv"), JobFolder::Failed)});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.countInState(JobState::Ready), 2);
        QCOMPARE(model.countInState(JobState::Completed), 1);
        QCOMPARE(model.countInState(JobState::Failed), 1);
        QCOMPARE(model.index(1, JobsModel::RetriesColumn).data().toInt(), 2);
        // A job completed in an earlier run: its rows are not known, so nothing is shown.
        QCOMPARE(model.index(2, JobsModel::RowsColumn).data().toString(), QString());
        QCOMPARE(model.index(2, JobsModel::DurationColumn).data().toString(), QString());

        // The loader's Running event for a seeded job updates its row.
        JobEvent running;
        running.loadId = QStringLiteral("9.1");
        running.jobId = QStringLiteral("issues.abc.insert_values.gz");
        running.table = QStringLiteral("issues");
        running.state = JobState::Running;
        model.applyEvent(running);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, JobsModel::StateColumn).data().toString(), QStringLiteral("running"));
    }

    void tablesWithSeveralFilesShowTheFileId()
    {
        JobsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.applyEvent(jobEvent(QStringLiteral("issues"), JobState::Running));
        QCOMPARE(model.index(0, JobsModel::TableColumn).data().toString(), QStringLiteral("issues"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        JobEvent second = jobEvent(QStringLiteral("issues"), JobState::Running);
        second.jobId = QStringLiteral("issues.def.insert_values.gz");
        second.fileName = QStringLiteral("issues.def.0.insert_values.gz");
        model.applyEvent(second);
        QCOMPARE(model.rowCount(), 2);
        // The new row is inserted; the first one is relabelled by one dataChanged.
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(model.index(0, JobsModel::TableColumn).data().toString(), QStringLiteral("issues (abc)"));
        QCOMPARE(model.index(1, JobsModel::TableColumn).data().toString(), QStringLiteral("issues (def)"));
    }

    void headers()
    {
        JobsModel model;
        QCOMPARE(model.headerData(JobsModel::StateColumn, Qt::Horizontal).toString(), QStringLiteral("State"));
        QCOMPARE(model.headerData(JobsModel::ErrorColumn, Qt::Horizontal).toString(), QStringLiteral("Error"));
        for (int c = 0; c < model.columnCount(); ++c)
            QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
    }
};

QTEST_MAIN(TestJobsModel)
#include "tst_JobsModel.moc"
