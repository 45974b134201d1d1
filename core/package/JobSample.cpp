#include "package/JobSample.h"

#include "Error.h"
#include "formats/RowReader.h"
#include "package/JobFileName.h"
#include "package/LoadPackage.h"

#include <QDir>
#include <QFileInfo>

namespace wharf {

namespace {

QVariant cellOf(const Value &v)
{
    switch (v.kind) {
    case ValueKind::Null:
        return {};
    case ValueKind::Bool:
        return v.b;
    case ValueKind::Int:
        return qlonglong(v.i);
    case ValueKind::Double:
        // Exact digits as written when the file had them.
        return v.text.empty() ? QVariant(v.d) : QVariant(QString::fromStdString(v.text));
    case ValueKind::Binary:
        return QString::fromLatin1(QByteArray::fromStdString(v.text).toHex());
    default:
        return QString::fromStdString(v.text);
    }
}

} // namespace

JobSample readJobSample(const QString &jobPath, int limit)
{
    const QFileInfo file(jobPath);
    const JobFileName name = JobFileName::parse(file.fileName());
    // <package>/<new_jobs|started_jobs|completed_jobs|failed_jobs>/<file>
    const QString packageDir = QFileInfo(file.absolutePath()).absolutePath();
    ReaderOptions options;
    options.batchRows = std::size_t(std::max(1, limit));
    const Schema schema = LoadPackage::open(packageDir).loadSchema();
    if (const Table *table = schema.table(name.table))
        options.tableColumns = table->completeColumnNames();
    const auto reader = openRowReader(jobPath, name.format, options);
    JobSample sample;
    sample.columns = reader->columns();
    RowBatch batch;
    while (sample.rows.size() < limit && reader->readBatch(batch)) {
        for (std::size_t r = 0; r < batch.rowCount(); ++r) {
            if (sample.rows.size() >= limit) {
                sample.more = true;
                return sample;
            }
            QVariantList row;
            row.reserve(qsizetype(batch.columnCount()));
            for (std::size_t c = 0; c < batch.columnCount(); ++c)
                row.append(cellOf(batch.at(r, c)));
            sample.rows.append(row);
        }
    }
    if (!sample.more && sample.rows.size() >= limit)
        sample.more = reader->readBatch(batch) && batch.rowCount() > 0;
    sample.columns = reader->columns(); // csv without a header: known once a record was read
    return sample;
}

} // namespace wharf
