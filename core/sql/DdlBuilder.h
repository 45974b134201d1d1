#pragma once

#include "schema/Schema.h"
#include "sql/SqlClient.h"
#include "sql/TypeMapper.h"

#include <QStringList>

namespace wharf {

/// Builds dlt's CREATE/ALTER text (spec 3.10) for one table update.
class DdlBuilder {
public:
    DdlBuilder(const SqlClient &client, const TypeMapper &types, bool createIndexes)
        : m_client(client)
        , m_types(types)
        , m_createIndexes(createIndexes)
    {}

    /// `"name" <type> <hints> <NOT NULL>` joined by single spaces even when parts are empty
    /// (dlt's exact text, e.g. `"col1" bigint  NOT NULL`).
    QString columnDefinition(const Column &column, const Table &table) const;
    /// CREATE TABLE for a new table or ALTER TABLE ... ADD COLUMN for an existing one
    /// (one statement, or one per column without multi-column ALTER).
    QStringList statements(const TableUpdate &update, const Table &table) const;

private:
    const SqlClient &m_client;
    const TypeMapper &m_types;
    bool m_createIndexes;
};

} // namespace wharf
