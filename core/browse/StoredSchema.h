#pragma once

#include "schema/Schema.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace wharf {

/// The text of `_dlt_version.schema` as JSON: stored schemas larger than the destination's
/// max_text_data_type_length are zlib-compressed and base64-encoded (spec 2.12, the inverse of
/// SqlJobClient::encodeStoredSchema). Throws Error(Terminal) for text that is neither.
QByteArray decodeStoredSchema(const QByteArray &stored);

/// dlt's type of a column for people: data_type plus precision and scale when set
/// ("bigint", "text(64)", "decimal(38,9)"); empty for a column without a data type.
QString dltTypeText(const Column &column);

/// dlt types of the columns of one or more stored schemas, looked up by table and column
/// name: exactly as written, else case-insensitively (PostgreSQL folds names to lower case).
class DltTypeIndex {
public:
    /// Adds the tables of `schema`; a column already known keeps its first type (add the
    /// newest schema first).
    void add(const Schema &schema);
    QString typeOf(const QString &table, const QString &column) const;
    bool isEmpty() const { return m_types.isEmpty(); }

private:
    QHash<QString, QHash<QString, QString>> m_types; ///< table -> column -> type
    QHash<QString, QString> m_folded;                ///< "table\ncolumn" lower-cased -> type
};

} // namespace wharf
