#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace wharf {

/// A cell as plain text for the clipboard: NULL is empty, bytes are `\x` + hex (PostgreSQL's
/// bytea text form), booleans `true`/`false`, doubles in their shortest exact form.
QString cellText(const QVariant &value);

/// Tab-separated rows without a header, as spreadsheets paste them; a cell holding a tab or a
/// line break, or starting with a double quote, is quoted CSV-style.
QString rowsToTsv(const QList<QVariantList> &rows);

/// RFC 4180 CSV with a header line: CRLF line ends, fields quoted when they hold a comma, a
/// double quote or a line break (quotes doubled).
QString rowsToCsv(const QStringList &headers, const QList<QVariantList> &rows);

/// A JSON array with one object per line, keys in the order of `headers`. Numbers and booleans stay JSON
/// numbers and booleans, NULL is null; a cell of a column flagged in `jsonColumns` (dlt's json
/// type) is embedded as the JSON value it holds when it parses.
QByteArray rowsToJson(const QStringList &headers, const QList<QVariantList> &rows, const QList<bool> &jsonColumns = {});

/// The lines of the formats above one at a time, for exports written page by page: a CSV
/// line (CRLF-terminated; the header is csvLine(headers)), a TSV line ("\n"), one JSON object
/// per line (JSON lines, "\n").
QString csvLine(const QVariantList &cells);
QString tsvLine(const QVariantList &cells);
class JsonLines {
public:
    explicit JsonLines(const QStringList &headers, QList<bool> jsonColumns = {});
    QByteArray line(const QVariantList &row) const;

private:
    QList<QByteArray> m_keys; ///< the headers, JSON-encoded once
    QList<bool> m_json;
};

} // namespace wharf
