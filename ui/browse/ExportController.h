#pragma once

#include "TableExportJob.h"

#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

namespace wharf::ui {

/// Export all rows of a grid (a table, a filtered view, a console query) to CSV, TSV or JSON
/// lines, for any panel: asks for the file, runs a TableExportJob (its own thread and
/// connection), shows a window-modal progress dialog with Cancel, and says how it ended.
class ExportController : public QObject {
    Q_OBJECT
public:
    explicit ExportController(QWidget *parent);

    TableExportJob *job() const { return m_job; }
    /// Resolves destination `name` on the export's thread, from the configuration as it is then.
    static TableExportJob::Resolver resolverFor(const QString &name);
    bool isRunning() const { return m_job->isRunning(); }

    /// Asks for a file (named after `name`), then exports `request` to it.
    void ask(const QString &name, const TableExportJob::Resolver &resolve, const wharf::PageRequest &request,
             qint64 estimatedRows);
    /// Asks for a folder, then writes `request` there as a dlt load package named after `name`
    /// (insert_values; `columns` give the dlt types).
    void askPackage(const QString &name, const TableExportJob::Resolver &resolve, const wharf::PageRequest &request,
                    const QList<wharf::BrowserColumn> &columns, qint64 estimatedRows);
    /// Writes `request` as a dlt load package under `folder` now; false when an export is running.
    bool exportPackageTo(const QString &folder, const QString &name, const TableExportJob::Resolver &resolve,
                         const wharf::PageRequest &request, const QList<wharf::BrowserColumn> &columns,
                         qint64 estimatedRows);
    /// Exports `request` to `path` in `format` now; false when an export is running.
    bool exportTo(const QString &path, wharf::ExportFormat format, const QString &name,
                  const TableExportJob::Resolver &resolve, const wharf::PageRequest &request, qint64 estimatedRows);

signals:
    /// `message` says it in words ("Exported 100 rows to …", "Export cancelled; …").
    void finished(qint64 rows, const QString &error, bool cancelled, const QString &message);

private:
    void showProgress(const QString &name, qint64 estimatedRows);

    QWidget *m_parent;
    TableExportJob *m_job;
    QPointer<QProgressDialog> m_progress;
    QString m_path;
};

} // namespace wharf::ui
