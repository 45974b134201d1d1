#include "SecretMasking.h"

#include <QRegularExpression>

namespace wharf::ui {

QString maskGenericSecrets(QString text)
{
    static const QRegularExpression url(QStringLiteral(R"(([A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:)[^@\s]+@)"));
    static const QRegularExpression pair(QStringLiteral(R"(\b(password|passwd|pwd)(\s*=\s*)('[^']*'|"[^"]*"|\S+))"),
                                         QRegularExpression::CaseInsensitiveOption);
    text.replace(url, QStringLiteral("\\1***@"));
    text.replace(pair, QStringLiteral("\\1\\2***"));
    return text;
}

ErrorInfo maskError(ErrorInfo e, const SecretMasker &mask)
{
    if (!mask)
        return e;
    for (QString *text : {&e.message, &e.detail, &e.hint, &e.statement, &e.location.file})
        if (!text->isEmpty())
            *text = mask(*text);
    return e;
}

JobEvent maskJob(JobEvent job, const SecretMasker &mask)
{
    if (!job.error.message.isEmpty() || !job.error.statement.isEmpty() || !job.error.detail.isEmpty())
        job.error = maskError(job.error, mask);
    return job;
}

} // namespace wharf::ui
