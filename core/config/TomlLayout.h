#pragma once

// Internal to core/config: where things are in a TOML document's text, for
// TomlDocumentEditor. Includes toml++.
#include <QByteArray>
#include <QList>
#include <QStringList>

#include <toml++/toml.h>

namespace wharf::toml_layout {

/// One key of a dotted key or header, as bytes [begin, end) of its line.
struct KeySegment {
    QString name;
    qsizetype begin = 0;
    qsizetype end = 0;
};

/// A `key = value` line (the value may continue on following lines). Values inside inline
/// tables are not listed: the inline table is one KeyValue.
struct KeyValue {
    QStringList path;         ///< absolute key path
    int firstLine = 0;        ///< 0-based
    int lastLine = 0;         ///< 0-based, inclusive
    qsizetype valueBegin = 0; ///< byte offset of the value in firstLine
};

/// A `[table]` or `[[array]]` header line.
struct Header {
    int line = 0;
    QStringList path;
    bool arrayOfTables = false;
    QList<KeySegment> segments;
    int lastContentLine = 0; ///< the header, or the last line of its block's last key/value
};

/// The document's lines, key/value lines and headers. Lines are the text split at '\n'
/// (a '\r' stays at the end of its line), so joining them with '\n' gives the text back.
struct Layout {
    QList<QByteArray> lines;
    QList<KeyValue> keyValues; ///< in line order
    QList<Header> headers;     ///< in line order

    /// Analyses `text`, whose parse is `root`.
    static Layout analyse(const QByteArray &text, const toml::table &root);

    /// Index in `headers` of the header whose block holds `line`; -1 for the root block.
    int headerIndexOf(int line) const;
    /// The header whose block holds `line`; nullptr for the root block.
    const Header *headerOf(int line) const;
    /// The path of that header (empty for the root block).
    QStringList blockPath(int line) const;
    /// `line` is not part of a key/value (so a comment there is a comment).
    bool isFree(int line) const;
    /// Last line of the root block's last key/value, or -1.
    int rootLastContentLine() const;
    /// Byte offset in `line` of 1-based code-point column `column` (toml++'s columns).
    qsizetype byteOffset(int line, int column) const;
    /// Byte offset of the start of `line` in the text.
    qsizetype lineStart(int line) const;
    QByteArray text() const { return lines.join('\n'); }
};

/// The keys of a dotted key or header at the start of `line`: for a header line, the line
/// itself; for a key/value line, the bytes before the value (`valueBegin`).
QList<KeySegment> keySegments(const QByteArray &line, qsizetype valueBegin = -1);

bool startsWith(const QStringList &path, const QStringList &prefix);

} // namespace wharf::toml_layout
