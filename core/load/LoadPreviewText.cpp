#include "load/LoadPreviewText.h"

#include "destination/WriteStrategy.h"

#include <QJsonArray>
#include <QLocale>
#include <QTextStream>

namespace wharf {

// `--sql`: what loading the package would run, worked out without connecting.
QJsonObject loadPreviewJson(const LoadPreview &p)
{
    QJsonObject o;
    o[QStringLiteral("dataset")] = p.dataset;
    o[QStringLiteral("staging_dataset")] = p.stagingDataset;
    o[QStringLiteral("refusals")] = QJsonArray::fromStringList(p.refusals);
    o[QStringLiteral("dropped_tables")] = QJsonArray::fromStringList(p.dropped);
    o[QStringLiteral("truncated_tables")] = QJsonArray::fromStringList(p.truncated);
    o[QStringLiteral("staging_truncated_tables")] = QJsonArray::fromStringList(p.stagingTruncated);
    QJsonArray chains;
    for (const ChainPreview &c : p.chains) {
        QJsonObject co;
        co[QStringLiteral("root")] = c.root;
        co[QStringLiteral("tables")] = QJsonArray::fromStringList(c.tables);
        co[QStringLiteral("write_disposition")] = writeDispositionName(c.write.disposition);
        co[QStringLiteral("strategy")] = c.write.strategy;
        co[QStringLiteral("staged")] = c.staged;
        co[QStringLiteral("followup_sql")] = QJsonArray::fromStringList(c.statements);
        co[QStringLiteral("primary_key")] = QJsonArray::fromStringList(c.primaryKey);
        co[QStringLiteral("merge_key")] = QJsonArray::fromStringList(c.mergeKey);
        chains.append(co);
    }
    o[QStringLiteral("table_chains")] = chains;
    QJsonArray jobs;
    for (const TableJobsPreview &t : p.jobs)
        jobs.append(QJsonObject{{QStringLiteral("table"), t.table},
                                {QStringLiteral("files"), t.files},
                                {QStringLiteral("bytes"), double(t.bytes)},
                                {QStringLiteral("formats"), QJsonArray::fromStringList(t.formats)}});
    o[QStringLiteral("jobs")] = jobs;
    // Only when compareWithDestination() ran: what the dataset as it is now would get.
    const SchemaSyncPreview &now = p.destinationNow;
    if (now.known || !p.destinationError.isEmpty()) {
        QJsonObject d;
        d[QStringLiteral("compared")] = now.known;
        if (!p.destinationError.isEmpty())
            d[QStringLiteral("error")] = p.destinationError;
        d[QStringLiteral("dataset_exists")] = now.datasetExists;
        d[QStringLiteral("schema_stored")] = now.schemaStored;
        QJsonArray created;
        QJsonArray altered;
        for (const TableUpdate &u : now.updates) {
            QJsonArray columns;
            for (const Column &c : u.newColumns)
                columns.append(
                    QJsonObject{{QStringLiteral("name"), c.name},
                                {QStringLiteral("data_type"), c.dataType ? dataTypeName(*c.dataType) : QString()}});
            (u.exists ? altered : created)
                .append(QJsonObject{{QStringLiteral("table"), u.table}, {QStringLiteral("columns"), columns}});
        }
        d[QStringLiteral("new_tables")] = created;
        d[QStringLiteral("new_columns")] = altered;
        d[QStringLiteral("ddl")] = QJsonArray::fromStringList(now.statements);
        if (!now.afterRows.isEmpty())
            d[QStringLiteral("ddl_after_rows")] = QJsonArray::fromStringList(now.afterRows);
        o[QStringLiteral("destination_now")] = d;
    }
    return o;
}

namespace {

// "issues (77 columns)" / "issues: reviewed (bool), x (text)".
QString describeUpdate(const QJsonObject &u, bool listColumns)
{
    const QJsonArray columns = u[QStringLiteral("columns")].toArray();
    if (!listColumns)
        return QStringLiteral("%1 (%2 column%3)")
            .arg(u[QStringLiteral("table")].toString())
            .arg(columns.size())
            .arg(columns.size() == 1 ? QString() : QStringLiteral("s"));
    QStringList names;
    for (const auto &c : columns)
        names << QStringLiteral("%1 (%2)").arg(c.toObject()[QStringLiteral("name")].toString(),
                                               c.toObject()[QStringLiteral("data_type")].toString());
    return u[QStringLiteral("table")].toString() + QStringLiteral(": ") + names.join(QStringLiteral(", "));
}

void writeDestinationNow(QTextStream &out, const QJsonObject &d, const QString &dataset, const QString &destination)
{
    out << "  against dataset " << dataset << " of " << destination << " as it is now:\n";
    if (d.contains(QStringLiteral("error"))) {
        out << "    not known: the destination could not be read (" << d[QStringLiteral("error")].toString() << ")\n";
        return;
    }
    if (!d[QStringLiteral("compared")].toBool()) {
        out << "    nothing to create: this destination keeps no tables\n";
        return;
    }
    if (d[QStringLiteral("schema_stored")].toBool()) {
        out << "    no DDL: this version of the schema is stored in the dataset already\n";
        return;
    }
    if (!d[QStringLiteral("dataset_exists")].toBool())
        out << "    the dataset does not exist yet and is created\n";
    const QJsonArray created = d[QStringLiteral("new_tables")].toArray();
    const QJsonArray altered = d[QStringLiteral("new_columns")].toArray();
    if (created.isEmpty() && altered.isEmpty()) {
        out << "    no new table or column: the tables have every column of the package\n";
        return;
    }
    for (const auto &u : created)
        out << "    creates table " << describeUpdate(u.toObject(), false) << "\n";
    for (const auto &u : altered)
        out << "    adds columns to " << describeUpdate(u.toObject(), true) << "\n";
    out << "    with this DDL:\n";
    for (const auto &s : d[QStringLiteral("ddl")].toArray())
        out << "      " << s.toString().replace(QLatin1Char('\n'), QLatin1Char(' ')) << ";\n";
    const QJsonArray afterRows = d[QStringLiteral("ddl_after_rows")].toArray();
    if (!afterRows.isEmpty()) {
        out << "    and, once the new tables' rows are in, their UNIQUE constraints (faster than keeping "
               "them up row by row; the same DDL in the end):\n";
        for (const auto &s : afterRows)
            out << "      " << s.toString().replace(QLatin1Char('\n'), QLatin1Char(' ')) << ";\n";
    }
}

} // namespace

QString loadPreviewText(const QJsonObject &o, const QString &destination)
{
    QString text;
    QTextStream out(&text);
    const auto list = [&](const char *key) {
        QStringList items;
        for (const auto &v : o[QLatin1String(key)].toArray())
            items << v.toString();
        return items;
    };
    const bool compared = o.contains(QStringLiteral("destination_now"));
    out << "Loading it into dataset " << o[QStringLiteral("dataset")].toString() << " of " << destination
        << (compared ? " would run (nothing was run; the destination was only read):\n"
                     : " would run (nothing was run or connected to):\n");
    if (!list("refusals").isEmpty()) {
        out << "  nothing: the package would be refused for " << list("refusals").join(QStringLiteral("; ")) << "\n";
        out.flush();
        return text;
    }
    for (const auto &jv : o[QStringLiteral("jobs")].toArray()) {
        const QJsonObject j = jv.toObject();
        const int files = j[QStringLiteral("files")].toInt();
        QStringList formats;
        for (const auto &f : j[QStringLiteral("formats")].toArray())
            formats << f.toString();
        out << "  loads " << files << (files == 1 ? " file" : " files") << " into "
            << j[QStringLiteral("table")].toString() << " (" << formats.join(QStringLiteral(", ")) << ", "
            << QLocale::c().formattedDataSize(qint64(j[QStringLiteral("bytes")].toDouble())) << ")\n";
    }
    // What the dataset gets comes before the SQL of the chains, which can be long.
    if (compared)
        writeDestinationNow(out, o[QStringLiteral("destination_now")].toObject(),
                            o[QStringLiteral("dataset")].toString(), destination);
    if (!list("dropped_tables").isEmpty())
        out << "  refresh drops " << list("dropped_tables").join(QStringLiteral(", "))
            << " (and the stored versions of the schema) before anything else\n";
    if (!list("truncated_tables").isEmpty())
        out << "  empties " << list("truncated_tables").join(QStringLiteral(", ")) << " before the first job\n";
    if (!list("staging_truncated_tables").isEmpty())
        out << "  empties " << list("staging_truncated_tables").join(QStringLiteral(", ")) << " in "
            << o[QStringLiteral("staging_dataset")].toString() << " before the first job\n";
    for (const auto &cv : o[QStringLiteral("table_chains")].toArray()) {
        const QJsonObject c = cv.toObject();
        QStringList tables;
        for (const auto &t : c[QStringLiteral("tables")].toArray())
            tables << t.toString();
        const QString strategy = c[QStringLiteral("strategy")].toString();
        QStringList keys;
        for (const char *key : {"primary_key", "merge_key"}) {
            QStringList columns;
            for (const auto &k : c[QLatin1String(key)].toArray())
                columns << k.toString();
            if (!columns.isEmpty())
                keys << QString::fromLatin1(key).replace(QLatin1Char('_'), QLatin1Char(' ')) + QLatin1Char(' ') +
                            columns.join(QStringLiteral(", "));
        }
        out << "  table chain " << tables.join(QStringLiteral(", ")) << ": "
            << c[QStringLiteral("write_disposition")].toString() << (strategy.isEmpty() ? QString() : " " + strategy)
            << (keys.isEmpty() ? QString() : QStringLiteral(" (") + keys.join(QStringLiteral("; ")) + QLatin1Char(')'));
        const QJsonArray sql = c[QStringLiteral("followup_sql")].toArray();
        if (!c[QStringLiteral("staged")].toBool() || sql.isEmpty()) {
            out << "; jobs load straight into the dataset\n";
            continue;
        }
        out << "; jobs load into " << o[QStringLiteral("staging_dataset")].toString()
            << ", then one transaction runs:\n";
        for (const auto &s : sql)
            out << "    " << s.toString() << ";\n";
    }
    out.flush();
    return text;
}

} // namespace wharf
