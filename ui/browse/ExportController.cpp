#include "browse/ExportController.h"

#include "common/Counts.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QProgressDialog>
#include <limits>

namespace wharf::ui {

ExportController::ExportController(QWidget *parent)
    : QObject(parent)
    , m_parent(parent)
    , m_job(new TableExportJob(this))
{
    connect(m_job, &TableExportJob::progressed, this, [this](qint64 rows) {
        if (!m_progress)
            return;
        if (m_progress->maximum() > 0 && rows > m_progress->maximum())
            m_progress->setMaximum(0); // more than estimated: busy, no percentage
        m_progress->setValue(int(std::min<qint64>(rows, std::numeric_limits<int>::max())));
        m_progress->setLabelText(tr("Exporting… %1 written").arg(countOf(rows, tr("row"), tr("rows"))));
    });
    connect(m_job, &TableExportJob::finished, this, [this](qint64 rows, const QString &error, bool cancelled) {
        if (m_progress)
            m_progress->close();
        const QString what =
            cancelled ? tr("Export cancelled; no file was written")
            : error.isEmpty()
                ? tr("Exported %1 to %2").arg(countOf(rows, tr("row"), tr("rows")), QDir::toNativeSeparators(m_path))
                : tr("Export failed: %1").arg(error.section(QLatin1Char('\n'), 0, 0));
        emit finished(rows, error, cancelled, what);
    });
}

void ExportController::ask(const QString &name, const TableExportJob::Resolver &resolve, const PageRequest &request,
                           qint64 estimatedRows)
{
    if (m_job->isRunning())
        return;
    auto *dialog = new QFileDialog(m_parent, tr("Export %1").arg(name), QDir::homePath());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("CSV (*.csv)"), tr("Tab-separated (*.tsv)"), tr("JSON lines (*.jsonl)")});
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->selectFile(name + QStringLiteral(".csv"));
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
        dialog->setDefaultSuffix(filter.section(QStringLiteral("*."), 1).chopped(1));
    });
    connect(dialog, &QFileDialog::fileSelected, this, [=, this](const QString &file) {
        const auto format = exportFormatFromName(QFileInfo(file).suffix()).value_or(ExportFormat::Csv);
        exportTo(file, format, name, resolve, request, estimatedRows);
    });
    dialog->open();
}

bool ExportController::exportTo(const QString &path, ExportFormat format, const QString &name,
                                const TableExportJob::Resolver &resolve, const PageRequest &request,
                                qint64 estimatedRows)
{
    m_path = path;
    if (!m_job->start(resolve, request, format, path))
        return false;
    // Window-modal, opened (the event loop and the panel keep running), with Cancel.
    m_progress =
        new QProgressDialog(tr("Exporting %1…").arg(name), tr("Cancel"), 0,
                            int(std::clamp<qint64>(estimatedRows, 0, std::numeric_limits<int>::max())), m_parent);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setMinimumDuration(300);
    connect(m_progress, &QProgressDialog::canceled, m_job, &TableExportJob::cancel);
    m_progress->open();
    return true;
}

} // namespace wharf::ui
