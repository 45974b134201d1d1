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
    /// (dlt's exact text, e.g. `"col1" bigint  NOT NULL`). `withIndexes` false leaves the
    /// UNIQUE hint out (it is added later by indexStatements()).
    QString columnDefinition(const Column &column, const Table &table, bool withIndexes = true) const;
    /// CREATE TABLE for a new table or ALTER TABLE ... ADD COLUMN for an existing one
    /// (one statement, or one per column without multi-column ALTER). `withIndexes` false: a
    /// new table is created without its UNIQUE constraints.
    QStringList statements(const TableUpdate &update, const Table &table, bool withIndexes = true) const;
    /// The constraints a new table left out with `withIndexes` false, as one ALTER TABLE that
    /// adds them in column order, unnamed: PostgreSQL then names them exactly as it names the
    /// column constraints of dlt's CREATE TABLE (`<table>_<column>_key`). Empty when the table
    /// has none or indexes are not created.
    QStringList indexStatements(const Table &table) const;
    /// Does `table` get any constraint from its hints?
    bool hasIndexes(const Table &table) const;

private:
    const SqlClient &m_client;
    const TypeMapper &m_types;
    bool m_createIndexes;
};

} // namespace wharf
