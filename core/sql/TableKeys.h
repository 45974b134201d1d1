#pragma once

#include "schema/Schema.h"
#include "sql/SqlClient.h"

#include <QList>
#include <QString>

namespace wharf {

/// The key columns dlt's follow-up SQL reads from a prepared table (spec 8.2). Each throws
/// Error(Terminal) naming the table when the column it looks for is missing (dlt's
/// MergeDispositionException).

/// Complete columns with `hint` set, in schema order.
QList<Column> columnsWith(const Table &t, bool Column::*hint);
/// The first complete column with `hint`, or nullptr.
const Column *firstWith(const Table &t, bool Column::*hint);
/// The first row_key column, else the first unique one, else a single primary key.
QString rowKey(const Table &t);
/// The first root_key column; for a direct child of `root` its parent_key column will do.
QString rootKey(const Table &t, const QString &root);
/// The root's hard_delete column and the conditions on it, written for `client` (a bool
/// column deletes only when true, any other type when not NULL). All empty without one.
struct HardDelete {
    QString column;     ///< unquoted name
    QString deleted;    ///< e.g. `"deleted" = True`
    QString notDeleted; ///< e.g. `"deleted" IS NULL OR "deleted" = False`
};
HardDelete hardDeleteOf(const Table &root, const SqlClient &client);
/// The complete columns of `t` as the column list of an INSERT or SELECT: escaped for
/// `client`, each after `prefix` (e.g. "s."), joined by ", ".
QString columnList(const Table &t, const SqlClient &client, const QString &prefix = {});
/// Throws the error above with `message`.
[[noreturn]] void mergeError(const QString &message);

} // namespace wharf
