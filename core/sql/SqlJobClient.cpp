#include "sql/SqlJobClient.h"

#include "Error.h"
#include "sql/DdlBuilder.h"
#include "sql/MergeSql.h"
#include "sql/ReplaceSql.h"

#include <QUuid>

#include <QDateTime>
#include <QJsonArray>
#include <zlib.h>

namespace wharf {

SqlJobClient::SqlJobClient(std::unique_ptr<SqlClient> sql, std::unique_ptr<TypeMapper> types, bool createIndexes)
    : m_sql(std::move(sql))
    , m_types(std::move(types))
    , m_createIndexes(createIndexes)
{}

void SqlJobClient::open()
{
    // Always asked: a connection that the server closed while it idled is replaced here.
    m_sql->open();
}

void SqlJobClient::close()
{
    m_sql->close();
}

void SqlJobClient::cancel()
{
    m_sql->cancel();
}

bool SqlJobClient::isSchemaStored(const QString &versionHash)
{
    try {
        const auto rows =
            m_sql->query(QStringLiteral("SELECT %1 FROM %2 WHERE %1 = %3")
                             .arg(m_sql->escapeIdentifier(QStringLiteral("version_hash")),
                                  m_sql->qualifiedTableName(QStringLiteral("_dlt_version")), m_sql->placeholder(0)),
                         {versionHash});
        return !rows.isEmpty();
    } catch (const UndefinedRelation &) {
        return false;
    }
}

QByteArray SqlJobClient::encodeStoredSchema(const QByteArray &json, qint64 maxTextLength)
{
    if (json.size() <= maxTextLength)
        return json;
    uLongf size = compressBound(uLong(json.size()));
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    if (compress2(reinterpret_cast<Bytef *>(out.data()), &size, reinterpret_cast<const Bytef *>(json.constData()),
                  uLong(json.size()), 9) != Z_OK)
        throw Error(ErrorKind::Internal, QStringLiteral("cannot compress the schema"));
    out.resize(qsizetype(size));
    return out.toBase64();
}

static QJsonObject describeColumn(const Column &c)
{
    QJsonObject o;
    o[QStringLiteral("name")] = c.name;
    if (c.dataType)
        o[QStringLiteral("data_type")] = dataTypeName(*c.dataType);
    o[QStringLiteral("nullable")] = c.nullable;
    if (c.precision)
        o[QStringLiteral("precision")] = *c.precision;
    if (c.scale)
        o[QStringLiteral("scale")] = *c.scale;
    if (c.unique)
        o[QStringLiteral("unique")] = true;
    if (c.rowKey)
        o[QStringLiteral("row_key")] = true;
    if (c.parentKey)
        o[QStringLiteral("parent_key")] = true;
    if (c.rootKey)
        o[QStringLiteral("root_key")] = true;
    if (c.primaryKey)
        o[QStringLiteral("primary_key")] = true;
    return o;
}

QList<std::pair<const Table *, TableUpdate>> SqlJobClient::pendingUpdates(const Schema &schema,
                                                                          const QStringList &tables, bool datasetExists)
{
    QList<const Table *> wanted;
    if (tables.isEmpty()) {
        for (const auto &t : schema.tables)
            wanted.append(&t);
    } else {
        for (const auto &name : tables)
            if (const Table *t = schema.table(name))
                wanted.append(t);
    }
    QStringList names;
    for (const Table *t : wanted)
        names.append(t->name);
    // A dataset that does not exist yet has no columns to ask the catalog for: all is new.
    const auto existing = datasetExists ? m_sql->existingColumns(names) : QMap<QString, QStringList>();
    const bool folded = m_sql->capabilities().casefoldLower;
    QList<std::pair<const Table *, TableUpdate>> out;
    for (const Table *t : wanted) {
        const auto it = existing.constFind(folded ? t->name.toLower() : t->name);
        const QStringList have = it == existing.constEnd() ? QStringList() : *it;
        if (auto update = computeTableUpdate(*t, have, folded))
            out.append({t, *update});
    }
    return out;
}

SchemaSyncPreview SqlJobClient::previewSchemaSync(const Schema &schema, const QStringList &tables)
{
    open();
    return previewWith(schema, tables, m_sql->hasDataset());
}

SchemaSyncPreview SqlJobClient::previewWith(const Schema &schema, const QStringList &tables, bool datasetExists)
{
    SchemaSyncPreview preview;
    preview.known = true;
    preview.datasetExists = datasetExists;
    if (datasetExists && !schema.versionHash.isEmpty() && isSchemaStored(schema.versionHash)) {
        preview.schemaStored = true;
        return preview;
    }
    DdlBuilder ddl(*m_sql, *m_types, m_createIndexes);
    // As a load would run it: a new table gets its constraints after its rows (deferIndexes).
    const bool afterRows = canDeferIndexes();
    for (const auto &[t, update] : pendingUpdates(schema, tables, datasetExists)) {
        preview.updates.append(update);
        const bool defer = afterRows && !update.exists && ddl.hasIndexes(*t);
        preview.statements += ddl.statements(update, *t, !defer);
        if (defer)
            preview.afterRows += ddl.indexStatements(*t);
    }
    return preview;
}

SchemaSyncResult SqlJobClient::syncSchema(const Schema &schema, const QStringList &tables)
{
    open();
    SchemaSyncResult result;
    if (!m_sql->hasDataset()) {
        try {
            m_sql->createDataset();
        } catch (const Error &) {
            // Another loader created it since hasDataset() said no: fine if it is there now.
            if (!m_sql->hasDataset())
                throw;
        }
    }
    if (!schema.versionHash.isEmpty() && isSchemaStored(schema.versionHash))
        return result; // dlt: "no upgrade required" — DDL is keyed by the schema hash (spec 6.4)

    const auto apply = [&] {
        // Another loader may be creating the same tables now: wait for it, then see what it made.
        // (Asked of the catalog first: a failed SELECT would end PostgreSQL's transaction.)
        m_sql->lockSchemaChanges();
        if (!schema.versionHash.isEmpty() && !m_sql->existingColumns({QStringLiteral("_dlt_version")}).isEmpty() &&
            isSchemaStored(schema.versionHash))
            return;
        DdlBuilder ddl(*m_sql, *m_types, m_createIndexes);
        for (const auto &[t, update] : pendingUpdates(schema, tables)) {
            // A new table the package loads into gets its constraints after its rows.
            const bool defer = !update.exists && m_deferredTables.contains(t->name) && ddl.hasIndexes(*t);
            for (const auto &stmt : ddl.statements(update, *t, !defer))
                m_sql->execute(stmt);
            if (defer)
                oweIndexes(t->name);
            QJsonObject cols;
            for (const auto &c : update.newColumns)
                cols[c.name] = describeColumn(c);
            QJsonObject tableJson;
            tableJson[QStringLiteral("name")] = t->name;
            tableJson[QStringLiteral("columns")] = cols;
            if (!t->parent.isEmpty())
                tableJson[QStringLiteral("parent")] = t->parent;
            result.applied[t->name] = tableJson;
        }
        const QByteArray stored = encodeStoredSchema(schema.json, m_sql->capabilities().maxTextDataTypeLength);
        const auto id = [this](const char *n) { return m_sql->escapeIdentifier(QLatin1String(n)); };
        m_sql->execute(QStringLiteral("INSERT INTO %1(%2, %3, %4, %5, %6, %7) VALUES (%8, %9, %10, %11, %12, %13)")
                           .arg(m_sql->qualifiedTableName(QStringLiteral("_dlt_version")), id("version"),
                                id("engine_version"), id("inserted_at"), id("schema_name"), id("version_hash"),
                                id("schema"))
                           .arg(m_sql->placeholder(0), m_sql->placeholder(1), m_sql->placeholder(2),
                                m_sql->placeholder(3), m_sql->placeholder(4), m_sql->placeholder(5)),
                       {schema.version, schema.engineVersion, QDateTime::currentDateTimeUtc(), schema.name,
                        schema.versionHash, QString::fromUtf8(stored)});
        result.schemaStored = true;
    };
    try {
        if (m_sql->capabilities().supportsDdlTransactions)
            inTransaction(*m_sql, apply);
        else
            apply();
    } catch (...) {
        m_sql->unlockSchemaChanges();
        throw;
    }
    m_sql->unlockSchemaChanges();
    return result;
}

void SqlJobClient::completeLoad(const QString &loadId, const Schema &schema)
{
    open();
    const QString table = m_sql->qualifiedTableName(QStringLiteral("_dlt_loads"));
    const auto id = [this](const char *n) { return m_sql->escapeIdentifier(QLatin1String(n)); };
    inTransaction(*m_sql, [&] {
        // Insert only if absent: a crash between this and the package rename must not leave
        // two rows for one load (spec Q4).
        const auto rows = m_sql->query(
            QStringLiteral("SELECT 1 FROM %1 WHERE %2 = %3").arg(table, id("load_id"), m_sql->placeholder(0)),
            {loadId});
        if (!rows.isEmpty())
            return;
        m_sql->execute(QStringLiteral("INSERT INTO %1(%2, %3, %4, %5, %6) VALUES(%7, %8, %9, %10, %11)")
                           .arg(table, id("load_id"), id("schema_name"), id("status"), id("inserted_at"),
                                id("schema_version_hash"))
                           .arg(m_sql->placeholder(0), m_sql->placeholder(1), m_sql->placeholder(2),
                                m_sql->placeholder(3), m_sql->placeholder(4)),
                       {loadId, schema.name, 0, QDateTime::currentDateTimeUtc(), schema.versionHash});
    });
}

} // namespace wharf

namespace wharf {

void SqlJobClient::truncateTables(const QStringList &tables)
{
    open();
    if (tables.isEmpty() || !m_sql->hasDataset())
        return;
    const auto existing = m_sql->existingColumns(tables);
    const bool folded = m_sql->capabilities().casefoldLower;
    inTransaction(*m_sql, [&] {
        for (const QString &t : tables) {
            if (!existing.contains(folded ? t.toLower() : t))
                continue;
            // TRUNCATE where the destination has it (spec 5.5); SQLite: DELETE FROM.
            m_sql->execute(m_sql->truncateTableSql(m_sql->qualifiedTableName(t)));
        }
    });
}

} // namespace wharf

namespace wharf {

void SqlJobClient::dropTables(const QStringList &tables, const QString &schemaName)
{
    open();
    if (!m_sql->hasDataset())
        return;
    const QString version = QStringLiteral("_dlt_version");
    const bool versions = !m_sql->existingColumns({version}).isEmpty();
    const auto drop = [&] {
        for (const QString &t : tables)
            m_sql->execute(QStringLiteral("DROP TABLE IF EXISTS %1").arg(m_sql->qualifiedTableName(t)));
        // dlt's delete_schema: every stored version of the schema goes, so that the load stores
        // the refreshed one again.
        if (!versions)
            return;
        m_sql->execute(QStringLiteral("DELETE FROM %1 WHERE %2 = %3")
                           .arg(m_sql->qualifiedTableName(QStringLiteral("_dlt_version")),
                                m_sql->escapeIdentifier(QStringLiteral("schema_name")), m_sql->placeholder(0)),
                       {schemaName});
    };
    if (m_sql->capabilities().supportsDdlTransactions)
        inTransaction(*m_sql, drop);
    else
        drop();
}

QList<FollowUpJob> SqlJobClient::followUpJobs(const Schema &schema, const QStringList &chain,
                                              const WriteStrategy &write, const QString &packageCreatedAt)
{
    if (chain.isEmpty() || !write.throughStaging())
        return {};
    const QString staging = stagingDatasetName(m_sql->datasetName());
    FollowUpJob job;
    job.rootTable = chain.first();
    if (write.disposition == WriteDisposition::Replace) {
        job.statements =
            replaceFromStagingSql(schema, chain, *m_sql, staging, write.strategy == QLatin1String("staging-optimized"));
    } else if (write.strategy == QLatin1String("upsert") || write.strategy == QLatin1String("insert-only")) {
        job.statements = upsertMergeSql(schema, chain, *m_sql, staging, write.strategy == QLatin1String("insert-only"));
    } else if (write.strategy == QLatin1String("scd2")) {
        job.statements = scd2MergeSql(schema, chain, *m_sql, staging, packageCreatedAt);
    } else {
        const QString suffix = QUuid::createUuid().toString(QUuid::Id128);
        job.statements = deleteInsertMergeSql(schema, chain, *m_sql, staging, suffix);
        job.cleanup = mergeTempTables(chain.first(), suffix);
    }
    return {job};
}

void SqlJobClient::runFollowUp(const FollowUpJob &job, const CancelToken &cancel)
{
    open();
    const bool ledgered = !job.ledgerKey.isEmpty() && hasLedger();
    if (ledgered && ledgerEntry(job.loadId, job.ledgerKey))
        return; // committed by an earlier run that stopped before it could say so
    m_sql->attachDataset(stagingDatasetName(m_sql->datasetName()));
    inTransaction(*m_sql, [&] {
        for (const QString &statement : job.statements) {
            cancel.check();
            m_sql->execute(statement);
        }
        if (ledgered)
            recordInLedger(job.loadId, job.ledgerKey, 0);
    });
    for (const QString &temp : job.cleanup) {
        try {
            m_sql->execute(QStringLiteral("DROP TABLE IF EXISTS %1").arg(m_sql->escapeIdentifier(temp)));
        } catch (const Error &) {
            // Temporary tables vanish with the session anyway.
        }
    }
}

} // namespace wharf
