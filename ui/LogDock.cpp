#include "LogDock.h"

#include "LogBus.h"

#include <QFontDatabase>
#include <QPlainTextEdit>

namespace wharf::ui {

namespace {
constexpr int kMaxLines = 5000;
}

LogDock::LogDock(QWidget *parent)
    : QDockWidget(tr("Log"), parent)
    , m_view(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("logDock"));
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setReadOnly(true);
    m_view->setMaximumBlockCount(kMaxLines);
    m_view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setPlaceholderText(tr("Messages of the load appear here."));
    setWidget(m_view);
    // Queued: the bus emits on the thread that logged (the loader's threads, or inside a
    // paint event), and the text edit may only be touched from the GUI thread, outside that.
    connect(LogBus::instance(), &LogBus::messageLogged, this, &LogDock::appendLine, Qt::QueuedConnection);
}

QString LogDock::text() const
{
    return m_view->toPlainText();
}

void LogDock::appendLine(int type, const QString &line)
{
    // Debug chatter stays on stderr; the dock shows what a user acts on.
    if (type == QtDebugMsg)
        return;
    m_view->appendPlainText(line);
}

} // namespace wharf::ui
