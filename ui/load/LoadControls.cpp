#include "load/LoadControls.h"

#include "load/ThroughputChart.h"

#include "common/Counts.h"
#include "common/ElidedLabel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace wharf::ui {

namespace {

/// A push button that mirrors an action (text, enabled state, tooltip) and triggers it.
QPushButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QPushButton(action->text(), parent);
    const auto sync = [button, action] {
        button->setText(action->text());
        button->setEnabled(action->isEnabled());
        button->setVisible(action->isVisible()); // an action only for some packages (Load a copy)
        const QString keys = action->shortcut().toString(QKeySequence::NativeText);
        button->setToolTip(keys.isEmpty() ? action->toolTip() : QStringLiteral("%1 (%2)").arg(action->toolTip(), keys));
    };
    sync();
    QObject::connect(action, &QAction::changed, button, sync);
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
    return button;
}

QString rateText(double rowsPerSecond, const std::optional<qint64> &etaMs)
{
    return QObject::tr("%1 rows/s · ETA %2")
        .arg(QLocale().toString(qRound64(rowsPerSecond)),
             etaMs ? ProgressEstimator::formatDuration(*etaMs) : QStringLiteral("…"));
}

QString barText(int jobsDone, int jobsTotal, qint64 rows)
{
    const QLocale locale;
    // %p is the bar's own percentage; the rest is literal (no other '%' in it).
    return QObject::tr("%p% · %1 of %2 · %3")
        .arg(locale.toString(jobsDone), countOf(jobsTotal, QObject::tr("job"), QObject::tr("jobs")),
             countOf(rows, QObject::tr("row"), QObject::tr("rows")));
}

QString endText(const PackageResult &result)
{
    const QString took = ProgressEstimator::formatElapsed(result.elapsedMs);
    const QString rows = countOf(result.rows, QObject::tr("row"), QObject::tr("rows"));
    const QString failed = countOf(result.failedJobs.size(), QObject::tr("failed job"), QObject::tr("failed jobs"));
    const double average = result.elapsedMs > 0 ? double(result.rows) * 1000.0 / double(result.elapsedMs) : 0.0;
    const QString rate = QObject::tr("%1 rows/s on average").arg(QLocale().toString(qRound64(average)));
    switch (result.status) {
    case PackageStatus::Loaded:
        return result.failedJobs.isEmpty() ? QObject::tr("Loaded %1 in %2 · %3").arg(rows, took, rate)
                                           : QObject::tr("Loaded with %1 in %2").arg(failed, took);
    case PackageStatus::Aborted:
        return QObject::tr("Aborted after %1: %2").arg(took, failed);
    case PackageStatus::Incomplete:
        // No average here: a stopped load's rate says nothing. What was loaded stays loaded.
        return (result.error.kind == ErrorKind::Cancelled ? QObject::tr("Cancelled after %1")
                                                          : QObject::tr("Stopped after %1"))
                   .arg(took) +
               (result.rows > 0 ? QObject::tr(" · %1 loaded; Run resumes the rest").arg(rows)
                                : QObject::tr(" · Run starts it again"));
    case PackageStatus::Refused:
        break;
    }
    return QObject::tr("Not loaded");
}

} // namespace

LoadControls::LoadControls(QAction *runAction, QAction *cancelAction, QWidget *parent)
    : QWidget(parent)
    , m_run(buttonFor(runAction, this))
    , m_cancel(buttonFor(cancelAction, this))
    , m_progress(new QProgressBar(this))
    , m_rate(new ElidedLabel(this))
    , m_chart(new ThroughputChart(this))
    , m_buttons(new QHBoxLayout)
{
    m_run->setObjectName(QStringLiteral("runButton"));
    m_run->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(0);
    setBarText(tr("Idle"));
    m_progress->setTextVisible(true);
    m_rate->setObjectName(QStringLiteral("loadRate"));
    // As wide as a running load's longest rate text; longer end texts are cut (the chart and the
    // tooltip say them whole).
    m_rate->setPreferredWidth(m_rate->fontMetrics().horizontalAdvance(rateText(10000000, 36000000)) + 8);
    m_rate->setText(QString()); // the bar says "Idle"; rows/s and ETA appear once a load runs
    m_chart->setMaximumHeight(170);

    m_buttons->setContentsMargins(0, 0, 0, 0);
    m_buttons->addWidget(m_run);
    m_buttons->addWidget(m_cancel);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addLayout(m_buttons);
    row->addWidget(m_progress, 1);
    row->addWidget(m_rate);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_chart);
}

QPushButton *LoadControls::addActionButton(QAction *action)
{
    QPushButton *button = buttonFor(action, this);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    m_buttons->addWidget(button);
    return button;
}

void LoadControls::setBarText(const QString &format)
{
    m_progress->setFormat(format);
    // Wide enough for its text on one line (at 100 %, its widest); the rate label gives way.
    QString widest = format;
    widest.replace(QLatin1String("%p"), QLatin1String("100"));
    m_progress->setMinimumWidth(m_progress->fontMetrics().horizontalAdvance(widest) + 24);
}

void LoadControls::started(int jobsTotal)
{
    m_estimator.reset();
    if (jobsTotal > 0) {
        m_progress->setRange(0, kProgressSteps);
        m_progress->setValue(0);
        setBarText(barText(0, jobsTotal, 0));
    } else {
        m_progress->setRange(0, 0); // busy until the loader reports its totals
    }
    m_rate->setFullText(tr("starting…"));
    m_chart->start();
}

void LoadControls::showProgress(const LoadProgress &progress)
{
    m_estimator.add(progress);
    m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(qRound(m_estimator.fractionDone() * kProgressSteps));
    setBarText(barText(progress.jobsDone, progress.jobsTotal, progress.rows));
    m_rate->setFullText(rateText(m_estimator.rowsPerSecond(), m_estimator.etaMs()));
    m_chart->addSample(progress.elapsedMs, m_estimator.rowsPerSecond());
}

void LoadControls::finished(const PackageResult &result)
{
    const int done = result.jobsCompleted + int(result.failedJobs.size());
    m_progress->setRange(0, kProgressSteps);
    // Full only when the package is loaded; an aborted or stopped one shows how far it got.
    const double fraction = result.jobsTotal > 0 ? double(result.jobsCompleted) / result.jobsTotal : 0.0;
    m_progress->setValue(result.status == PackageStatus::Loaded ? kProgressSteps : qRound(fraction * kProgressSteps));
    setBarText(barText(done, result.jobsTotal, result.rows));
    const QString end = endText(result);
    m_rate->setFullText(end);
    m_chart->finish(result.elapsedMs, m_estimator.isEmpty() ? 0.0 : m_estimator.rowsPerSecond(), end);
}

void LoadControls::showIdle(const QString &note)
{
    m_estimator.reset();
    m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(0);
    setBarText(tr("Idle"));
    m_rate->setFullText(note);
    m_chart->clear();
}

} // namespace wharf::ui
