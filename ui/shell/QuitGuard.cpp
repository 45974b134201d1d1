#include "shell/QuitGuard.h"

#include "LoadSession.h"
#include "load/LoadActions.h"

#include <QCloseEvent>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace wharf::ui {

QuitGuard::QuitGuard(QWidget *window, LoadSession *session, LoadActions *actions)
    : QObject(window)
    , m_window(window)
    , m_session(session)
    , m_actions(actions)
{}

bool QuitGuard::allowClose(QCloseEvent *event)
{
    // A running load is stopped only when the user says so (Ctrl+Q is close to Ctrl+W and Ctrl+R).
    if (!m_session->isRunning())
        return true;
    event->ignore();
    if (m_closeWhenStopped)
        return false; // already stopping
    if (m_question) {
        m_question->raise();
        return false;
    }
    m_question = new QMessageBox(QMessageBox::Question, tr("Quit Wharf?"), tr("A load is running. Stop it and quit?"),
                                 QMessageBox::NoButton, m_window);
    m_question->setObjectName(QStringLiteral("confirmQuit"));
    m_question->setInformativeText(tr("The jobs loaded so far stay loaded; the package is left unfinished and the "
                                      "next Run resumes it where it stopped."));
    QPushButton *stop = m_question->addButton(tr("Stop and quit"), QMessageBox::AcceptRole);
    m_question->addButton(tr("Keep loading"), QMessageBox::RejectRole);
    m_question->setDefaultButton(stop);
    m_question->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_question, &QMessageBox::finished, this, [this, stop] {
        const bool quit = m_question && m_question->clickedButton() == stop;
        m_question = nullptr;
        if (!quit || !m_session->isRunning()) {
            if (quit)
                m_window->close();
            return;
        }
        m_closeWhenStopped = true;
        m_actions->cancel();
    });
    m_question->open();
    return false;
}

void QuitGuard::loadStopped()
{
    if (m_closeWhenStopped)
        m_window->close();
}

} // namespace wharf::ui
