#pragma once

#include <QObject>
#include <QPointer>

class QCloseEvent;
class QMessageBox;
class QWidget;

namespace wharf::ui {

class LoadActions;
class LoadSession;

/// Closing the window while a load runs: asks "Stop and quit" / "Keep loading" (without
/// blocking), and on Stop cancels the load and closes the window once it has stopped — never
/// waiting on the loader's thread.
class QuitGuard : public QObject {
    Q_OBJECT
public:
    QuitGuard(QWidget *window, LoadSession *session, LoadActions *actions);

    /// From the window's closeEvent(): true when it may close now; otherwise the event is
    /// ignored and the question asked (or raised again).
    bool allowClose(QCloseEvent *event);
    /// From the end of a load: closes the window when Stop and quit asked for it.
    void loadStopped();
    /// The question while it is shown (for tests).
    QMessageBox *question() const { return m_question; }

private:
    QWidget *m_window;
    LoadSession *m_session;
    LoadActions *m_actions;
    QPointer<QMessageBox> m_question;
    bool m_closeWhenStopped = false;
};

} // namespace wharf::ui
