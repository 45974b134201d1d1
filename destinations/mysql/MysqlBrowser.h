#pragma once

#include "MysqlConnection.h"
#include "browse/SqlDatasetBrowser.h"

namespace wharf::mysql {

/// Browses a MySQL / MariaDB server on its own read-only session: datasets are the databases
/// holding a `_dlt_version` table (and their `<dataset>_staging`); row estimates come from
/// information_schema; DECIMAL is read as exact text.
class MysqlBrowser : public SqlDatasetBrowser {
public:
    MysqlBrowser(Capabilities caps, MysqlConnectParams params);

    QList<BrowserDataset> listDatasets() override;

protected:
    void afterOpen() override;
    void applyWriteMode(bool allowed) override;
    void useDataset(const QString &dataset) override;
    void useAsDefault(const QString &dataset) override;
    QList<CatalogTable> catalogTables(const QString &dataset, const QString &onlyTable) override;
    QString textExpression(const QString &column) const override;
};

} // namespace wharf::mysql
