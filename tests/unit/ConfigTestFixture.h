#pragma once

// Shared by tst_ConfigResolver and tst_ConfigCredentials: temp project/global .dlt folders,
// a constructed environment and helpers to build a ConfigResolver over them.
#include "Error.h"
#include "config/ConfigResolver.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace wharf;

namespace {

using Kind = ValueSource::Kind;

/// Where a test puts a TOML snippet.
enum Layer {
    Explicit = 1 << 0,
    Env = 1 << 1,
    ProjectSecrets = 1 << 2,
    GlobalSecrets = 1 << 3,
    ProjectConfig = 1 << 4,
    GlobalConfig = 1 << 5,
};

/// A project folder and a fake ~/.dlt inside one temporary folder, plus a constructed
/// environment: tests never read the real home or process environment.
class Fixture {
public:
    Fixture()
    {
        QDir(m_root.path()).mkpath(QStringLiteral("project/.dlt"));
        QDir(m_root.path()).mkpath(QStringLiteral("home/.dlt"));
    }

    QString projectDir() const { return m_root.filePath(QStringLiteral("project")); }
    QString globalDir() const { return m_root.filePath(QStringLiteral("home/.dlt")); }

    QString pathOf(Layer layer) const
    {
        switch (layer) {
        case ProjectSecrets:
            return projectDir() + QStringLiteral("/.dlt/secrets.toml");
        case GlobalSecrets:
            return globalDir() + QStringLiteral("/secrets.toml");
        case ProjectConfig:
            return projectDir() + QStringLiteral("/.dlt/config.toml");
        case GlobalConfig:
            return globalDir() + QStringLiteral("/config.toml");
        default:
            return {};
        }
    }

    /// Appends to the TOML file of `layer`.
    void write(Layer layer, const QString &toml) const
    {
        QFile file(pathOf(layer));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Append));
        file.write(toml.toUtf8());
    }

    ConfigLocations locations() const
    {
        ConfigLocations out;
        out.projectDir = projectDir();
        out.globalDir = globalDir();
        out.environment = env;
        out.pipelineName = pipelineName;
        return out;
    }

    QProcessEnvironment env; // empty, not the process environment
    QString pipelineName;

private:
    QTemporaryDir m_root;
};

ConfigField field(const QString &name, FieldType type, QVariant defaultValue = {}, bool required = false,
                  bool secret = false)
{
    ConfigField f;
    f.name = name;
    f.type = type;
    f.defaultValue = std::move(defaultValue);
    f.required = required;
    f.secret = secret;
    return f;
}

/// Shaped like dlt's PostgresCredentials (spec 5.8).
inline ConfigSpec postgresSpec()
{
    ConfigSpec spec;
    spec.destinationType = QStringLiteral("postgres");
    spec.scheme = QStringLiteral("postgresql");
    spec.credentials = {
        field(QStringLiteral("database"), FieldType::String, {}, true),
        field(QStringLiteral("username"), FieldType::String, {}, true),
        field(QStringLiteral("password"), FieldType::String, {}, true, true),
        field(QStringLiteral("host"), FieldType::String, {}, true),
        field(QStringLiteral("port"), FieldType::Int, 5432),
        field(QStringLiteral("connect_timeout"), FieldType::Int, 15),
        field(QStringLiteral("client_encoding"), FieldType::String),
    };
    spec.options = {field(QStringLiteral("create_indexes"), FieldType::Bool, true)};
    return spec;
}

inline ConfigSpec sqliteSpec()
{
    ConfigSpec spec;
    spec.destinationType = QStringLiteral("sqlite");
    spec.scheme = QStringLiteral("sqlite");
    spec.credentials = {field(QStringLiteral("database"), FieldType::Path, {}, true)};
    return spec;
}

/// Everything but the password, in the project's secrets.toml.
const QString kPostgresFieldsButPassword =
    QStringLiteral("[destination.postgres.credentials]\ndatabase = \"dlt_data\"\nusername = \"loader\"\n"
                   "host = \"localhost\"\n");

const QStringList kPostgresCredentials{QStringLiteral("destination"), QStringLiteral("postgres"),
                                       QStringLiteral("credentials")};

/// Runs `body`, which must throw a Config error, and returns its full text.
template <typename F> QString configErrorText(F &&body)
{
    try {
        body();
    } catch (const Error &e) {
        if (e.kind() != ErrorKind::Config)
            return QStringLiteral("<wrong kind %1>").arg(errorKindName(e.kind()));
        return e.fullText();
    }
    return QStringLiteral("<no error>");
}

} // namespace
