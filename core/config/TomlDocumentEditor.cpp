#include "config/TomlDocumentEditor.h"

#include "Error.h"
#include "config/TomlLayout.h"
#include "config/TomlSupport.h"
#include "config/TomlValueFormat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <algorithm>

namespace wharf {

using toml_layout::KeyValue;
using toml_layout::Layout;
using toml_layout::startsWith;
using toml_support::navigate;

namespace {

QString dotted(const QStringList &path)
{
    return path.join(QLatin1Char('.'));
}

bool isBlank(const QByteArray &line)
{
    return line.trimmed().isEmpty();
}

QByteArray indentationOf(const QByteArray &line)
{
    qsizetype n = 0;
    while (n < line.size() && (line[n] == ' ' || line[n] == '\t'))
        ++n;
    return line.left(n);
}

/// A `[header]` table or an array of tables: things that are not a single value.
bool isStructural(const toml::node &node)
{
    if (const toml::table *table = node.as_table())
        return !table->is_inline();
    if (const toml::array *array = node.as_array())
        return !array->empty() && array->front().is_table() && !array->front().as_table()->is_inline();
    return false;
}

/// Index just past the last line of the text proper: the trailing empty "line" after a
/// final '\n' is not content.
int endIndex(const QList<QByteArray> &lines)
{
    return lines.size() > 0 && lines.last().isEmpty() ? int(lines.size()) - 1 : int(lines.size());
}

} // namespace

struct TomlDocumentEditor::Private {
    QByteArray text;
    QString name;
    toml::table root;
    bool modified = false;

    QString documentName() const { return name.isEmpty() ? QStringLiteral("the TOML document") : name; }
    QVariantMap map() const { return toml_support::toVariant(root).toMap(); }

    Error refused(const QString &what, const QString &why) const
    {
        return Error(ErrorKind::Config, QStringLiteral("cannot %1 in %2: %3").arg(what, documentName(), why));
    }

    /// Throws when an existing ancestor of `path` is a value, an array or an inline table.
    void checkAncestors(const QStringList &path, const QString &what) const
    {
        for (qsizetype i = 1; i < path.size(); ++i) {
            const QStringList prefix = path.mid(0, i);
            const toml::node *node = navigate(root, prefix);
            if (!node)
                return;
            if (node->is_array())
                throw refused(what, QStringLiteral("'%1' is an array").arg(dotted(prefix)));
            if (!node->is_table())
                throw refused(what, QStringLiteral("'%1' holds a value, not a table").arg(dotted(prefix)));
            if (node->as_table()->is_inline())
                throw refused(what,
                              QStringLiteral("'%1' is an inline table ({ ... }); Wharf does not change the keys "
                                             "of inline tables: write it as a [%1] table or edit the file by hand")
                                  .arg(dotted(prefix)));
        }
    }

    /// Throws when `path` lies inside a single value (an inline table or array).
    void checkNotInsideValue(const Layout &layout, const QStringList &path, const QString &what) const
    {
        for (const KeyValue &kv : layout.keyValues) {
            if (kv.path.size() < path.size() && startsWith(path, kv.path))
                throw refused(what, QStringLiteral("'%1' is an inline table or array; Wharf does not change the keys "
                                                   "inside it: edit the file by hand")
                                        .arg(dotted(kv.path)));
        }
    }

    /// Parses `newText` and makes it the document if it reads back as `expected`.
    void commit(const QByteArray &newText, const QVariantMap &expected, const QString &what)
    {
        toml::table parsed;
        try {
            parsed = toml_support::parse(newText, documentName());
        } catch (const Error &e) {
            throw refused(
                what,
                QStringLiteral("the edited text would not be valid TOML (%1); nothing was changed").arg(e.message()));
        }
        const QVariantMap actual = toml_support::toVariant(parsed).toMap();
        if (!toml_format::sameValue(toml_format::pruned(actual), toml_format::pruned(expected)))
            throw refused(what, QStringLiteral("the edited document would not read back as intended; nothing was "
                                               "changed"));
        text = newText;
        root = std::move(parsed);
        modified = true;
    }

    QList<QByteArray> insertNewKey(const Layout &layout, const QStringList &table, const QString &key,
                                   const QByteArray &value) const;
};

QList<QByteArray> TomlDocumentEditor::Private::insertNewKey(const Layout &layout, const QStringList &table,
                                                            const QString &key, const QByteArray &value) const
{
    QList<QByteArray> lines = layout.lines;
    const QStringList full = table + QStringList{key};
    // Lines we add end like the file's first line (CRLF files stay CRLF).
    const QByteArray eol = !lines.isEmpty() && lines.first().endsWith('\r') ? QByteArrayLiteral("\r") : QByteArray();
    const auto keyLine = [&](const QByteArray &indent, const QStringList &relative) {
        return indent + toml_format::formatDottedKey(relative) + " = " + value + eol;
    };
    const auto insertBlock = [&](int at, const QList<QByteArray> &block) {
        for (qsizetype i = block.size() - 1; i >= 0; --i)
            lines.insert(at, block[i]);
    };

    // The root table: after its last key, else at the top.
    if (table.isEmpty()) {
        lines.insert(layout.rootLastContentLine() + 1, keyLine({}, {key}));
        return lines;
    }
    // The table has a [header]: at the end of its block, indented like its keys.
    for (const toml_layout::Header &header : layout.headers) {
        if (header.arrayOfTables || header.path != table)
            continue;
        QByteArray indent;
        for (const KeyValue &kv : layout.keyValues) {
            if (layout.headerOf(kv.firstLine) == &header)
                indent = indentationOf(layout.lines[kv.firstLine]);
        }
        lines.insert(header.lastContentLine + 1, keyLine(indent, {key}));
        return lines;
    }
    // The table was made by dotted keys (`pg.host = ...` under [destination]): next to them.
    const KeyValue *lastDotted = nullptr;
    QStringList dottedBase;
    for (const KeyValue &kv : layout.keyValues) {
        const QStringList base = layout.blockPath(kv.firstLine);
        if (kv.path.size() > table.size() && startsWith(kv.path, table) && base.size() < table.size()) {
            lastDotted = &kv;
            dottedBase = base;
        }
    }
    if (lastDotted) {
        const QByteArray indent = indentationOf(layout.lines[lastDotted->firstLine]);
        lines.insert(lastDotted->lastLine + 1, keyLine(indent, full.mid(dottedBase.size())));
        return lines;
    }
    // A new [table]: before its first sub-table's header (and the comments right above it),
    // else after the block of its closest relative, else at the end.
    const QByteArray header = '[' + toml_format::formatDottedKey(table) + ']' + eol;
    for (const toml_layout::Header &sub : layout.headers) {
        if (sub.path.size() <= table.size() || !startsWith(sub.path, table))
            continue;
        int at = sub.line;
        while (at > 0 && layout.lines[at - 1].trimmed().startsWith('#') && layout.isFree(at - 1))
            --at;
        QList<QByteArray> block{header, keyLine({}, {key}), eol};
        if (at > 0 && !isBlank(layout.lines[at - 1]))
            block.prepend(eol);
        insertBlock(at, block);
        return lines;
    }
    const toml_layout::Header *relative = nullptr;
    qsizetype bestShared = 0;
    for (const toml_layout::Header &candidate : layout.headers) {
        qsizetype shared = 0;
        while (shared < candidate.path.size() && shared < table.size() && candidate.path[shared] == table[shared])
            ++shared;
        if (shared > 0 && shared >= bestShared) {
            bestShared = shared;
            relative = &candidate;
        }
    }
    if (relative) {
        insertBlock(relative->lastContentLine + 1, {eol, header, keyLine({}, {key})});
        return lines;
    }
    const int end = endIndex(lines);
    QList<QByteArray> block{header, keyLine({}, {key})};
    if (end > 0 && !isBlank(lines[end - 1]))
        block.prepend(eol);
    if (end == lines.size()) {
        // The file had no final newline: its last line gets one, and so does ours.
        if (end > 0)
            lines[end - 1] += eol;
        block.append(QByteArray());
    }
    insertBlock(end, block);
    return lines;
}

TomlDocumentEditor::TomlDocumentEditor()
    : d(std::make_unique<Private>())
{}

TomlDocumentEditor::TomlDocumentEditor(const QByteArray &text, const QString &name)
    : d(std::make_unique<Private>())
{
    d->name = name;
    d->root = toml_support::parse(text, d->documentName());
    d->text = text;
}

TomlDocumentEditor::~TomlDocumentEditor() = default;
TomlDocumentEditor::TomlDocumentEditor(TomlDocumentEditor &&) noexcept = default;
TomlDocumentEditor &TomlDocumentEditor::operator=(TomlDocumentEditor &&) noexcept = default;

TomlDocumentEditor TomlDocumentEditor::load(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        TomlDocumentEditor empty;
        empty.d->name = path;
        return empty;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        SourceLocation where;
        where.file = path;
        throw Error(ErrorKind::Config, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()), where);
    }
    return TomlDocumentEditor(file.readAll(), path);
}

const QByteArray &TomlDocumentEditor::text() const
{
    return d->text;
}

const QString &TomlDocumentEditor::name() const
{
    return d->name;
}

bool TomlDocumentEditor::isModified() const
{
    return d->modified;
}

bool TomlDocumentEditor::contains(const QStringList &path) const
{
    return navigate(d->root, path) != nullptr;
}

QVariant TomlDocumentEditor::value(const QStringList &path) const
{
    const toml::node *node = navigate(d->root, path);
    return node ? toml_support::toVariant(*node) : QVariant();
}

bool TomlDocumentEditor::isTable(const QStringList &path) const
{
    const toml::node *node = navigate(d->root, path);
    return node && node->is_table();
}

QStringList TomlDocumentEditor::keys(const QStringList &path) const
{
    QStringList out;
    const toml::node *node = navigate(d->root, path);
    if (const toml::table *table = node ? node->as_table() : nullptr) {
        for (auto &&[key, value] : *table)
            out << toml_support::fromStd(key.str());
    }
    return out;
}

void TomlDocumentEditor::setValue(const QStringList &table, const QString &key, const QVariant &value)
{
    const QStringList full = table + QStringList{key};
    const QString what = QStringLiteral("set '%1'").arg(dotted(full));
    const QByteArray formatted = toml_format::formatValue(value);
    const QVariantMap expected = toml_format::withValue(d->map(), full, toml_format::normalized(value));
    const toml::node *node = navigate(d->root, full);
    if (node && isStructural(*node))
        throw d->refused(what, QStringLiteral("it is a table; remove the table first"));
    const Layout layout = Layout::analyse(d->text, d->root);
    if (node) {
        // In place, wherever the value stands (inline tables included).
        const auto &where = node->source();
        const int first = int(where.begin.line) - 1;
        const int last = int(where.end.line) - 1;
        const qsizetype begin = layout.lineStart(first) + layout.byteOffset(first, int(where.begin.column));
        const qsizetype end = layout.lineStart(last) + layout.byteOffset(last, int(where.end.column));
        d->commit(d->text.left(begin) + formatted + d->text.mid(end), expected, what);
        return;
    }
    d->checkAncestors(full, what);
    d->checkNotInsideValue(layout, full, what);
    d->commit(d->insertNewKey(layout, table, key, formatted).join('\n'), expected, what);
}

bool TomlDocumentEditor::removeKey(const QStringList &table, const QString &key)
{
    const QStringList full = table + QStringList{key};
    const toml::node *node = navigate(d->root, full);
    if (!node)
        return false;
    if (isStructural(*node))
        throw d->refused(QStringLiteral("remove '%1'").arg(dotted(full)), QStringLiteral("it is a table"));
    return removeTable(full);
}

bool TomlDocumentEditor::removeTable(const QStringList &path)
{
    if (path.isEmpty() || !navigate(d->root, path))
        return false;
    const QString what = QStringLiteral("remove '%1'").arg(dotted(path));
    const Layout layout = Layout::analyse(d->text, d->root);
    d->checkNotInsideValue(layout, path, what);
    QSet<int> drop;
    for (const toml_layout::Header &header : layout.headers) {
        if (startsWith(header.path, path)) {
            for (int line = header.line; line <= header.lastContentLine; ++line)
                drop.insert(line);
        }
    }
    for (const KeyValue &kv : layout.keyValues) {
        if (startsWith(kv.path, path)) {
            for (int line = kv.firstLine; line <= kv.lastLine; ++line)
                drop.insert(line);
        }
    }
    // Where a removed run leaves two blank lines (or a blank one at the end), drop one.
    const QList<QByteArray> &lines = layout.lines;
    const int end = endIndex(lines);
    QSet<int> extra;
    for (int line = 0; line < end; ++line) {
        if (!drop.contains(line) || (line > 0 && drop.contains(line - 1)))
            continue;
        int last = line;
        while (last + 1 < end && drop.contains(last + 1))
            ++last;
        const bool blankBefore = line == 0 || isBlank(lines[line - 1]);
        if (last + 1 >= end) {
            if (line > 0 && isBlank(lines[line - 1]))
                extra.insert(line - 1);
        } else if (blankBefore && isBlank(lines[last + 1])) {
            extra.insert(last + 1);
        }
    }
    drop.unite(extra);
    QList<QByteArray> kept;
    for (int line = 0; line < lines.size(); ++line) {
        if (!drop.contains(line))
            kept << lines[line];
    }
    d->commit(kept.join('\n'), toml_format::without(d->map(), path), what);
    return true;
}

bool TomlDocumentEditor::renameTable(const QStringList &path, const QString &newName)
{
    if (path.isEmpty() || !navigate(d->root, path))
        return false;
    const QStringList target = path.mid(0, path.size() - 1) + QStringList{newName};
    const QString what = QStringLiteral("rename '%1' to '%2'").arg(dotted(path), dotted(target));
    if (newName.isEmpty())
        throw d->refused(what, QStringLiteral("the new name is empty"));
    if (target == path)
        return true;
    if (navigate(d->root, target))
        throw d->refused(what, QStringLiteral("'%1' exists already").arg(dotted(target)));
    const Layout layout = Layout::analyse(d->text, d->root);
    d->checkNotInsideValue(layout, path, what);

    struct Replacement {
        int line;
        toml_layout::KeySegment segment;
    };
    QList<Replacement> replacements;
    const qsizetype index = path.size() - 1;
    for (const toml_layout::Header &header : layout.headers) {
        if (startsWith(header.path, path))
            replacements.append({header.line, header.segments[index]});
    }
    for (const KeyValue &kv : layout.keyValues) {
        const QStringList base = layout.blockPath(kv.firstLine);
        if (!startsWith(kv.path, path) || base.size() > index)
            continue; // not named here, or named by its block's header
        const auto segments = toml_layout::keySegments(layout.lines[kv.firstLine], kv.valueBegin);
        if (segments.size() != kv.path.size() - base.size())
            throw d->refused(what, QStringLiteral("the key of line %1 could not be located").arg(kv.firstLine + 1));
        replacements.append({kv.firstLine, segments[index - base.size()]});
    }
    QList<QByteArray> lines = layout.lines;
    for (const Replacement &r : std::as_const(replacements)) {
        QByteArray &line = lines[r.line];
        line = line.left(r.segment.begin) + toml_format::formatKey(newName) + line.mid(r.segment.end);
    }
    const QVariantMap old = d->map();
    const QVariantMap expected =
        toml_format::withValue(toml_format::without(old, path), target, toml_format::valueAt(old, path));
    d->commit(lines.join('\n'), expected, what);
    return true;
}

void TomlDocumentEditor::save(const QString &path, FileMode mode) const
{
    SourceLocation where;
    where.file = path;
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        throw Error(ErrorKind::Config, QStringLiteral("cannot create the folder %1").arg(folder), where);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(ErrorKind::Config, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()), where);
    // Before the first byte: a secrets file is never readable by others, not even briefly.
    if (mode == FileMode::OwnerOnly && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        throw Error(ErrorKind::Config,
                    QStringLiteral("cannot make %1 private (mode 0600): %2").arg(path, file.errorString()), where);
    if (file.write(d->text) != d->text.size() || !file.commit())
        throw Error(ErrorKind::Config, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()), where);
}

} // namespace wharf
