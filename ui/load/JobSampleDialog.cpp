#include "load/JobSampleDialog.h"

#include "Error.h"
#include "common/Counts.h"
#include "load/JobSampleModel.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace wharf::ui {

namespace {

struct SampleOutcome {
    JobSample sample;
    QString error;
};

} // namespace

JobSampleDialog::JobSampleDialog(const QString &jobPath, const QString &jobName, QWidget *parent)
    : QDialog(parent)
    , m_model(new JobSampleModel(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("jobSampleDialog"));
    setWindowTitle(tr("First rows of %1").arg(jobName));
    m_view->setModel(m_model);
    m_view->setTabKeyNavigation(false);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setDefaultSectionSize(140);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(jobPath)));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(900, 480);

    auto *watcher = new QFutureWatcher<SampleOutcome>(this);
    connect(watcher, &QFutureWatcher<SampleOutcome>::finished, this, [this, watcher, jobPath] {
        const SampleOutcome outcome = watcher->result();
        watcher->deleteLater();
        if (!outcome.error.isEmpty()) {
            m_status->setText(tr("The load could not read this file either: %1").arg(outcome.error));
        } else {
            m_model->setSample(outcome.sample);
            m_view->resizeColumnsToContents();
            for (int c = 0; c < m_model->columnCount(); ++c)
                m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), 320));
            const QString rows = countOf(outcome.sample.rows.size(), tr("row"), tr("rows"));
            m_status->setText(
                outcome.sample.more
                    ? tr("The first %1 of %2, as the load reads them (there are more)")
                          .arg(rows, QDir::toNativeSeparators(jobPath))
                    : tr("All %1 of %2, as the load reads them").arg(rows, QDir::toNativeSeparators(jobPath)));
        }
        emit sampleRead(outcome.error);
    });
    // A gzip file is inflated to read it: never on the GUI thread.
    watcher->setFuture(QtConcurrent::run([jobPath] {
        SampleOutcome outcome;
        try {
            outcome.sample = readJobSample(jobPath, kRows);
        } catch (const Error &e) {
            outcome.error = e.fullText();
        }
        return outcome;
    }));
}

QString JobSampleDialog::statusText() const
{
    return m_status->text();
}

} // namespace wharf::ui
