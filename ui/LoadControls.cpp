#include "LoadControls.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

namespace wharf::ui {

namespace {

/// A push button that mirrors an action (text, enabled state, tooltip) and triggers it.
QPushButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QPushButton(action->text(), parent);
    const auto sync = [button, action] {
        button->setText(action->text());
        button->setEnabled(action->isEnabled());
        button->setToolTip(
            QStringLiteral("%1 (%2)").arg(action->toolTip(), action->shortcut().toString(QKeySequence::NativeText)));
    };
    sync();
    QObject::connect(action, &QAction::changed, button, sync);
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
    return button;
}

QString rateText(qint64 rows, double rowsPerSecond, qint64 elapsedMs)
{
    const QLocale locale;
    return QObject::tr("%1 rows · %2 rows/s · %3 s")
        .arg(locale.toString(rows), locale.toString(qRound64(rowsPerSecond)),
             locale.toString(double(elapsedMs) / 1000.0, 'f', 1));
}

} // namespace

LoadControls::LoadControls(QAction *runAction, QAction *cancelAction, QWidget *parent)
    : QWidget(parent)
    , m_run(buttonFor(runAction, this))
    , m_cancel(buttonFor(cancelAction, this))
    , m_progress(new QProgressBar(this))
    , m_rate(new QLabel(this))
{
    m_run->setObjectName(QStringLiteral("runButton"));
    m_run->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Idle"));
    m_progress->setTextVisible(true);
    m_rate->setObjectName(QStringLiteral("loadRate"));
    m_rate->setMinimumWidth(m_rate->fontMetrics().horizontalAdvance(rateText(1000000, 100000, 100000)));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_run);
    layout->addWidget(m_cancel);
    layout->addWidget(m_progress, 1);
    layout->addWidget(m_rate);
}

void LoadControls::started(int jobsTotal)
{
    m_progress->setRange(0, std::max(1, jobsTotal));
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m jobs"));
    m_rate->setText(tr("starting…"));
}

void LoadControls::showProgress(const LoadProgress &progress)
{
    m_progress->setRange(0, std::max(1, progress.jobsTotal));
    m_progress->setValue(progress.jobsDone);
    m_rate->setText(rateText(progress.rows, progress.rowsPerSecond(), progress.elapsedMs));
}

void LoadControls::finished(const PackageResult &result)
{
    m_progress->setRange(0, std::max(1, result.jobsTotal));
    m_progress->setValue(result.jobsCompleted + int(result.failedJobs.size()));
    const double perSecond = result.elapsedMs > 0 ? double(result.rows) * 1000.0 / double(result.elapsedMs) : 0.0;
    m_rate->setText(rateText(result.rows, perSecond, result.elapsedMs));
}

} // namespace wharf::ui
