#include "config/TomlValueFormat.h"

#include "Error.h"
#include "config/TomlSupport.h"

#include <cmath>

namespace wharf::toml_format {

namespace {

bool isBareKeyChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') || c == QLatin1Char('-');
}

QByteArray formatDouble(double v)
{
    if (std::isnan(v))
        return QByteArrayLiteral("nan");
    if (std::isinf(v))
        return v < 0 ? QByteArrayLiteral("-inf") : QByteArrayLiteral("inf");
    QByteArray text = QByteArray::number(v, 'g', 17);
    // TOML needs a fraction or an exponent to read the number back as a float.
    if (!text.contains('.') && !text.contains('e'))
        text += ".0";
    return text;
}

} // namespace

QByteArray formatKey(const QString &key)
{
    bool bare = !key.isEmpty();
    for (const QChar c : key)
        bare = bare && isBareKeyChar(c);
    return bare ? key.toUtf8() : formatString(key);
}

QByteArray formatDottedKey(const QStringList &path)
{
    QByteArrayList parts;
    for (const QString &key : path)
        parts << formatKey(key);
    return parts.join('.');
}

QByteArray formatString(const QString &text)
{
    QByteArray out("\"");
    for (const char32_t c : text.toUcs4()) {
        switch (c) {
        case U'"':
            out += "\\\"";
            break;
        case U'\\':
            out += "\\\\";
            break;
        case U'\b':
            out += "\\b";
            break;
        case U'\t':
            out += "\\t";
            break;
        case U'\n':
            out += "\\n";
            break;
        case U'\f':
            out += "\\f";
            break;
        case U'\r':
            out += "\\r";
            break;
        default:
            // TOML forbids other control characters (and DEL) unescaped in basic strings.
            if (c < 0x20 || c == 0x7f)
                out += "\\u" + QByteArray::number(uint(c), 16).toUpper().rightJustified(4, '0');
            else
                out += QString::fromUcs4(&c, 1).toUtf8();
        }
    }
    out += '"';
    return out;
}

QByteArray formatValue(const QVariant &value)
{
    const int type = value.typeId();
    if (type == QMetaType::Bool)
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    if (toml_support::isIntegralType(type))
        return QByteArray::number(value.toLongLong());
    if (type == QMetaType::Double || type == QMetaType::Float)
        return formatDouble(value.toDouble());
    if (type == QMetaType::QString)
        return formatString(value.toString());
    if (type == QMetaType::QStringList || type == QMetaType::QVariantList) {
        QByteArrayList parts;
        for (const QVariant &element : value.toList())
            parts << formatValue(element);
        return '[' + parts.join(", ") + ']';
    }
    if (type == QMetaType::QVariantMap) {
        const QVariantMap map = value.toMap();
        if (map.isEmpty())
            return QByteArrayLiteral("{}");
        QByteArrayList parts;
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            parts << formatKey(it.key()) + " = " + formatValue(it.value());
        return "{ " + parts.join(", ") + " }";
    }
    throw Error(ErrorKind::Config,
                QStringLiteral("cannot write a value of type %1 to TOML").arg(QLatin1String(value.typeName())));
}

QVariant normalized(const QVariant &value)
{
    const int type = value.typeId();
    if (toml_support::isIntegralType(type))
        return QVariant(value.toLongLong());
    if (type == QMetaType::Float)
        return QVariant(value.toDouble());
    if (type == QMetaType::QStringList || type == QMetaType::QVariantList) {
        QVariantList out;
        for (const QVariant &element : value.toList())
            out << normalized(element);
        return out;
    }
    if (type == QMetaType::QVariantMap) {
        QVariantMap out;
        const QVariantMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            out.insert(it.key(), normalized(it.value()));
        return out;
    }
    return value;
}

bool sameValue(const QVariant &a, const QVariant &b)
{
    if (a.typeId() != b.typeId())
        return false;
    switch (a.typeId()) {
    case QMetaType::QVariantMap: {
        const QVariantMap x = a.toMap();
        const QVariantMap y = b.toMap();
        if (x.keys() != y.keys())
            return false;
        for (auto it = x.cbegin(); it != x.cend(); ++it) {
            if (!sameValue(it.value(), y.value(it.key())))
                return false;
        }
        return true;
    }
    case QMetaType::QVariantList: {
        const QVariantList x = a.toList();
        const QVariantList y = b.toList();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!sameValue(x[i], y[i]))
                return false;
        }
        return true;
    }
    case QMetaType::Double:
        if (std::isnan(a.toDouble()) && std::isnan(b.toDouble()))
            return true;
        return a.toDouble() == b.toDouble();
    default:
        return a == b;
    }
}

QVariantMap pruned(const QVariantMap &map)
{
    QVariantMap out;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (it.value().typeId() == QMetaType::QVariantMap) {
            const QVariantMap sub = pruned(it.value().toMap());
            if (!sub.isEmpty())
                out.insert(it.key(), sub);
        } else {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}

QVariant valueAt(const QVariantMap &map, const QStringList &path)
{
    if (path.isEmpty())
        return map;
    const auto it = map.constFind(path.first());
    if (it == map.cend())
        return {};
    if (path.size() == 1)
        return *it;
    if (it->typeId() != QMetaType::QVariantMap)
        return {};
    return valueAt(it->toMap(), path.mid(1));
}

QVariantMap withValue(QVariantMap map, const QStringList &path, const QVariant &value)
{
    if (path.isEmpty())
        return map;
    if (path.size() == 1) {
        map.insert(path.first(), value);
        return map;
    }
    map.insert(path.first(), withValue(map.value(path.first()).toMap(), path.mid(1), value));
    return map;
}

QVariantMap without(QVariantMap map, const QStringList &path)
{
    if (path.isEmpty())
        return map;
    if (path.size() == 1) {
        map.remove(path.first());
        return map;
    }
    const auto it = map.find(path.first());
    if (it != map.end() && it->typeId() == QMetaType::QVariantMap)
        *it = without(it->toMap(), path.mid(1));
    return map;
}

} // namespace wharf::toml_format
