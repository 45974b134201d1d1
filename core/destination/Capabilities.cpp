#include "destination/Capabilities.h"

namespace wharf {

QString parallelismStrategyName(ParallelismStrategy s)
{
    switch (s) {
    case ParallelismStrategy::Parallel:
        return QStringLiteral("parallel");
    case ParallelismStrategy::TableSequential:
        return QStringLiteral("table-sequential");
    case ParallelismStrategy::Sequential:
        break;
    }
    return QStringLiteral("sequential");
}

static QString yesNo(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

QList<Capabilities::Entry> Capabilities::describe() const
{
    const QString none = QStringLiteral("(none)");
    return {
        {QStringLiteral("preferred_loader_file_format"), preferredLoaderFileFormat,
         QStringLiteral("the format dlt's normalizer writes when it makes packages for this destination (a choice "
                        "for dlt; Wharf loads every format listed below, whichever the package has)")},
        {QStringLiteral("supported_loader_file_formats"), supportedLoaderFileFormats.join(QStringLiteral(", ")),
         QStringLiteral("job file formats the destination loads directly")},
        {QStringLiteral("casefold_identifier"), casefoldLower ? QStringLiteral("lower") : QStringLiteral("identity"),
         QStringLiteral("applied to identifiers before quoting")},
        {QStringLiteral("has_case_sensitive_identifiers"), yesNo(hasCaseSensitiveIdentifiers),
         QStringLiteral("identifiers differing only by case can coexist")},
        {QStringLiteral("decimal_precision"), QStringLiteral("(%1, %2)").arg(decimalPrecision).arg(decimalScale),
         QStringLiteral("default precision and scale of decimal columns")},
        {QStringLiteral("wei_precision"), QStringLiteral("(%1, %2)").arg(weiPrecision).arg(weiScale),
         QStringLiteral("precision and scale of wei columns")},
        {QStringLiteral("max_identifier_length"), QString::number(maxIdentifierLength),
         QStringLiteral("longest table or dataset name")},
        {QStringLiteral("max_column_identifier_length"), QString::number(maxColumnIdentifierLength),
         QStringLiteral("longest column name")},
        {QStringLiteral("max_query_length"), QString::number(maxQueryLength),
         QStringLiteral("longest SQL text sent at once")},
        {QStringLiteral("max_text_data_type_length"), QString::number(maxTextDataTypeLength),
         QStringLiteral("schema JSON above this is stored compressed in _dlt_version")},
        {QStringLiteral("supports_transactions"), yesNo(supportsTransactions),
         QStringLiteral("jobs run inside a transaction")},
        {QStringLiteral("supports_ddl_transactions"), yesNo(supportsDdlTransactions),
         QStringLiteral("schema changes run inside a transaction")},
        {QStringLiteral("alter_add_multi_column"), yesNo(alterAddMultiColumn),
         QStringLiteral("one ALTER TABLE adds several columns")},
        {QStringLiteral("supports_truncate_command"), yesNo(supportsTruncateCommand),
         QStringLiteral("TRUNCATE TABLE instead of DELETE FROM")},
        {QStringLiteral("supports_multiple_statements"), yesNo(supportsMultipleStatements),
         QStringLiteral("several statements can be sent in one call")},
        {QStringLiteral("supports_native_boolean"), yesNo(supportsNativeBoolean),
         QStringLiteral("booleans are stored natively (else as 0/1)")},
        {QStringLiteral("timestamp_precision"), QString::number(timestampPrecision),
         QStringLiteral("default fractional second digits")},
        {QStringLiteral("max_rows_per_insert"), maxRowsPerInsert ? QString::number(maxRowsPerInsert) : none,
         QStringLiteral("rows per INSERT statement, used only where rows are sent as INSERT statements "
                        "(PostgreSQL with load_method = \"insert\"); COPY and LOAD DATA ignore it")},
        {QStringLiteral("max_parallel_load_jobs"), maxParallelLoadJobs ? QString::number(maxParallelLoadJobs) : none,
         QStringLiteral("cap on jobs running at once")},
        {QStringLiteral("loader_parallelism_strategy"), parallelismStrategyName(parallelismStrategy),
         QStringLiteral("parallel, table-sequential or sequential")},
        {QStringLiteral("supported_merge_strategies"), supportedMergeStrategies.join(QStringLiteral(", ")),
         QStringLiteral("merge strategies this destination runs (as dlt names them); the first is the default")},
        {QStringLiteral("supported_replace_strategies"), supportedReplaceStrategies.join(QStringLiteral(", ")),
         QStringLiteral("replace strategies this destination runs (as dlt names them); the first is the default")},
    };
}

} // namespace wharf
