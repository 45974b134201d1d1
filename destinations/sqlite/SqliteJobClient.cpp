#include "SqliteJobClient.h"
#include "SqliteRowInserter.h"

#include "Error.h"
#include "SqliteTypeMapper.h"
#include "formats/RowReader.h"
#include "formats/TextScan.h"
#include "load/Coerce.h"

#include <QFileInfo>
#include <QHash>
#include <sqlite3.h>
#include <vector>

namespace wharf::sqlite {

SqliteJobClient::SqliteJobClient(Capabilities caps, const QString &databasePath, const QString &dataset, CsvFormat csv)
    : SqlJobClient(std::make_unique<SqliteConnection>(std::move(caps), databasePath, dataset),
                   std::make_unique<SqliteTypeMapper>(), false)
    , m_csv(std::move(csv))
{}

QString SqliteJobClient::ledgerTable() const
{
    // An in-memory database dies with its connection: nothing to resume, nothing to record.
    if (static_cast<const SqliteConnection &>(*m_sql).databasePath() == QLatin1String(":memory:"))
        return {};
    return QStringLiteral("main.") + m_sql->escapeIdentifier(ledgerTableName());
}

SqliteConnection &SqliteJobClient::connection()
{
    return static_cast<SqliteConnection &>(*m_sql);
}

SchemaSyncPreview SqliteJobClient::previewSchemaSync(const Schema &schema, const QStringList &tables)
{
    const auto &sqlite = static_cast<const SqliteConnection &>(*m_sql);
    const QString path = sqlite.databasePath();
    if (path != QLatin1String(":memory:") &&
        (!QFileInfo::exists(path) || !QFileInfo::exists(SqliteConnection::datasetFile(path, m_sql->datasetName()))))
        return previewWith(schema, tables, false);
    return SqlJobClient::previewSchemaSync(schema, tables);
}

JobResult SqliteJobClient::runJob(const JobContext &ctx)
{
    open();
    SqliteConnection &db = connection();
    const Table &table = *ctx.table;
    const QString path = ctx.file.path;

    // SQLite text is UTF-8 and the csv reader reads UTF-8: another encoding would be stored as
    // bytes that are not text. Said instead of done wrong.
    const QString encoding = m_csv.encoding.toLower().remove(QLatin1Char('-'));
    if (ctx.file.name.format == FileFormat::Csv && encoding != QLatin1String("utf8"))
        throw Error(ErrorKind::Terminal,
                    QStringLiteral("csv_format.encoding is '%1', but the SQLite destination reads csv files as UTF-8 "
                                   "only")
                        .arg(m_csv.encoding),
                    SourceLocation{path, 0, 0, {}});
    ReaderOptions options;
    options.tableColumns = table.completeColumnNames();
    options.csv = m_csv;
    auto reader = openRowReader(path, ctx.file.name.format, options);

    // Map the file's columns onto the table's; a column the schema doesn't know is an error
    // naming the file and the field.
    const QStringList fileColumns = reader->columns();
    std::vector<Coercer> coercers;
    coercers.reserve(std::size_t(fileColumns.size()));
    Coercer::Options copts;
    copts.emptyIsNull = ctx.file.name.format == FileFormat::Csv;
    copts.nativeBool = false;
    copts.temporal = TemporalStyle::SqliteUtc;
    copts.base64Binary = ctx.file.name.format == FileFormat::Jsonl;
    copts.ignoreTemporalPrecision = true; // as dlt's sqlalchemy destination
    copts.pythonJson = true;
    QStringList quoted;
    for (const auto &name : fileColumns) {
        const Column *col = table.column(name);
        if (!col || !col->isComplete())
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("column %1 is not a column of table %2 in the schema").arg(name, table.name),
                        SourceLocation{path, 1, 0, name});
        coercers.emplace_back(*col, copts);
        quoted.append(db.escapeIdentifier(name));
    }
    SqliteRowInserter inserter(db, db.qualifiedTableName(table.name), quoted, std::move(coercers), path);

    JobResult result;
    RowBatch batch;
    inTransaction(db, [&] {
        while (reader->readBatch(batch)) {
            if (ctx.cancel)
                ctx.cancel->check();
            inserter.insert(batch);
            result.rows += qint64(batch.rowCount());
            if (ctx.progress)
                ctx.progress(result.rows, reader->bytesConsumed());
        }
        if (ctx.beforeCommit)
            ctx.beforeCommit(*this, result.rows);
    });
    return result;
}

} // namespace wharf::sqlite
