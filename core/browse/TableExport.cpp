#include "browse/TableExport.h"

#include "Error.h"
#include "browse/RowExport.h"

namespace wharf {

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("csv"))
        return ExportFormat::Csv;
    if (n == QLatin1String("tsv"))
        return ExportFormat::Tsv;
    if (n == QLatin1String("jsonl") || n == QLatin1String("json"))
        return ExportFormat::JsonLines;
    return std::nullopt;
}

qint64 exportRows(DatasetBrowser &browser, PageRequest request, ExportFormat format, QIODevice &out,
                  const std::function<bool(qint64 rows)> &progress, int pageRows)
{
    const auto write = [&](const QByteArray &bytes) {
        if (out.write(bytes) != bytes.size())
            throw Error(ErrorKind::Internal, QStringLiteral("cannot write the export: %1").arg(out.errorString()));
    };
    request.offset = 0;
    request.limit = pageRows;
    qint64 written = 0;
    std::optional<JsonLines> json;
    for (bool first = true;; first = false) {
        const BrowserPage page = browser.fetchPage(request);
        if (first) {
            if (format == ExportFormat::Csv) {
                QVariantList header;
                for (const QString &c : page.columns)
                    header.append(c);
                write(csvLine(header).toUtf8());
            }
            if (format == ExportFormat::JsonLines) {
                // Which columns hold JSON: dlt's json type, as the table lists them (a console
                // query's result has no dlt types: its values are written as they are).
                QList<bool> jsonColumns;
                const auto tables =
                    request.query.isEmpty() ? browser.listTables(request.dataset) : QList<BrowserTable>();
                for (const BrowserTable &t : tables)
                    if (t.name == request.table)
                        for (const QString &c : page.columns)
                            jsonColumns.append(t.column(c) && t.column(c)->dltType == QLatin1String("json"));
                json.emplace(page.columns, jsonColumns);
            }
        }
        QByteArray chunk;
        for (const QVariantList &row : page.rows) {
            switch (format) {
            case ExportFormat::Csv:
                chunk += csvLine(row).toUtf8();
                break;
            case ExportFormat::Tsv:
                chunk += tsvLine(row).toUtf8();
                break;
            case ExportFormat::JsonLines:
                chunk += json->line(row);
                break;
            }
        }
        write(chunk);
        written += page.rows.size();
        if (progress && !progress(written))
            throw Error(ErrorKind::Cancelled, QStringLiteral("export cancelled after %1 rows").arg(written));
        if (!page.hasMore || page.rows.isEmpty())
            return written;
        request.offset += page.rows.size();
    }
}

} // namespace wharf
