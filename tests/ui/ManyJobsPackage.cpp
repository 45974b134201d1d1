#include "ManyJobsPackage.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace wharf::test {

namespace {

QJsonObject column(const QString &name, const QString &type, bool nullable, bool unique = false)
{
    QJsonObject c{
        {QStringLiteral("name"), name}, {QStringLiteral("data_type"), type}, {QStringLiteral("nullable"), nullable}};
    if (unique)
        c.insert(QStringLiteral("unique"), true);
    return c;
}

QJsonObject table(const QString &name, const QString &disposition, const QList<QJsonObject> &columns,
                  bool seenData = false)
{
    QJsonObject cols;
    for (const auto &c : columns)
        cols.insert(c.value(QStringLiteral("name")).toString(), c);
    QJsonObject t{{QStringLiteral("name"), name},
                  {QStringLiteral("write_disposition"), disposition},
                  {QStringLiteral("resource"), name},
                  {QStringLiteral("columns"), cols}};
    if (seenData)
        t.insert(QStringLiteral("x-normalizer"), QJsonObject{{QStringLiteral("seen-data"), true}});
    return t;
}

QJsonObject schema(const ManyJobsSpec &spec)
{
    QJsonObject tables;
    tables.insert(QStringLiteral("_dlt_version"),
                  table(QStringLiteral("_dlt_version"), QStringLiteral("skip"),
                        {column(QStringLiteral("version"), QStringLiteral("bigint"), false),
                         column(QStringLiteral("engine_version"), QStringLiteral("bigint"), false),
                         column(QStringLiteral("inserted_at"), QStringLiteral("timestamp"), false),
                         column(QStringLiteral("schema_name"), QStringLiteral("text"), false),
                         column(QStringLiteral("version_hash"), QStringLiteral("text"), false),
                         column(QStringLiteral("schema"), QStringLiteral("text"), false)}));
    tables.insert(QStringLiteral("_dlt_loads"),
                  table(QStringLiteral("_dlt_loads"), QStringLiteral("skip"),
                        {column(QStringLiteral("load_id"), QStringLiteral("text"), false),
                         column(QStringLiteral("schema_name"), QStringLiteral("text"), true),
                         column(QStringLiteral("status"), QStringLiteral("bigint"), false),
                         column(QStringLiteral("inserted_at"), QStringLiteral("timestamp"), false),
                         column(QStringLiteral("schema_version_hash"), QStringLiteral("text"), true)}));
    for (int t = 0; t < spec.tables; ++t) {
        const QString name = QStringLiteral("t%1").arg(t);
        tables.insert(name, table(name, QStringLiteral("append"),
                                  {column(QStringLiteral("id"), QStringLiteral("bigint"), true),
                                   column(QStringLiteral("name"), QStringLiteral("text"), true),
                                   column(QStringLiteral("_dlt_load_id"), QStringLiteral("text"), false),
                                   column(QStringLiteral("_dlt_id"), QStringLiteral("text"), false, true)},
                                  true));
    }
    return QJsonObject{
        {QStringLiteral("version"), 1},
        {QStringLiteral("engine_version"), 11},
        {QStringLiteral("name"), spec.pipeline},
        {QStringLiteral("version_hash"), QStringLiteral("wharf-many-jobs-v1")},
        {QStringLiteral("tables"), tables},
        {QStringLiteral("settings"), QJsonObject{}},
        {QStringLiteral("normalizers"), QJsonObject{{QStringLiteral("names"), QStringLiteral("snake_case")}}},
        {QStringLiteral("previous_hashes"), QJsonArray{}}};
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace

QString manyJobsFileName(const ManyJobsSpec &spec, int index)
{
    // dlt's file ids are 10 random characters; a counter keeps them unique and sorted.
    return QStringLiteral("t%1.%2.0.jsonl").arg(index % std::max(1, spec.tables)).arg(index, 10, 10, QLatin1Char('0'));
}

QString writeManyJobsPackage(const QString &parentDir, const ManyJobsSpec &spec)
{
    const QDir parent(parentDir);
    const QString dir = parent.filePath(spec.loadId);
    if (!QDir().mkpath(dir + QStringLiteral("/new_jobs")))
        return {};
    const QJsonObject pipelineState{{QStringLiteral("pipeline_name"), spec.pipeline},
                                    {QStringLiteral("dataset_name"), spec.pipeline + QStringLiteral("_data")}};
    QJsonObject updates;
    for (int t = 0; t < spec.tables; ++t)
        updates.insert(QStringLiteral("t%1").arg(t),
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("t%1").arg(t)}});
    const QDir package(dir);
    if (!writeFile(parent.filePath(QStringLiteral("pipeline_state.json")), QJsonDocument(pipelineState).toJson()) ||
        !writeFile(package.filePath(QStringLiteral("schema.json")), QJsonDocument(schema(spec)).toJson()) ||
        !writeFile(package.filePath(QStringLiteral("schema_updates.json")), QJsonDocument(updates).toJson()) ||
        !writeFile(package.filePath(QStringLiteral("load_package_state.json")),
                   R"({"_state_version": 0, "_state_engine_version": 1})"))
        return {};
    for (int k = 0; k < spec.jobs; ++k) {
        QByteArray rows;
        for (int r = 0; r < spec.rowsPerJob; ++r) {
            const qint64 id = qint64(k) * spec.rowsPerJob + r;
            rows += QStringLiteral(R"({"id":%1,"name":"row %1","_dlt_load_id":"%2","_dlt_id":"id%1"})")
                        .arg(id)
                        .arg(spec.loadId)
                        .toUtf8();
            rows += '\n';
        }
        if (!writeFile(package.filePath(QStringLiteral("new_jobs/") + manyJobsFileName(spec, k)), rows))
            return {};
    }
    return dir;
}

} // namespace wharf::test
