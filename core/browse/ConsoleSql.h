#pragma once

#include <QString>

namespace wharf {

/// One statement typed in the SQL console, made ready to run.
struct ConsoleStatement {
    enum class Kind {
        Query,     ///< SELECT, WITH, VALUES, TABLE: read page by page (the query runs again per page)
        Statement, ///< anything else: runs once, as it is
    };
    QString sql; ///< the text without trailing semicolons and blanks
    Kind kind = Kind::Statement;

    /// Trims `text` to its single statement. Quotes ('…', "…", `…`, PostgreSQL's $tag$…$tag$)
    /// and comments (--, /* */) are skipped when looking for `;` and the first keyword.
    /// Throws Error(Terminal) when `text` holds no statement, or more than one.
    static ConsoleStatement parse(const QString &text);
};

} // namespace wharf
