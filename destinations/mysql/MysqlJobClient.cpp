#include "MysqlJobClient.h"

#include "Error.h"
#include "MysqlRowStream.h"
#include "MysqlTypeMapper.h"
#include "sql/MergeSql.h"

namespace wharf::mysql {

MysqlJobClient::MysqlJobClient(Capabilities caps, MysqlConnectParams params, const QString &dataset, CsvFormat csv)
    : SqlJobClient(std::make_unique<MysqlConnection>(caps, std::move(params), dataset),
                   std::make_unique<MysqlTypeMapper>(caps.decimalPrecision, caps.decimalScale, caps.weiPrecision,
                                                     caps.weiScale, caps.timestampPrecision),
                   false) // as dlt's sqlalchemy destination: no UNIQUE constraints unless asked
    , m_csv(std::move(csv))
{}

MysqlConnection &MysqlJobClient::connection()
{
    return static_cast<MysqlConnection &>(*m_sql);
}

QString MysqlJobClient::ledgerTable() const
{
    return m_sql->qualifiedTableName(ledgerDatabase(), QStringLiteral("job_ledger"));
}

void MysqlJobClient::createLedgerHome()
{
    m_sql->execute(QStringLiteral("CREATE DATABASE IF NOT EXISTS %1 CHARACTER SET utf8mb4")
                       .arg(m_sql->quoteIdentifier(ledgerDatabase())));
}

void MysqlJobClient::prepareLedger()
{
    open();
    createLedgerHome();
    const auto id = [this](const char *n) { return m_sql->escapeIdentifier(QLatin1String(n)); };
    // The keys compare byte for byte: the server's default collation ignores case (and, on
    // MySQL 8, accents), so that `Orders.followup.0` would pass for `orders.followup.0` and one
    // table's merge would be skipped as done, and a dataset `Sales` would forget `sales`'s rows.
    const QString key = QStringLiteral(" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL");
    m_sql->execute(QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (%2 VARCHAR(64)%7, %3 VARCHAR(64)%7, "
                                  "%4 VARCHAR(512)%7, %5 BIGINT NOT NULL, "
                                  "%6 TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (%2, %3, %4)) "
                                  "ENGINE = InnoDB")
                       .arg(ledgerTable(), id("dataset_name"), id("load_id"), id("job_key"), id("row_count"),
                            id("recorded_at"), key));
    // A ledger made before (by Wharf 2026-12-05 or older) gets the same collation.
    const auto collations = m_sql->query(
        QStringLiteral("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND "
                       "COLUMN_NAME IN ('dataset_name', 'load_id', 'job_key') AND COLLATION_NAME <> 'utf8mb4_bin'"),
        {ledgerDatabase(), QStringLiteral("job_ledger")});
    if (!collations.isEmpty() && collations.first().value(0).toLongLong() > 0)
        m_sql->execute(QStringLiteral("ALTER TABLE %1 MODIFY %2 VARCHAR(64)%5, MODIFY %3 VARCHAR(64)%5, "
                                      "MODIFY %4 VARCHAR(512)%5")
                           .arg(ledgerTable(), id("dataset_name"), id("load_id"), id("job_key"), key));
}

void MysqlJobClient::recordInLedger(const QString &loadId, const QString &key, qint64 rows)
{
    requireLedgerTransaction(loadId, key);
    const auto id = [this](const char *n) { return m_sql->escapeIdentifier(QLatin1String(n)); };
    m_sql->execute(QStringLiteral("INSERT IGNORE INTO %1 (%2, %3, %4, %5) VALUES (?, ?, ?, ?)")
                       .arg(ledgerTable(), id("dataset_name"), id("load_id"), id("job_key"), id("row_count")),
                   {m_sql->datasetName(), loadId, key, rows});
    if (connection().affectedRows() != 1)
        throw AlreadyRecorded(QStringLiteral("job %1 of load %2 is already loaded into dataset %3 (the job ledger has "
                                             "it); this attempt was rolled back")
                                  .arg(key, loadId, m_sql->datasetName()));
}

JobResult MysqlJobClient::runJob(const JobContext &ctx)
{
    open();
    MysqlConnection &db = connection();
    const Table &table = *ctx.table;
    const QString path = ctx.file.path;
    const FileFormat format = ctx.file.name.format;
    if (format != FileFormat::Csv && format != FileFormat::InsertValues && format != FileFormat::Jsonl &&
        format != FileFormat::TypedJsonl)
        throw Error(ErrorKind::Terminal,
                    QStringLiteral("MySQL cannot load files of format '%1'").arg(ctx.file.name.formatName),
                    SourceLocation{path, 0, 0, {}});
    const QString encoding = m_csv.encoding.toLower().remove(QLatin1Char('-'));
    if (format == FileFormat::Csv && encoding != QLatin1String("utf8"))
        throw Error(ErrorKind::Terminal,
                    QStringLiteral("csv_format.encoding is '%1', but the MySQL destination reads csv files as UTF-8 "
                                   "only")
                        .arg(m_csv.encoding),
                    SourceLocation{path, 0, 0, {}});

    ReaderOptions options;
    options.tableColumns = table.completeColumnNames();
    options.csv = m_csv;
    auto reader = openRowReader(path, format, options);

    Coercer::Options copts;
    copts.emptyIsNull = format == FileFormat::Csv;
    copts.nativeBool = false;                  // BOOL is TINYINT(1): 0 and 1
    copts.temporal = TemporalStyle::SqliteUtc; // `YYYY-MM-DD HH:MM:SS.ffffff`, what DATETIME reads
    copts.base64Binary = format == FileFormat::Jsonl;
    copts.pythonJson = true; // as SQLAlchemy's JSON type writes it
    std::vector<Coercer> coercers;
    std::vector<bool> binary;
    QStringList targets, assignments;
    const QStringList fileColumns = reader->columns();
    for (int k = 0; k < fileColumns.size(); ++k) {
        const QString &name = fileColumns[k];
        const Column *col = table.column(name);
        if (!col || !col->isComplete())
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("column %1 is not a column of table %2 in the schema").arg(name, table.name),
                        SourceLocation{path, 1, 0, name});
        coercers.emplace_back(*col, copts);
        const bool isBinary = col->dataType == DataType::Binary;
        binary.push_back(isBinary);
        if (isBinary) {
            const QString var = QStringLiteral("@wharf_hex_%1").arg(k);
            targets.append(var);
            assignments.append(QStringLiteral("%1 = UNHEX(%2)").arg(db.escapeIdentifier(name), var));
        } else {
            targets.append(db.escapeIdentifier(name));
        }
    }
    // The file name is only a label: the connection answers the server's request with this
    // job's rows, whatever name it asks for (MysqlConnection's infile callbacks).
    QString sql = QStringLiteral("LOAD DATA LOCAL INFILE 'wharf-job' INTO TABLE %1 CHARACTER SET utf8mb4 "
                                 "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (%2)")
                      .arg(db.qualifiedTableName(table.name), targets.join(QStringLiteral(", ")));
    if (!assignments.isEmpty())
        sql += QStringLiteral(" SET ") + assignments.join(QStringLiteral(", "));

    MysqlRowStream stream(ctx, std::move(reader), std::move(coercers), std::move(binary));
    const InfileSource source = [&stream](char *buffer, unsigned size) { return stream.fill(buffer, size); };
    JobResult result;
    inTransaction(db, [&] {
        qint64 loaded = 0;
        try {
            loaded = db.loadLocalInfile(sql, source);
        } catch (const Error &) {
            if (stream.error())
                std::rethrow_exception(stream.error()); // the file's own error, with its line
            throw;
        }
        // LOCAL makes the server skip rows and adjust values with a warning instead of failing
        // (it cannot stop the client's upload): a warning or a row count that differs means the
        // table would not hold the file's rows, so the job fails and rolls back. (Notes, such as
        // a decimal rounded to its column's scale, are off in the session.)
        if (const unsigned count = db.warningCount(); count > 0) {
            const QStringList shown = db.warnings(5);
            Error e(ErrorKind::Terminal,
                    QStringLiteral("MySQL changed or skipped values while loading %1; nothing of this job was kept: "
                                   "%3%2")
                        .arg(ctx.file.name.fileName())
                        .arg(count > 5 ? QStringLiteral("; and %1 more").arg(count - 5) : QString())
                        .arg(shown.join(QStringLiteral("; "))),
                    SourceLocation{path, 0, 0, {}});
            e.statement = sql;
            throw e;
        }
        if (loaded != stream.rows())
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("MySQL stored %1 of the %2 rows of %3; nothing of this job was kept")
                            .arg(loaded)
                            .arg(stream.rows())
                            .arg(ctx.file.name.fileName()),
                        SourceLocation{path, 0, 0, {}});
        result.rows = loaded;
        if (ctx.beforeCommit)
            ctx.beforeCommit(*this, result.rows);
    });
    return result;
}

} // namespace wharf::mysql
