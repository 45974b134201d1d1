#include "load/LoadPreviewText.h"

#include "destination/WriteStrategy.h"

#include <QJsonArray>
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
        chains.append(co);
    }
    o[QStringLiteral("table_chains")] = chains;
    return o;
}

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
    out << "Loading it into dataset " << o[QStringLiteral("dataset")].toString() << " of " << destination
        << " would run (nothing was run or connected to):\n";
    if (!list("refusals").isEmpty()) {
        out << "  nothing: the package would be refused for " << list("refusals").join(QStringLiteral("; ")) << "\n";
        out.flush();
        return text;
    }
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
        out << "  table chain " << tables.join(QStringLiteral(", ")) << ": "
            << c[QStringLiteral("write_disposition")].toString() << (strategy.isEmpty() ? QString() : " " + strategy);
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
