#pragma once

#include <QDockWidget>
#include <QList>
#include <QTimer>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace wharf::ui {

/// A dock with the application log (fed by LogBus): each line with time, level and category,
/// coloured by level. A minimum level (debug, info, warning, error) and a search box filter
/// what is shown; "Copy all" copies what is shown; "Clear" forgets everything. Keeps the last
/// kMaxEntries lines only, and adds new lines in batches (every kFlushMs), so a burst of
/// messages from the loader costs the GUI one update, not one per line. GUI thread only.
class LogDock : public QDockWidget {
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 5000;
    static constexpr int kFlushMs = 100;

    explicit LogDock(QWidget *parent = nullptr);

    /// The lines shown (filtered), after a flush of what arrived.
    QString text() const;
    /// Lines kept, shown or not (at most kMaxEntries).
    int entryCount() const { return int(m_entries.size()); }

    QtMsgType minimumLevel() const;
    void setMinimumLevel(QtMsgType level);
    QString searchText() const;
    void setSearchText(const QString &text);

    QComboBox *levelBox() const { return m_level; }
    QLineEdit *searchBox() const { return m_search; }
    QToolButton *copyButton() const { return m_copy; }
    QToolButton *clearButton() const { return m_clear; }

    /// debug < info < warning < error (critical) < fatal.
    static int severity(QtMsgType type);

public slots:
    /// Queues one line (as LogBus formats it) of type `type` (a QtMsgType).
    void appendLine(int type, const QString &line);
    /// Shows the queued lines now.
    void flush();
    void copyAll();
    void clear();

private:
    struct Entry {
        QtMsgType type;
        QString line;
    };
    bool accepts(const Entry &entry) const;
    void display(const QList<Entry> &entries);
    void rebuild();

    QPlainTextEdit *m_view;
    QComboBox *m_level;
    QLineEdit *m_search;
    QToolButton *m_copy;
    QToolButton *m_clear;
    QList<Entry> m_entries; ///< oldest first
    QList<Entry> m_pending; ///< arrived since the last flush
    QTimer m_flushTimer;
};

} // namespace wharf::ui
