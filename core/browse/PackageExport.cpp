#include "browse/PackageExport.h"

#include "Error.h"
#include "browse/RowExport.h"
#include "browse/SchemaComparison.h"
#include "schema/Schema.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <cmath>

namespace wharf {

QByteArray insertValuesLiteral(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return QByteArrayLiteral("NULL");
    switch (value.typeId()) {
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

QJsonObject dltTable(const QString &name, const QList<QJsonObject> &columns)
{
    QJsonObject cols;
    for (const QJsonObject &c : columns)
        cols[c[QStringLiteral("name")].toString()] = c;
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("write_disposition"), QStringLiteral("skip")},
                       {QStringLiteral("columns"), cols}};
}

QJsonObject schemaJson(const QString &schemaName, const QString &table, const QList<QJsonObject> &columns)
{
    QJsonObject tables;
    tables[QStringLiteral("_dlt_version")] = dltTable(
        QStringLiteral("_dlt_version"), {columnJson(QStringLiteral("version"), QStringLiteral("bigint"), false),
                                         columnJson(QStringLiteral("engine_version"), QStringLiteral("bigint"), false),
                                         columnJson(QStringLiteral("inserted_at"), QStringLiteral("timestamp"), false),
                                         columnJson(QStringLiteral("schema_name"), QStringLiteral("text"), false),
                                         columnJson(QStringLiteral("version_hash"), QStringLiteral("text"), false),
                                         columnJson(QStringLiteral("schema"), QStringLiteral("text"), false)});
    tables[QStringLiteral("_dlt_loads")] =
        dltTable(QStringLiteral("_dlt_loads"),
                 {columnJson(QStringLiteral("load_id"), QStringLiteral("text"), false),
                  columnJson(QStringLiteral("schema_name"), QStringLiteral("text"), true),
                  columnJson(QStringLiteral("status"), QStringLiteral("bigint"), false),
                  columnJson(QStringLiteral("inserted_at"), QStringLiteral("timestamp"), false),
                  columnJson(QStringLiteral("schema_version_hash"), QStringLiteral("text"), true)});
    QJsonObject cols;
    for (const QJsonObject &c : columns)
        cols[c[QStringLiteral("name")].toString()] = c;
    tables[table] = QJsonObject{{QStringLiteral("name"), table},
                                {QStringLiteral("write_disposition"), QStringLiteral("append")},
                                {QStringLiteral("resource"), table},
                                {QStringLiteral("columns"), cols}, // in name order here: see orderedSchemaText
                                {QStringLiteral("x-normalizer"), QJsonObject{{QStringLiteral("seen-data"), true}}}};
    // The hash only has to change when the tables do (Wharf and dlt key DDL by it).
    const QByteArray content = QJsonDocument(tables).toJson(QJsonDocument::Compact);
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toBase64().left(44));
    return QJsonObject{
        {QStringLiteral("version"), 1},
        {QStringLiteral("engine_version"), 11},
        {QStringLiteral("name"), schemaName},
        {QStringLiteral("version_hash"), hash},
        {QStringLiteral("tables"), tables},
        {QStringLiteral("settings"), QJsonObject{}},
        {QStringLiteral("normalizers"), QJsonObject{{QStringLiteral("names"), QStringLiteral("snake_case")}}},
        {QStringLiteral("previous_hashes"), QJsonArray{}}};
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

// A dlt schema keeps its columns in table order (the order of CREATE TABLE); QJsonObject sorts
// its keys, so the table's columns object is written by hand, in `columns` order.
QByteArray orderedSchemaText(const QJsonObject &schema, const QString &table, const QList<QJsonObject> &columns)
{
    QByteArray ordered("{");
    for (int c = 0; c < columns.size(); ++c) {
        if (c > 0)
            ordered += ',';
        const QString name = columns[c][QStringLiteral("name")].toString();
        const QByteArray key = QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact);
        ordered += key.mid(1, key.size() - 2) + ':' + QJsonDocument(columns[c]).toJson(QJsonDocument::Compact);
    }
    ordered += '}';
    QJsonObject tables = schema[QStringLiteral("tables")].toObject();
    QJsonObject t = tables[table].toObject();
    const QString marker = QStringLiteral("@wharf-columns@");
    t[QStringLiteral("columns")] = marker;
    tables[table] = t;
    QJsonObject copy = schema;
    copy[QStringLiteral("tables")] = tables;
    QByteArray text = QJsonDocument(copy).toJson(QJsonDocument::Compact);
    text.replace('"' + marker.toUtf8() + '"', ordered);
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
    if (!QDir().mkpath(partial + QStringLiteral("/new_jobs")))
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
                    if (names[c] == QLatin1String("_dlt_id"))
                        json[QStringLiteral("unique")] = true;
                    schemaColumns.append(json);
                }
                const QJsonObject schema = schemaJson(pipeline, table, schemaColumns);
                writeBytes(partial + QStringLiteral("/schema.json"), orderedSchemaText(schema, table, schemaColumns));
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
                    chunk += insertValuesLiteral(row[c]);
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
