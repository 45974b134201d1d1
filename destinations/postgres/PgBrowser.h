#pragma once

#include "PgConnection.h"
#include "browse/SqlDatasetBrowser.h"

namespace wharf::postgres {

/// Browses a PostgreSQL database on its own read-only session: datasets are the schemas holding
/// a `_dlt_version` table (and their `<dataset>_staging`), row estimates come from pg_class
/// and the statistics collector, numeric columns are read as exact text.
class PgBrowser : public SqlDatasetBrowser {
public:
    PgBrowser(Capabilities caps, PgConnectParams params);

    QList<BrowserDataset> listDatasets() override;

protected:
    void afterOpen() override;
    void applyWriteMode(bool allowed) override;
    void useDataset(const QString &dataset) override;
    void useAsDefault(const QString &dataset) override;
    QList<CatalogTable> catalogTables(const QString &dataset, const QString &onlyTable) override;
    QString textExpression(const QString &column) const override;
    QString likeOperator() const override { return QStringLiteral("ILIKE"); }
};

} // namespace wharf::postgres
