#include "config/DestinationCatalog.h"

#include "Error.h"
#include "config/TomlDocumentEditor.h"

#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <algorithm>
#include <utility>
#include <vector>

namespace wharf {

namespace {

const QString kDestination = QStringLiteral("destination");
const QString kDestinationType = QStringLiteral("destination_type");
const QString kCredentials = QStringLiteral("credentials");

/// Sets every leaf of `value` below `table` (sub-tables become [tables] of their own).
void copyInto(TomlDocumentEditor &target, const QStringList &table, const QVariantMap &value)
{
    for (auto it = value.cbegin(); it != value.cend(); ++it) {
        if (it->typeId() == QMetaType::QVariantMap)
            copyInto(target, table + QStringList{it.key()}, it->toMap());
        else
            target.setValue(table, it.key(), *it);
    }
}

} // namespace

DestinationCatalog::DestinationCatalog(ConfigLocations locations, QStringList offeredTypes, QStringList knownTypes)
    : m_locations(std::move(locations))
    , m_offeredTypes(std::move(offeredTypes))
    , m_knownTypes(std::move(knownTypes))
{
    for (const QString &type : std::as_const(m_offeredTypes)) {
        if (!m_knownTypes.contains(type))
            m_knownTypes << type;
    }
    reload();
}

QString DestinationCatalog::projectSecretsPath() const
{
    return QDir(m_locations.projectDir).filePath(QStringLiteral(".dlt/secrets.toml"));
}

QString DestinationCatalog::projectConfigPath() const
{
    return QDir(m_locations.projectDir).filePath(QStringLiteral(".dlt/config.toml"));
}

QList<DestinationCatalog::File> DestinationCatalog::files() const
{
    QList<File> out{{projectSecretsPath(), true, true}, {projectConfigPath(), false, true}};
    if (m_locations.globalDir.isEmpty())
        return out;
    // Run from the home folder, ~/.dlt is the project's folder too: list it once.
    const QString projectDlt =
        QFileInfo(QDir(m_locations.projectDir).filePath(QStringLiteral(".dlt"))).canonicalFilePath();
    if (!projectDlt.isEmpty() && projectDlt == QFileInfo(m_locations.globalDir).canonicalFilePath())
        return out;
    out << File{QDir(m_locations.globalDir).filePath(QStringLiteral("secrets.toml")), true, false}
        << File{QDir(m_locations.globalDir).filePath(QStringLiteral("config.toml")), false, false};
    return out;
}

void DestinationCatalog::reload()
{
    QMap<QString, QStringList> definedIn; // name -> files
    QStringList order;
    for (const File &file : files()) {
        const TomlDocumentEditor doc = TomlDocumentEditor::load(file.path);
        for (const QString &name : doc.keys({kDestination})) {
            // [destination.credentials] is dlt's fallback for every destination, not one.
            if (name == kCredentials || !doc.isTable({kDestination, name}))
                continue;
            if (!definedIn.contains(name))
                order << name;
            definedIn[name] << file.path;
        }
    }
    const ConfigResolver resolver(m_locations);
    QList<DestinationEntry> entries;
    for (const QString &type : std::as_const(m_offeredTypes)) {
        DestinationEntry entry;
        entry.name = type;
        entry.type = resolver.destinationType(type);
        entry.files = definedIn.value(type);
        entry.builtin = true;
        entry.typeKnown = m_knownTypes.contains(entry.type);
        entries << entry;
    }
    std::sort(order.begin(), order.end());
    for (const QString &name : std::as_const(order)) {
        if (m_offeredTypes.contains(name))
            continue;
        DestinationEntry entry;
        entry.name = name;
        entry.type = resolver.destinationType(name);
        entry.files = definedIn.value(name);
        entry.typeKnown = m_knownTypes.contains(entry.type);
        entries << entry;
    }
    m_entries = entries;
}

std::optional<DestinationEntry> DestinationCatalog::entry(const QString &name) const
{
    for (const DestinationEntry &e : m_entries) {
        if (e.name == name)
            return e;
    }
    return std::nullopt;
}

bool DestinationCatalog::isValidName(const QString &name, QString *why)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QString reason;
    if (name.isEmpty())
        reason = QStringLiteral("the name is empty");
    else if (!pattern.match(name).hasMatch())
        reason = QStringLiteral("'%1' is not a valid name: use letters, digits and '_', starting with a letter or '_' "
                                "(it becomes a [destination.%1] section and DESTINATION__%2__... variables)")
                     .arg(name, name.toUpper());
    else if (name == kCredentials)
        reason = QStringLiteral("'credentials' is reserved: [destination.credentials] applies to every destination");
    if (why)
        *why = reason;
    return reason.isEmpty();
}

void DestinationCatalog::checkNewName(const QString &name) const
{
    QString why;
    if (!isValidName(name, &why))
        throw Error(ErrorKind::Config, why);
    // Environment variables are upper case: names differing only by case would share them.
    for (const DestinationEntry &e : m_entries) {
        if (e.name.compare(name, Qt::CaseInsensitive) == 0)
            throw Error(ErrorKind::Config, QStringLiteral("a destination named '%1' exists already").arg(e.name));
    }
}

DestinationEntry DestinationCatalog::existing(const QString &name) const
{
    const auto found = entry(name);
    if (!found)
        throw Error(ErrorKind::Config, QStringLiteral("there is no destination named '%1'").arg(name));
    return *found;
}

void DestinationCatalog::add(const QString &name, const QString &type)
{
    checkNewName(name);
    if (!m_knownTypes.contains(type))
        throw Error(ErrorKind::Config, QStringLiteral("unknown destination type '%1' (known: %2)")
                                           .arg(type, m_knownTypes.join(QStringLiteral(", "))));
    TomlDocumentEditor config = TomlDocumentEditor::load(projectConfigPath());
    config.setValue({kDestination, name}, kDestinationType, type);
    config.save(projectConfigPath());
    reload();
}

void DestinationCatalog::duplicate(const QString &from, const QString &to)
{
    const DestinationEntry source = existing(from);
    checkNewName(to);
    TomlDocumentEditor secrets = TomlDocumentEditor::load(projectSecretsPath());
    TomlDocumentEditor config = TomlDocumentEditor::load(projectConfigPath());
    // Global files first, so that project values overwrite them (as they win when resolving).
    QList<File> all = files();
    std::reverse(all.begin(), all.end());
    for (const File &file : std::as_const(all)) {
        const TomlDocumentEditor doc = TomlDocumentEditor::load(file.path);
        const QVariant table = doc.value({kDestination, from});
        if (table.typeId() == QMetaType::QVariantMap)
            copyInto(file.secrets ? secrets : config, {kDestination, to}, table.toMap());
    }
    if (secrets.contains({kDestination, to, kDestinationType}))
        secrets.removeKey({kDestination, to}, kDestinationType);
    config.setValue({kDestination, to}, kDestinationType, source.type);
    if (secrets.isModified())
        secrets.save(projectSecretsPath(), TomlDocumentEditor::FileMode::OwnerOnly);
    config.save(projectConfigPath());
    reload();
}

void DestinationCatalog::rename(const QString &from, const QString &to)
{
    const DestinationEntry source = existing(from);
    if (!source.isConfigured())
        throw Error(ErrorKind::Config,
                    QStringLiteral("'%1' is not configured in any file: there is nothing to rename").arg(from));
    checkNewName(to);
    std::vector<std::pair<File, TomlDocumentEditor>> edited;
    bool typeWritten = false;
    for (const File &file : files()) {
        TomlDocumentEditor doc = TomlDocumentEditor::load(file.path);
        typeWritten = typeWritten || doc.contains({kDestination, from, kDestinationType});
        if (doc.renameTable({kDestination, from}, to))
            edited.emplace_back(file, std::move(doc));
    }
    // A destination named after its type ("postgres") needs its type written down now.
    if (!typeWritten) {
        auto it = std::find_if(edited.begin(), edited.end(),
                               [this](const auto &e) { return e.first.path == projectConfigPath(); });
        if (it == edited.end()) {
            edited.emplace_back(File{projectConfigPath(), false, true}, TomlDocumentEditor::load(projectConfigPath()));
            it = edited.end() - 1;
        }
        it->second.setValue({kDestination, to}, kDestinationType, source.type);
    }
    for (const auto &[file, doc] : edited)
        doc.save(file.path,
                 file.secrets ? TomlDocumentEditor::FileMode::OwnerOnly : TomlDocumentEditor::FileMode::Keep);
    reload();
}

void DestinationCatalog::remove(const QString &name)
{
    existing(name);
    std::vector<std::pair<File, TomlDocumentEditor>> edited;
    for (const File &file : files()) {
        TomlDocumentEditor doc = TomlDocumentEditor::load(file.path);
        if (doc.removeTable({kDestination, name}))
            edited.emplace_back(file, std::move(doc));
    }
    for (const auto &[file, doc] : edited)
        doc.save(file.path,
                 file.secrets ? TomlDocumentEditor::FileMode::OwnerOnly : TomlDocumentEditor::FileMode::Keep);
    reload();
}

} // namespace wharf
