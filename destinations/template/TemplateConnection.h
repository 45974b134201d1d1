#pragma once

#include "config/ConfigResolver.h"
#include "sql/SqlClient.h"

namespace wharf::templ {

/// Step 5 of the guide: the SQL client over the database's native client library - connect,
/// transactions, statements with bound parameters, datasets, cancel - with its errors
/// classified (see destinations/mysql/MysqlConnection.cpp and MysqlError.cpp). Until it is
/// written, every call says so.
class TemplateConnection : public SqlClient {
public:
    TemplateConnection(Capabilities caps, ResolvedConfig config, QString dataset);

    void open() override;
    void close() override {}
    bool isOpen() const override { return false; }
    void begin() override;
    void commit() override;
    void rollback() noexcept override {}
    bool inTransaction() const override { return false; }
    void execute(const QString &sql, const QVariantList &params = {}) override;
    QList<QVariantList> query(const QString &sql, const QVariantList &params = {}) override;
    QString placeholder(int) const override { return QStringLiteral("?"); }
    bool hasDataset() override;
    void createDataset() override;
    void dropDataset() override;
    QMap<QString, QStringList> existingColumns(const QStringList &tables) override;
    void cancel() override {}

private:
    [[noreturn]] void notWritten(const char *what) const;
    ResolvedConfig m_config;
};

} // namespace wharf::templ
