#include "ConsoleProgress.h"

#include <QLocale>
#include <cstdio>
#include <unistd.h>

namespace wharf::cli {

ConsoleProgress::ConsoleProgress()
    : m_tty(isatty(fileno(stderr)) != 0)
{}

void ConsoleProgress::clearLine()
{
    if (m_lineDirty) {
        std::fputs("\r\033[K", stderr);
        m_lineDirty = false;
    }
}

void ConsoleProgress::jobChanged(const JobEvent &e)
{
    if (e.state != JobState::Failed && e.state != JobState::Retry)
        return;
    clearLine();
    std::fprintf(stderr, "job %s %s: %s\n", e.jobId.toLocal8Bit().constData(),
                 e.state == JobState::Failed ? "FAILED" : "will be retried",
                 e.error.fullText().toLocal8Bit().constData());
}

void ConsoleProgress::progressed(const LoadProgress &p)
{
    if (!m_tty)
        return;
    const QLocale loc(QLocale::English);
    const QString line = QStringLiteral("load %1: jobs %2/%3, %4 rows, %5 rows/s")
                             .arg(p.loadId)
                             .arg(p.jobsDone)
                             .arg(p.jobsTotal)
                             .arg(loc.toString(p.rows), loc.toString(qint64(p.rowsPerSecond())));
    std::fprintf(stderr, "\r\033[K%s", line.toLocal8Bit().constData());
    std::fflush(stderr);
    m_lineDirty = true;
}

void ConsoleProgress::packageFinished(const PackageResult &)
{
    clearLine();
}

} // namespace wharf::cli
