#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace wharf::toml_format {

/// A key as TOML text: bare when it only has A-Z a-z 0-9 _ -, else a quoted basic string.
QByteArray formatKey(const QString &key);
/// A dotted key (`a."b c".d`).
QByteArray formatDottedKey(const QStringList &path);
/// A basic string with TOML's escapes (quotes, backslashes, control characters as \uXXXX);
/// other characters, non-ASCII included, as UTF-8.
QByteArray formatString(const QString &text);
/// A value as TOML text: strings, integers, floating point (nan/inf included), booleans,
/// lists (inline arrays) and maps (inline tables). Throws Error(Config) for other types.
QByteArray formatValue(const QVariant &value);

/// The QVariant a TOML parser gives back for what formatValue() writes (qlonglong, double,
/// bool, QString, QVariantList, QVariantMap): what to compare a re-parsed document against.
QVariant normalized(const QVariant &value);
/// Deep equality of parsed values (NaN equals NaN).
bool sameValue(const QVariant &a, const QVariant &b);
/// `map` without tables that are empty (recursively), for comparing documents whose empty
/// tables may come and go with an edit.
QVariantMap pruned(const QVariantMap &map);

/// Map helpers on nested QVariantMaps along a key path.
QVariant valueAt(const QVariantMap &map, const QStringList &path);
QVariantMap withValue(QVariantMap map, const QStringList &path, const QVariant &value);
QVariantMap without(QVariantMap map, const QStringList &path);

} // namespace wharf::toml_format
