#include "config/DestinationConfigWriter.h"

#include "Error.h"
#include "config/TomlDocumentEditor.h"

#include <QDir>

namespace wharf {

namespace {

const QString kDestination = QStringLiteral("destination");
const QString kCredentials = QStringLiteral("credentials");

} // namespace

DestinationConfigWriter::DestinationConfigWriter(QString projectDir)
    : m_projectDir(std::move(projectDir))
{}

QString DestinationConfigWriter::secretsPath() const
{
    return QDir(m_projectDir).filePath(QStringLiteral(".dlt/secrets.toml"));
}

QString DestinationConfigWriter::configPath() const
{
    return QDir(m_projectDir).filePath(QStringLiteral(".dlt/config.toml"));
}

QString DestinationConfigWriter::fileFor(const DestinationSetting &setting) const
{
    return setting.credential || setting.secret ? secretsPath() : configPath();
}

QStringList DestinationConfigWriter::tableFor(const QString &name, const DestinationSetting &setting)
{
    QStringList table{kDestination, name};
    if (setting.credential)
        table << kCredentials;
    return table;
}

void DestinationConfigWriter::write(const QString &name, const QList<DestinationSetting> &settings)
{
    TomlDocumentEditor secrets = TomlDocumentEditor::load(secretsPath());
    TomlDocumentEditor config = TomlDocumentEditor::load(configPath());
    const QStringList credentials{kDestination, name, kCredentials};
    bool writesCredential = false;
    for (const DestinationSetting &setting : settings)
        writesCredential = writesCredential || setting.credential;
    if (writesCredential) {
        // Fields and a whole connection string cannot share the key: the fields replace it.
        for (TomlDocumentEditor *doc : {&secrets, &config}) {
            if (doc->contains(credentials) && !doc->isTable(credentials))
                doc->removeTable(credentials);
        }
    }
    for (const DestinationSetting &setting : settings) {
        // A dotted field (csv_format.delimiter) lives in a table of its own: [destination.x.csv_format].
        QStringList table = tableFor(name, setting);
        QStringList parts = setting.field.split(QLatin1Char('.'));
        const QString key = parts.takeLast();
        table += parts;
        if (!setting.value.isValid()) {
            for (TomlDocumentEditor *doc : {&secrets, &config}) {
                if (doc->contains(table) && doc->isTable(table))
                    doc->removeKey(table, key);
            }
            continue;
        }
        TomlDocumentEditor &target = fileFor(setting) == secretsPath() ? secrets : config;
        target.setValue(table, key, setting.value);
    }
    if (secrets.isModified())
        secrets.save(secretsPath(), TomlDocumentEditor::FileMode::OwnerOnly);
    if (config.isModified())
        config.save(configPath());
}

void DestinationConfigWriter::setConfigValue(const QStringList &path, const QVariant &value)
{
    if (path.isEmpty())
        throw Error(ErrorKind::Internal, QStringLiteral("setConfigValue: empty key"));
    TomlDocumentEditor config = TomlDocumentEditor::load(configPath());
    const QStringList table = path.mid(0, path.size() - 1);
    if (value.isValid()) {
        config.setValue(table, path.last(), value);
    } else if (config.contains(path)) {
        config.removeKey(table, path.last());
        // A reset that empties its table takes the table's header with it: no empty
        // [destination.sqlite] is left behind ([destination] itself is only an ancestor).
        for (QStringList t = table; t.size() >= 2 && config.isTable(t) && config.keys(t).isEmpty(); t.removeLast())
            config.removeTable(t);
    }
    if (config.isModified())
        config.save(configPath());
}

} // namespace wharf
