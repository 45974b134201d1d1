#include "TemplateJobClient.h"

#include "Error.h"
#include "TemplateConnection.h"
#include "TemplateTypeMapper.h"
#include "formats/RowReader.h"
#include "load/Coerce.h"

#include <vector>

namespace wharf::templ {

TemplateJobClient::TemplateJobClient(Capabilities caps, const ResolvedConfig &config, const QString &dataset)
    : SqlJobClient(std::make_unique<TemplateConnection>(caps, config, dataset), std::make_unique<TemplateTypeMapper>(),
                   true)
{}

JobResult TemplateJobClient::runJob(const JobContext &ctx)
{
    open();
    ReaderOptions options;
    options.tableColumns = ctx.table->completeColumnNames();
    auto reader = openRowReader(ctx.file.path, ctx.file.name.format, options);
    std::vector<Coercer> coercers;
    for (const QString &name : reader->columns()) {
        const Column *column = ctx.table->column(name);
        if (!column)
            throw Error(ErrorKind::Terminal, QStringLiteral("column %1 is not in table %2").arg(name, ctx.table->name),
                        SourceLocation{ctx.file.path, 1, 0, name});
        coercers.emplace_back(*column, Coercer::Options{});
    }
    JobResult result;
    RowBatch batch;
    inTransaction(*m_sql, [&] {
        while (reader->readBatch(batch)) {
            if (ctx.cancel)
                ctx.cancel->check();
            for (std::size_t r = 0; r < batch.rowCount(); ++r) {
                const Value *row = batch.row(r);
                for (std::size_t c = 0; c < batch.columnCount(); ++c) {
                    const Cell cell = coercers[c].convert(row[c]);
                    (void)cell; // TODO: hand the cell to the database's bulk load (COPY, LOAD DATA, ...)
                }
            }
            result.rows += qint64(batch.rowCount());
            if (ctx.progress)
                ctx.progress(result.rows, reader->bytesConsumed());
        }
        if (ctx.beforeCommit)
            ctx.beforeCommit(*this, result.rows);
    });
    return result;
}

} // namespace wharf::templ
