#include "config/TomlLayout.h"

#include "Error.h"
#include "config/TomlSupport.h"

#include <QSet>
#include <algorithm>

namespace wharf::toml_layout {

namespace {

using toml_support::fromStd;

/// Byte offset of 1-based code-point column `column` in UTF-8 `line`.
qsizetype utf8Offset(const QByteArray &line, int column)
{
    qsizetype i = 0;
    for (int c = 1; c < column && i < line.size(); ++c) {
        const auto lead = uchar(line[i]);
        i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    }
    return std::min(i, line.size());
}

bool isTableArray(const toml::array &array)
{
    if (array.empty())
        return false;
    for (const toml::node &element : array) {
        const toml::table *table = element.as_table();
        if (!table || table->is_inline())
            return false;
    }
    return true;
}

void collect(const toml::table &table, const QStringList &prefix, const QList<QByteArray> &lines, QList<KeyValue> &out)
{
    for (auto &&[key, node] : table) {
        const QStringList path = prefix + QStringList{fromStd(key.str())};
        if (const toml::table *sub = node.as_table(); sub && !sub->is_inline()) {
            collect(*sub, path, lines, out);
            continue;
        }
        if (const toml::array *array = node.as_array(); array && isTableArray(*array)) {
            for (const toml::node &element : *array)
                collect(*element.as_table(), path, lines, out);
            continue;
        }
        KeyValue kv;
        kv.path = path;
        kv.firstLine = int(node.source().begin.line) - 1;
        kv.lastLine = int(node.source().end.line) - 1;
        if (kv.firstLine < 0 || kv.firstLine >= lines.size())
            throw Error(ErrorKind::Internal, QStringLiteral("TOML value without a source position"));
        kv.valueBegin = utf8Offset(lines[kv.firstLine], int(node.source().begin.column));
        out.append(kv);
    }
}

} // namespace

bool startsWith(const QStringList &path, const QStringList &prefix)
{
    return path.size() >= prefix.size() && path.mid(0, prefix.size()) == prefix;
}

QList<KeySegment> keySegments(const QByteArray &line, qsizetype valueBegin)
{
    // Parsed on its own, a header line or a key followed by a dummy value is a chain of
    // one-key tables whose key positions are the positions in the original line.
    QByteArray snippet = valueBegin < 0 ? line : line.left(valueBegin) + '0';
    if (snippet.endsWith('\r'))
        snippet.chop(1);
    const toml::table root = toml_support::parse(snippet, QStringLiteral("key"));
    QList<KeySegment> out;
    const toml::table *table = &root;
    while (table && table->size() == 1) {
        // The iterator owns the key/node pair its operator* refers to, so it must outlive it.
        const auto it = table->begin();
        const auto &[key, node] = *it;
        const auto &where = key.source();
        out.append(
            {fromStd(key.str()), utf8Offset(line, int(where.begin.column)), utf8Offset(line, int(where.end.column))});
        table = node.as_table();
    }
    return out;
}

Layout Layout::analyse(const QByteArray &text, const toml::table &root)
{
    Layout layout;
    layout.lines = text.split('\n');
    collect(root, {}, layout.lines, layout.keyValues);
    std::sort(layout.keyValues.begin(), layout.keyValues.end(),
              [](const KeyValue &a, const KeyValue &b) { return a.firstLine < b.firstLine; });

    QSet<int> taken;
    for (const KeyValue &kv : std::as_const(layout.keyValues)) {
        for (int line = kv.firstLine; line <= kv.lastLine; ++line)
            taken.insert(line);
    }
    for (int line = 0; line < layout.lines.size(); ++line) {
        if (taken.contains(line) || !layout.lines[line].trimmed().startsWith('['))
            continue;
        Header header;
        header.line = line;
        header.lastContentLine = line;
        header.arrayOfTables = layout.lines[line].trimmed().startsWith("[[");
        header.segments = keySegments(layout.lines[line]);
        for (const KeySegment &segment : std::as_const(header.segments))
            header.path << segment.name;
        layout.headers.append(header);
    }
    for (const KeyValue &kv : std::as_const(layout.keyValues)) {
        const int index = layout.headerIndexOf(kv.firstLine);
        if (index >= 0)
            layout.headers[index].lastContentLine = std::max(layout.headers[index].lastContentLine, kv.lastLine);
    }
    return layout;
}

int Layout::headerIndexOf(int line) const
{
    int found = -1;
    for (int i = 0; i < headers.size() && headers[i].line < line; ++i)
        found = i;
    return found;
}

const Header *Layout::headerOf(int line) const
{
    const int index = headerIndexOf(line);
    return index < 0 ? nullptr : &headers[index];
}

QStringList Layout::blockPath(int line) const
{
    const Header *header = headerOf(line);
    return header ? header->path : QStringList();
}

bool Layout::isFree(int line) const
{
    for (const KeyValue &kv : keyValues) {
        if (line >= kv.firstLine && line <= kv.lastLine)
            return false;
    }
    return true;
}

int Layout::rootLastContentLine() const
{
    int last = -1;
    for (const KeyValue &kv : keyValues) {
        if (!headerOf(kv.firstLine))
            last = std::max(last, kv.lastLine);
    }
    return last;
}

qsizetype Layout::byteOffset(int line, int column) const
{
    return utf8Offset(lines[line], column);
}

qsizetype Layout::lineStart(int line) const
{
    qsizetype offset = 0;
    for (int i = 0; i < line; ++i)
        offset += lines[i].size() + 1;
    return offset;
}

} // namespace wharf::toml_layout
