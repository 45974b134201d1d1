#pragma once

// Internal to core/config: toml++ helpers shared by ConfigResolver, TomlDocumentEditor and
// DestinationCatalog. Includes toml++, so it must not be included from public headers.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <optional>
#include <string_view>

#include <toml++/toml.h>

namespace wharf::toml_support {

QString fromStd(std::string_view text);
/// Is QMetaType `typeId` one of the integer types (what TOML writes as an integer)?
bool isIntegralType(int typeId);

/// A TOML node as a QVariant: strings, qlonglong, double, bool; dates and times as their TOML
/// text; arrays as QVariantList; tables as QVariantMap.
QVariant toVariant(const toml::node &node);

/// The node at `path` below `root` (tables only), or nullptr.
const toml::node *navigate(const toml::table &root, const QStringList &path);

/// Parses `bytes`; `path` names the document in errors. Throws Error(Config) naming file,
/// line and column for invalid TOML.
toml::table parse(const QByteArray &bytes, const QString &path);

/// Reads and parses a file. A file that does not exist gives std::nullopt (dlt treats it as
/// empty); one that cannot be read or parsed throws Error(Config).
std::optional<toml::table> loadFile(const QString &path);

} // namespace wharf::toml_support
