#include "config/TomlSupport.h"

#include "Error.h"

#include <QFile>
#include <QFileInfo>
#include <sstream>
#include <string>

namespace wharf::toml_support {

namespace {

template <typename T> QString streamed(const T &value)
{
    std::ostringstream out;
    out << value;
    return QString::fromStdString(out.str());
}

Error syntaxError(const QString &path, const toml::parse_error &error)
{
    SourceLocation where;
    where.file = path;
    where.line = qint64(error.source().begin.line);
    where.column = qint64(error.source().begin.column);
    return Error(ErrorKind::Config,
                 QStringLiteral("invalid TOML in %1 at line %2, column %3: %4")
                     .arg(path)
                     .arg(where.line)
                     .arg(where.column)
                     .arg(fromStd(error.description())),
                 where);
}

} // namespace

bool isIntegralType(int typeId)
{
    switch (typeId) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return true;
    default:
        return false;
    }
}

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QVariant toVariant(const toml::node &node)
{
    switch (node.type()) {
    case toml::node_type::string:
        return fromStd(node.as_string()->get());
    case toml::node_type::integer:
        return QVariant(qlonglong(node.as_integer()->get()));
    case toml::node_type::floating_point:
        return QVariant(node.as_floating_point()->get());
    case toml::node_type::boolean:
        return QVariant(node.as_boolean()->get());
    case toml::node_type::date:
        return streamed(node.as_date()->get());
    case toml::node_type::time:
        return streamed(node.as_time()->get());
    case toml::node_type::date_time:
        return streamed(node.as_date_time()->get());
    case toml::node_type::array: {
        QVariantList list;
        for (const toml::node &element : *node.as_array())
            list << toVariant(element);
        return list;
    }
    case toml::node_type::table: {
        QVariantMap map;
        for (auto &&[key, value] : *node.as_table())
            map.insert(fromStd(key.str()), toVariant(value));
        return map;
    }
    case toml::node_type::none:
        break;
    }
    return {};
}

const toml::node *navigate(const toml::table &root, const QStringList &path)
{
    const toml::node *node = &root;
    for (const QString &part : path) {
        const toml::table *table = node->as_table();
        if (!table)
            return nullptr;
        const QByteArray key = part.toUtf8();
        node = table->get(std::string_view(key.constData(), size_t(key.size())));
        if (!node)
            return nullptr;
    }
    return node;
}

toml::table parse(const QByteArray &bytes, const QString &path)
{
    const std::string_view document(bytes.constData(), size_t(bytes.size()));
    const std::string source = path.toStdString();
#if TOML_EXCEPTIONS
    try {
        return toml::parse(document, source);
    } catch (const toml::parse_error &error) {
        throw syntaxError(path, error);
    }
#else
    toml::parse_result result = toml::parse(document, source);
    if (!result)
        throw syntaxError(path, result.error());
    return std::move(result).table();
#endif
}

std::optional<toml::table> loadFile(const QString &path)
{
    if (!QFileInfo::exists(path))
        return std::nullopt;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        SourceLocation where;
        where.file = path;
        throw Error(ErrorKind::Config, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()), where);
    }
    return parse(file.readAll(), path);
}

} // namespace wharf::toml_support
