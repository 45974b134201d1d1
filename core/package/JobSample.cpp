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

namespace {

// A reader of the job file as the load opens it: the format from the name, the table's
// columns from the package's schema (<package>/<jobs folder>/<file>).
std::unique_ptr<RowReader> openJobReader(const QString &jobPath, std::size_t batchRows)
{
    const QFileInfo file(jobPath);
    const JobFileName name = JobFileName::parse(file.fileName());
    const QString packageDir = QFileInfo(file.absolutePath()).absolutePath();
    ReaderOptions options;
    options.batchRows = batchRows;
    const Schema schema = LoadPackage::open(packageDir).loadSchema();
    if (const Table *table = schema.table(name.table))
        options.tableColumns = table->completeColumnNames();
    return openRowReader(jobPath, name.format, options);
}

} // namespace

qint64 countJobRows(const QString &jobPath, const std::function<bool()> &keepGoing)
{
    const auto reader = openJobReader(jobPath, 4096);
    RowBatch batch;
    qint64 rows = 0;
    while (reader->readBatch(batch)) {
        rows += qint64(batch.rowCount());
        if (keepGoing && !keepGoing())
            throw Error(ErrorKind::Cancelled, QStringLiteral("counting the rows of %1 was stopped").arg(jobPath));
    }
    return rows;
}

JobSample readJobSample(const QString &jobPath, int limit)
{
    const auto reader = openJobReader(jobPath, std::size_t(std::max(1, limit)));
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
