#include "browse/PackageExport.h"

#include "Error.h"
#include "browse/RowExport.h"
#include "browse/SchemaComparison.h"
#include "schema/Schema.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <cmath>

namespace wharf {

QByteArray insertValuesLiteral(const QVariant &value, const QString &dltType)
{
    if (!value.isValid() || value.isNull())
        return QByteArrayLiteral("NULL");
    // What the column is wins over how the database handed the value over (SQLite keeps
    // booleans as 0/1 and may hold numbers in text columns).
    if (dltType == QLatin1String("bool")) {
        if (value.typeId() == QMetaType::QString) {
            const QString t = value.toString().trimmed().toLower();
            return t == QLatin1String("true") || t == QLatin1String("t") || t == QLatin1String("1")
                       ? QByteArrayLiteral("TRUE")
                       : QByteArrayLiteral("FALSE");
        }
        return value.toDouble() != 0.0 ? QByteArrayLiteral("TRUE") : QByteArrayLiteral("FALSE");
    }
    const bool textual = dltType.startsWith(QLatin1String("text")) || dltType == QLatin1String("json") ||
                         dltType == QLatin1String("timestamp") || dltType == QLatin1String("date") ||
                         dltType == QLatin1String("time");
    switch (textual && value.typeId() != QMetaType::QDateTime ? int(QMetaType::QString) : value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QByteArrayLiteral("TRUE") : QByteArrayLiteral("FALSE");
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return value.toString().toLatin1();
    case QMetaType::Double: {
        const double d = value.toDouble();
        if (std::isnan(d) || std::isinf(d)) // as dlt writes them: a string the column's type reads
            return QByteArrayLiteral("'") + (std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity") + '\'';
        return QByteArray::number(d, 'g', 17);
    }
    case QMetaType::QByteArray:
        return QByteArrayLiteral("'\\x") + value.toByteArray().toHex() + '\'';
    case QMetaType::QDateTime:
        return '\'' + value.toDateTime().toUTC().toString(Qt::ISODateWithMs).toUtf8() + '\'';
    default:
        break;
    }
    QByteArray text = value.toString().toUtf8();
    text.replace('\\', "\\\\").replace('\'', "''").replace('\n', "\\n").replace('\r', "\\r");
    return "E'" + text + '\'';
}

namespace {

const QRegularExpression kIdentifier(QStringLiteral("^[a-z_][a-z0-9_]*$"));

QString checkedName(const QString &name, const char *what)
{
    if (!kIdentifier.match(name).hasMatch())
        throw Error(ErrorKind::Config, QStringLiteral("%1 %2 cannot name a dlt package: use lower-case letters, "
                                                      "digits and _ (snake_case)")
                                           .arg(QString::fromLatin1(what), name));
    return name;
}

QJsonObject columnJson(const QString &name, const QString &type, bool nullable)
{
    QJsonObject c{{QStringLiteral("name"), name}, {QStringLiteral("nullable"), nullable}};
    // "decimal(38,9)": dlt keeps precision and scale apart.
    static const QRegularExpression sized(QStringLiteral("^([a-z]+)\\((\\d+)(?:,\\s*(\\d+))?\\)$"));
    const auto m = sized.match(type);
    c[QStringLiteral("data_type")] = m.hasMatch() ? m.captured(1) : type;
    if (m.hasMatch()) {
        c[QStringLiteral("precision")] = m.captured(2).toInt();
        if (!m.captured(3).isEmpty())
            c[QStringLiteral("scale")] = m.captured(3).toInt();
    }
    return c;
}

// dlt's type for a column: as the stored schema has it, else the kind of its database type,
// else what its first value is.
QString dltTypeOf(const BrowserColumn &column, const QVariant &sample)
{
    if (!column.dltType.isEmpty())
        return column.dltType;
    const QList<DataType> fits = dltTypesForDbType(column.dbType);
    if (!fits.isEmpty())
        return dataTypeName(fits.first());
    switch (sample.typeId()) {
    case QMetaType::Bool:
        return QStringLiteral("bool");
    case QMetaType::Int:
    case QMetaType::LongLong:
        return QStringLiteral("bigint");
    case QMetaType::Double:
        return QStringLiteral("double");
    case QMetaType::QDateTime:
        return QStringLiteral("timestamp");
    case QMetaType::QByteArray:
        return QStringLiteral("binary");
    default:
        return QStringLiteral("text");
    }
}

QJsonObject dltTable(const QString &name, const QList<QJsonObject> &columns, const QString &description)
{
    QJsonObject cols;
    for (const QJsonObject &c : columns)
        cols[c[QStringLiteral("name")].toString()] = c;
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("columns"), cols},
                       {QStringLiteral("write_disposition"), QStringLiteral("skip")},
                       {QStringLiteral("resource"), name},
                       {QStringLiteral("description"), description}};
}

// dlt's schema version hash (dlt/common/schema/utils.py, generate_version_hash): SHA3-256 of the
// schema without its version fields as compact JSON with sorted keys, then of every table
// name (sorted) followed by its column names in table order; base64. dlt refuses a package
// whose schema does not hash to its version_hash.
QString dltVersionHash(const QJsonObject &schema, const QMap<QString, QStringList> &columnOrder)
{
    QJsonObject content = schema;
    for (const char *key : {"version", "version_hash", "imported_version_hash", "previous_hashes"})
        content.remove(QLatin1String(key));
    QCryptographicHash hash(QCryptographicHash::Sha3_256);
    hash.addData(QJsonDocument(content).toJson(QJsonDocument::Compact));   // QJsonObject keeps keys sorted
    for (auto it = columnOrder.cbegin(); it != columnOrder.cend(); ++it) { // QMap: table names sorted
        hash.addData(it.key().toUtf8());
        for (const QString &column : it.value())
            hash.addData(column.toUtf8());
    }
    return QString::fromLatin1(hash.result().toBase64());
}

QStringList namesOf(const QList<QJsonObject> &columns)
{
    QStringList names;
    for (const QJsonObject &c : columns)
        names << c[QStringLiteral("name")].toString();
    return names;
}

// A stored schema as dlt writes one: its own tables, the exported table, dlt's default settings
// and normalizers.
QJsonObject schemaJson(const QString &schemaName, const QString &table, const QList<QJsonObject> &columns)
{
    const QList<QJsonObject> versionColumns{
        columnJson(QStringLiteral("version"), QStringLiteral("bigint"), false),
        columnJson(QStringLiteral("engine_version"), QStringLiteral("bigint"), false),
        columnJson(QStringLiteral("inserted_at"), QStringLiteral("timestamp"), false),
        columnJson(QStringLiteral("schema_name"), QStringLiteral("text"), false),
        columnJson(QStringLiteral("version_hash"), QStringLiteral("text"), false),
        columnJson(QStringLiteral("schema"), QStringLiteral("text"), false)};
    QJsonObject loadId = columnJson(QStringLiteral("load_id"), QStringLiteral("text"), false);
    loadId[QStringLiteral("precision")] = 64;
    const QList<QJsonObject> loadsColumns{
        loadId, columnJson(QStringLiteral("schema_name"), QStringLiteral("text"), true),
        columnJson(QStringLiteral("status"), QStringLiteral("bigint"), false),
        columnJson(QStringLiteral("inserted_at"), QStringLiteral("timestamp"), false),
        columnJson(QStringLiteral("schema_version_hash"), QStringLiteral("text"), true)};
    QJsonObject tables;
    tables[QStringLiteral("_dlt_version")] = dltTable(QStringLiteral("_dlt_version"), versionColumns,
                                                      QStringLiteral("Created by DLT. Tracks schema updates"));
    tables[QStringLiteral("_dlt_loads")] =
        dltTable(QStringLiteral("_dlt_loads"), loadsColumns, QStringLiteral("Created by DLT. Tracks completed loads"));
    QJsonObject cols;
    for (const QJsonObject &c : columns)
        cols[c[QStringLiteral("name")].toString()] = c;
    tables[table] = QJsonObject{{QStringLiteral("name"), table},
                                {QStringLiteral("columns"), cols}, // in name order here: see orderedSchemaText
                                {QStringLiteral("write_disposition"), QStringLiteral("append")},
                                {QStringLiteral("resource"), table},
                                {QStringLiteral("x-normalizer"), QJsonObject{{QStringLiteral("seen-data"), true}}}};
    const QJsonObject hints{
        {QStringLiteral("not_null"),
         QJsonArray{QStringLiteral("_dlt_id"), QStringLiteral("_dlt_root_id"), QStringLiteral("_dlt_parent_id"),
                    QStringLiteral("_dlt_list_idx"), QStringLiteral("_dlt_load_id")}},
        {QStringLiteral("parent_key"), QJsonArray{QStringLiteral("_dlt_parent_id")}},
        {QStringLiteral("root_key"), QJsonArray{QStringLiteral("_dlt_root_id")}},
        {QStringLiteral("unique"), QJsonArray{QStringLiteral("_dlt_id")}},
        {QStringLiteral("row_key"), QJsonArray{QStringLiteral("_dlt_id")}}};
    QJsonObject schema{{QStringLiteral("version"), 1},
                       {QStringLiteral("engine_version"), 11},
                       {QStringLiteral("name"), schemaName},
                       {QStringLiteral("tables"), tables},
                       {QStringLiteral("settings"),
                        QJsonObject{{QStringLiteral("detections"), QJsonArray{QStringLiteral("iso_timestamp")}},
                                    {QStringLiteral("default_hints"), hints}}},
                       {QStringLiteral("normalizers"),
                        QJsonObject{{QStringLiteral("names"), QStringLiteral("snake_case")},
                                    {QStringLiteral("json"),
                                     QJsonObject{{QStringLiteral("module"),
                                                  QStringLiteral("dlt.common.normalizers.json.relational")}}}}},
                       {QStringLiteral("previous_hashes"), QJsonArray{}}};
    QMap<QString, QStringList> order;
    order[QStringLiteral("_dlt_version")] = namesOf(versionColumns);
    order[QStringLiteral("_dlt_loads")] = namesOf(loadsColumns);
    order[table] = namesOf(columns);
    schema[QStringLiteral("version_hash")] = dltVersionHash(schema, order);
    // The column order goes with each table until orderedSchemaText() writes it out.
    QJsonObject ordered = schema[QStringLiteral("tables")].toObject();
    for (auto it = order.cbegin(); it != order.cend(); ++it) {
        QJsonObject t = ordered[it.key()].toObject();
        t[QStringLiteral("x-wharf-order")] = QJsonArray::fromStringList(it.value());
        ordered[it.key()] = t;
    }
    schema[QStringLiteral("tables")] = ordered;
    return schema;
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        throw Error(ErrorKind::Internal, QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
}

void writeJson(const QString &path, const QJsonObject &o)
{
    writeBytes(path, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// A dlt schema keeps its columns in table order (the order of CREATE TABLE, and part of the
// version hash); QJsonObject sorts its keys, so each table's columns object is written by hand.
QByteArray orderedSchemaText(const QJsonObject &schema)
{
    QJsonObject tables = schema[QStringLiteral("tables")].toObject();
    QHash<QString, QByteArray> columnsText;
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        QJsonObject t = it.value().toObject();
        const QJsonObject columns = t[QStringLiteral("columns")].toObject();
        const QStringList order = t[QStringLiteral("x-wharf-order")].toVariant().toStringList();
        t.remove(QStringLiteral("x-wharf-order"));
        QByteArray text("{");
        for (const QString &name : order) {
            if (text.size() > 1)
                text += ',';
            const QByteArray key = QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact);
            text += key.mid(1, key.size() - 2) + ':' +
                    QJsonDocument(columns[name].toObject()).toJson(QJsonDocument::Compact);
        }
        text += '}';
        const QString marker = QStringLiteral("@wharf-columns-%1@").arg(columnsText.size());
        columnsText.insert(marker, text);
        t[QStringLiteral("columns")] = marker;
        it.value() = t;
    }
    QJsonObject copy = schema;
    copy[QStringLiteral("tables")] = tables;
    QByteArray text = QJsonDocument(copy).toJson(QJsonDocument::Compact);
    for (auto it = columnsText.cbegin(); it != columnsText.cend(); ++it)
        text.replace('"' + it.key().toUtf8() + '"', it.value());
    return text;
}

QString quotedColumns(const QStringList &names)
{
    QStringList quoted;
    for (const QString &n : names)
        quoted << QLatin1Char('"') + n + QLatin1Char('"');
    return quoted.join(QLatin1Char(','));
}

} // namespace

QString exportAsPackage(DatasetBrowser &browser, PageRequest request, QList<BrowserColumn> columns,
                        const PackageExportOptions &options, const std::function<bool(qint64)> &progress)
{
    if (options.format != FileFormat::InsertValues && options.format != FileFormat::Csv)
        throw Error(ErrorKind::Config, QStringLiteral("a package is exported as insert_values or csv"));
    const QString table = checkedName(options.tableName.isEmpty() ? request.table : options.tableName, "table");
    const QString pipeline = checkedName(options.pipelineName.isEmpty() ? table : options.pipelineName, "pipeline");
    const QString dataset = options.datasetName.isEmpty() ? pipeline : options.datasetName;
    // dlt's load ids are Unix times with a fraction.
    const QString loadId = QString::number(double(QDateTime::currentMSecsSinceEpoch()) / 1000.0, 'f', 6);
    const QString pipelineDir = QDir(options.parentDir).filePath(pipeline);
    const QString packageDir = QDir(pipelineDir).filePath(loadId);
    const QString partial = packageDir + QStringLiteral(".partial");
    if (QFileInfo::exists(packageDir))
        throw Error(ErrorKind::Config, QStringLiteral("%1 exists already").arg(packageDir));
    QDir(partial).removeRecursively();
    // The four job folders, as dlt's normalizer leaves a package (dlt's loader expects them all).
    for (const char *folder : {"new_jobs", "started_jobs", "completed_jobs", "failed_jobs"})
        if (!QDir().mkpath(partial + QLatin1Char('/') + QLatin1String(folder)))
            throw Error(ErrorKind::Internal, QStringLiteral("cannot create %1").arg(partial));
    try {
        const QString fileId = QString::number(QRandomGenerator::global()->generate64() % 0xffffffffffULL, 16)
                                   .rightJustified(10, QLatin1Char('0'));
        const QString jobPath =
            QStringLiteral("%1/new_jobs/%2.%3.0.%4")
                .arg(partial, table, fileId,
                     options.format == FileFormat::Csv ? QStringLiteral("csv") : QStringLiteral("insert_values"));
        QFile job(jobPath);
        if (!job.open(QIODevice::WriteOnly))
            throw Error(ErrorKind::Internal, QStringLiteral("cannot write %1: %2").arg(jobPath, job.errorString()));
        const auto write = [&](const QByteArray &bytes) {
            if (job.write(bytes) != bytes.size())
                throw Error(ErrorKind::Internal, QStringLiteral("cannot write %1: %2").arg(jobPath, job.errorString()));
        };
        request.offset = 0;
        request.limit = options.pageRows;
        qint64 written = 0;
        int loadIdColumn = -1;
        QStringList names;
        QStringList types; ///< dlt type per column, without precision
        for (bool first = true;; first = false) {
            const BrowserPage page = browser.fetchPage(request);
            if (first) {
                names = page.columns;
                loadIdColumn = int(names.indexOf(QStringLiteral("_dlt_load_id")));
                QList<QJsonObject> schemaColumns;
                for (int c = 0; c < names.size(); ++c) {
                    BrowserColumn column;
                    for (const BrowserColumn &known : std::as_const(columns))
                        if (known.name == names[c])
                            column = known;
                    const QVariant sample = page.rows.isEmpty() ? QVariant() : page.rows.first().value(c);
                    QJsonObject json = columnJson(names[c], dltTypeOf(column, sample), column.nullable);
                    types.append(json[QStringLiteral("data_type")].toString());
                    if (names[c] == QLatin1String("_dlt_id"))
                        json[QStringLiteral("unique")] = true;
                    schemaColumns.append(json);
                }
                const QJsonObject schema = schemaJson(pipeline, table, schemaColumns);
                writeBytes(partial + QStringLiteral("/schema.json"), orderedSchemaText(schema));
                writeJson(partial + QStringLiteral("/schema_updates.json"),
                          QJsonObject{{table, QJsonObject{{QStringLiteral("name"), table}}}});
                writeJson(partial + QStringLiteral("/load_package_state.json"),
                          QJsonObject{{QStringLiteral("_state_version"), 0},
                                      {QStringLiteral("_state_engine_version"), 1},
                                      {QStringLiteral("created_at"),
                                       QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}});
                if (options.format == FileFormat::Csv)
                    write(csvLine(QVariantList(names.cbegin(), names.cend())).toUtf8());
                else
                    write("INSERT INTO {}(" + quotedColumns(names).toUtf8() + ")\nVALUES\n");
            }
            QByteArray chunk;
            for (QVariantList row : page.rows) {
                if (loadIdColumn >= 0)
                    row[loadIdColumn] = loadId;
                if (options.format == FileFormat::Csv) {
                    chunk += csvLine(row).toUtf8();
                    continue;
                }
                chunk += written > 0 || !chunk.isEmpty() ? ",\n(" : "(";
                for (int c = 0; c < row.size(); ++c) {
                    if (c > 0)
                        chunk += ',';
                    chunk += insertValuesLiteral(row[c], types.value(c));
                }
                chunk += ')';
            }
            write(chunk);
            written += page.rows.size();
            if (progress && !progress(written))
                throw Error(ErrorKind::Cancelled, QStringLiteral("export cancelled after %1 rows").arg(written));
            if (!page.hasMore || page.rows.isEmpty())
                break;
            request.offset += page.rows.size();
        }
        if (options.format == FileFormat::InsertValues)
            write(";\n");
        if (written == 0) // dlt writes no file for no rows: a package without jobs
            job.remove();
        else
            job.close();
        const QString statePath = QDir(pipelineDir).filePath(QStringLiteral("pipeline_state.json"));
        if (!QFileInfo::exists(statePath))
            writeJson(statePath, QJsonObject{{QStringLiteral("pipeline_name"), pipeline},
                                             {QStringLiteral("dataset_name"), dataset}});
        if (!QDir().rename(partial, packageDir))
            throw Error(ErrorKind::Internal, QStringLiteral("cannot move %1 to %2").arg(partial, packageDir));
    } catch (...) {
        QDir(partial).removeRecursively();
        throw;
    }
    return packageDir;
}

} // namespace wharf
