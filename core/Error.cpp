#include "Error.h"

#include <algorithm>

namespace wharf {

QString clipForMessage(const QString &text, int max)
{
    if (text.size() <= max)
        return text;
    const int head = std::max(1, max * 2 / 3);
    const int tail = std::max(1, max - head);
    return text.left(head) + QStringLiteral("…(%1 characters)…").arg(text.size()) + text.right(tail);
}

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Transient:
        return QStringLiteral("transient");
    case ErrorKind::Terminal:
        return QStringLiteral("terminal");
    case ErrorKind::Config:
        return QStringLiteral("config");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorKind::Internal:
        break;
    }
    return QStringLiteral("internal");
}

QString SourceLocation::toString() const
{
    QString out = file;
    if (line > 0) {
        out += QStringLiteral(":%1").arg(line);
        if (column > 0)
            out += QStringLiteral(":%1").arg(column);
    }
    if (!field.isEmpty()) {
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        out += QStringLiteral("(field %1)").arg(field);
    }
    return out;
}

Error::Error(ErrorKind kind, QString message, SourceLocation where)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_location(std::move(where))
{}

Error &Error::withLocation(SourceLocation where)
{
    m_location = std::move(where);
    m_what.clear();
    return *this;
}

static QString composeText(const SourceLocation &loc, const QString &message, const QString &detail,
                           const QString &hint, const QString &sqlState)
{
    QString out;
    if (!loc.isEmpty())
        out = loc.toString() + QStringLiteral(": ");
    out += message;
    if (!detail.isEmpty())
        out += QStringLiteral("\nDETAIL: ") + detail;
    if (!hint.isEmpty())
        out += QStringLiteral("\nHINT: ") + hint;
    if (!sqlState.isEmpty())
        out += QStringLiteral("\nSQLSTATE: ") + sqlState;
    return out;
}

QString Error::fullText() const
{
    return composeText(m_location, m_message, detail, hint, sqlState);
}

const char *Error::what() const noexcept
{
    if (m_what.empty())
        m_what = fullText().toStdString();
    return m_what.c_str();
}

ErrorInfo ErrorInfo::from(const Error &e)
{
    ErrorInfo info;
    info.kind = e.kind();
    info.message = e.message();
    info.location = e.location();
    info.sqlState = e.sqlState;
    info.detail = e.detail;
    info.hint = e.hint;
    info.statement = e.statement;
    info.connectionLost = e.connectionLost;
    return info;
}

ErrorInfo ErrorInfo::fromStd(const std::exception &e)
{
    if (auto *we = dynamic_cast<const Error *>(&e))
        return from(*we);
    ErrorInfo info;
    info.kind = ErrorKind::Internal;
    info.message = QString::fromUtf8(e.what());
    return info;
}

QString ErrorInfo::fullText() const
{
    return composeText(location, message, detail, hint, sqlState);
}

} // namespace wharf
