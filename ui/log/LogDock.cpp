#include "log/LogDock.h"

#include "LogBus.h"
#include "common/StateColors.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

namespace wharf::ui {

namespace {

QToolButton *toolButton(const QString &text, const QString &tip, const char *name, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setObjectName(QLatin1String(name));
    button->setAutoRaise(true);
    return button;
}

} // namespace

LogDock::LogDock(QWidget *parent)
    : QDockWidget(tr("Log"), parent)
    , m_view(new QPlainTextEdit(this))
    , m_level(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_copy(toolButton(tr("Copy all"), tr("Copy the lines shown to the clipboard"), "logCopyAll", this))
    , m_clear(toolButton(tr("Clear"), tr("Forget every line"), "logClear", this))
{
    setObjectName(QStringLiteral("logDock"));
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    toggleViewAction()->setText(tr("&Log"));
    toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    toggleViewAction()->setToolTip(tr("Show or hide the log"));
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setReadOnly(true);
    m_view->setMaximumBlockCount(kMaxEntries);
    m_view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setPlaceholderText(tr("Messages of the load appear here."));

    m_level->setObjectName(QStringLiteral("logLevel"));
    m_level->setToolTip(tr("Show messages of this level and above"));
    m_level->addItem(tr("Debug"), int(QtDebugMsg));
    m_level->addItem(tr("Info"), int(QtInfoMsg));
    m_level->addItem(tr("Warning"), int(QtWarningMsg));
    m_level->addItem(tr("Error"), int(QtCriticalMsg));
    m_level->setCurrentIndex(1);
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setPlaceholderText(tr("Search the log…"));
    m_search->setClearButtonEnabled(true);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_copy);
    bar->addWidget(m_clear);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    setWidget(content);

    connect(m_level, &QComboBox::currentIndexChanged, this, &LogDock::rebuild);
    connect(m_search, &QLineEdit::textChanged, this, &LogDock::rebuild);
    connect(m_copy, &QToolButton::clicked, this, &LogDock::copyAll);
    connect(m_clear, &QToolButton::clicked, this, &LogDock::clear);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogDock::flush);
    // Queued: the bus emits on the thread that logged (the loader's threads, or inside a
    // paint event), and the text edit may only be touched from the GUI thread, outside that.
    connect(LogBus::instance(), &LogBus::messageLogged, this, &LogDock::appendLine, Qt::QueuedConnection);
}

int LogDock::severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        break;
    }
    return 4;
}

QString LogDock::text() const
{
    return m_view->toPlainText();
}

QtMsgType LogDock::minimumLevel() const
{
    return QtMsgType(m_level->currentData().toInt());
}

void LogDock::setMinimumLevel(QtMsgType level)
{
    const int index = m_level->findData(int(level));
    if (index >= 0)
        m_level->setCurrentIndex(index);
}

QString LogDock::searchText() const
{
    return m_search->text();
}

void LogDock::setSearchText(const QString &text)
{
    m_search->setText(text);
}

void LogDock::appendLine(int type, const QString &line)
{
    Entry entry{QtMsgType(type), line};
    m_entries.append(entry);
    // Trim in chunks: removing from the front one line at a time would move the list each time.
    if (m_entries.size() > kMaxEntries + kMaxEntries / 10)
        m_entries.remove(0, m_entries.size() - kMaxEntries);
    m_pending.append(entry);
    if (m_pending.size() > kMaxEntries)
        m_pending.remove(0, m_pending.size() - kMaxEntries);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogDock::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    const QList<Entry> pending = std::exchange(m_pending, {});
    display(pending);
}

bool LogDock::accepts(const Entry &entry) const
{
    if (severity(entry.type) < severity(minimumLevel()))
        return false;
    const QString search = m_search->text().trimmed();
    return search.isEmpty() || entry.line.contains(search, Qt::CaseInsensitive);
}

void LogDock::display(const QList<Entry> &entries)
{
    QScrollBar *scroll = m_view->verticalScrollBar();
    const bool atEnd = scroll->value() == scroll->maximum();
    QTextCursor cursor(m_view->document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    bool first = m_view->document()->isEmpty();
    for (const Entry &entry : entries) {
        if (!accepts(entry))
            continue;
        QTextCharFormat format;
        if (entry.type == QtWarningMsg)
            format.setForeground(colors::warning());
        else if (severity(entry.type) >= severity(QtCriticalMsg))
            format.setForeground(colors::failure());
        else if (entry.type == QtDebugMsg)
            format.setForeground(colors::neutral());
        if (!first)
            cursor.insertBlock();
        first = false;
        cursor.insertText(entry.line, format);
    }
    cursor.endEditBlock();
    if (atEnd)
        scroll->setValue(scroll->maximum());
}

void LogDock::rebuild()
{
    m_pending.clear();
    m_flushTimer.stop();
    m_view->clear();
    // Only the newest kMaxEntries can be shown anyway.
    display(m_entries.size() > kMaxEntries ? m_entries.mid(m_entries.size() - kMaxEntries) : m_entries);
}

void LogDock::copyAll()
{
    flush();
    QApplication::clipboard()->setText(m_view->toPlainText());
}

void LogDock::clear()
{
    m_entries.clear();
    m_pending.clear();
    m_flushTimer.stop();
    m_view->clear();
}

} // namespace wharf::ui
