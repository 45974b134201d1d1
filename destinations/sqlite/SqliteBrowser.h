#pragma once

#include "browse/SqlDatasetBrowser.h"

namespace wharf::sqlite {

class SqliteConnection;

/// Browses the SQLite destination: the main database file and its dataset files
/// `<db>__<dataset>.db` next to it (SqliteConnection::datasetFile), opened read-only and
/// attached on demand. Row estimates come from sqlite_stat1 (ANALYZE), else max(rowid).
class SqliteBrowser : public SqlDatasetBrowser {
public:
    SqliteBrowser(Capabilities caps, const QString &databasePath);

    /// The dataset files found next to the main file (nothing is created when it is missing)
    /// plus "main" when the main file holds tables.
    QList<BrowserDataset> listDatasets() override;

protected:
    void useDataset(const QString &dataset) override;
    /// Reopens the file read-write (or read-only again); datasets are attached again on use.
    void applyWriteMode(bool allowed) override;
    QList<CatalogTable> catalogTables(const QString &dataset, const QString &onlyTable) override;

private:
    SqliteConnection &connection();
    bool mainHasTables();
    qint64 statisticsEstimate(const QString &dataset, const QString &table, const QString &rowid, bool haveStat1);
    QString m_path;
};

} // namespace wharf::sqlite
