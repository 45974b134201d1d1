#include "browse/ColumnFilter.h"

#include "Error.h"

namespace wharf {

namespace {

/// A number when the text is one (so that 9 < 10 compares as numbers), else the text.
QVariant operand(const QString &text)
{
    bool ok = false;
    const qlonglong whole = text.toLongLong(&ok);
    if (ok)
        return whole;
    const double real = text.toDouble(&ok);
    if (ok && !text.contains(QLatin1Char('e'), Qt::CaseInsensitive))
        return real;
    return text;
}

Error needsValue(const QString &op)
{
    return Error(ErrorKind::Config, QStringLiteral("'%1' needs a value after it, e.g. %1 100").arg(op));
}

} // namespace

ColumnFilter ColumnFilter::parse(const QString &raw)
{
    ColumnFilter f;
    const QString text = raw.trimmed();
    // A leading quote makes the rest literal; a quote alone is searched for itself.
    if (text.startsWith(QLatin1Char('\'')) && text.size() > 1) {
        f.value = raw.mid(raw.indexOf(QLatin1Char('\'')) + 1); // as typed, spaces included
        return f;
    }
    const QString lower = text.toLower();
    if (lower == QLatin1String("null") || lower == QLatin1String("is null")) {
        f.op = Op::IsNull;
        return f;
    }
    if (lower == QLatin1String("not null") || lower == QLatin1String("is not null")) {
        f.op = Op::IsNotNull;
        return f;
    }
    if (lower == QLatin1String("like"))
        throw needsValue(QStringLiteral("like"));
    if (lower.startsWith(QLatin1String("like "))) {
        f.op = Op::Like;
        f.value = text.mid(5).trimmed();
        if (f.value.toString().isEmpty())
            throw needsValue(QStringLiteral("like"));
        return f;
    }
    // Longest operators first: "<=" before "<".
    static const struct {
        const char *token;
        Op op;
    } kOperators[] = {{"<>", Op::NotEqual}, {"!=", Op::NotEqual}, {"<=", Op::LessOrEqual}, {">=", Op::GreaterOrEqual},
                      {"=", Op::Equal},     {"<", Op::Less},      {">", Op::Greater}};
    for (const auto &candidate : kOperators) {
        const QLatin1String token(candidate.token);
        if (!text.startsWith(token))
            continue;
        const QString rest = text.mid(token.size()).trimmed();
        if (rest.isEmpty())
            throw needsValue(token);
        f.op = candidate.op;
        f.value = operand(rest);
        return f;
    }
    const qsizetype dots = text.indexOf(QLatin1String(".."));
    if (dots > 0) {
        const QString from = text.left(dots).trimmed();
        const QString to = text.mid(dots + 2).trimmed();
        if (!from.isEmpty() && !to.isEmpty()) {
            f.op = Op::Between;
            f.value = operand(from);
            f.second = operand(to);
            return f;
        }
    }
    f.value = raw;
    return f;
}

} // namespace wharf
