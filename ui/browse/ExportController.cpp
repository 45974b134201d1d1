#include "browse/ExportController.h"

#include "common/Counts.h"
#include "config/ConfigResolver.h"

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
        const QString written = QDir::toNativeSeparators(m_job->written());
        QString what;
        if (cancelled)
            what = tr("Export cancelled; nothing was written");
        else if (!error.isEmpty())
            what = tr("Export failed: %1").arg(error.section(QLatin1Char('\n'), 0, 0));
        else if (QFileInfo(m_job->written()).isDir())
            what = tr("Exported %1 as the dlt load package %2").arg(countOf(rows, tr("row"), tr("rows")), written);
        else
            what = tr("Exported %1 to %2").arg(countOf(rows, tr("row"), tr("rows")), written);
        emit finished(rows, error, cancelled, what);
    });
}

TableExportJob::Resolver ExportController::resolverFor(const QString &name)
{
    return [name] { return ResolvedDestination::resolve(ConfigResolver(ConfigLocations::defaults()), name); };
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
    showProgress(name, estimatedRows);
    return true;
}

void ExportController::showProgress(const QString &name, qint64 estimatedRows)
{
    // Window-modal, opened (the event loop and the panel keep running), with Cancel.
    m_progress =
        new QProgressDialog(tr("Exporting %1…").arg(name), tr("Cancel"), 0,
                            int(std::clamp<qint64>(estimatedRows, 0, std::numeric_limits<int>::max())), m_parent);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setMinimumDuration(300);
    connect(m_progress, &QProgressDialog::canceled, m_job, &TableExportJob::cancel);
    m_progress->open();
}

void ExportController::askPackage(const QString &name, const TableExportJob::Resolver &resolve,
                                  const PageRequest &request, const QList<BrowserColumn> &columns, qint64 estimatedRows)
{
    if (m_job->isRunning())
        return;
    auto *dialog = new QFileDialog(m_parent, tr("Export %1 as a dlt load package into…").arg(name), QDir::homePath());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, [=, this](const QString &folder) {
        exportPackageTo(folder, name, resolve, request, columns, estimatedRows);
    });
    dialog->open();
}

bool ExportController::exportPackageTo(const QString &folder, const QString &name,
                                       const TableExportJob::Resolver &resolve, const PageRequest &request,
                                       const QList<BrowserColumn> &columns, qint64 estimatedRows)
{
    PackageExportOptions options;
    options.parentDir = folder;
    options.tableName = name;
    options.datasetName = request.dataset; // loaded elsewhere, into a dataset of the same name
    if (!m_job->startPackage(resolve, request, columns, options))
        return false;
    showProgress(name, estimatedRows);
    return true;
}

} // namespace wharf::ui
