#pragma once

#include <QDockWidget>

class QPlainTextEdit;

namespace wharf::ui {

/// A dock with the application log (fed by LogBus). Read-only, keeps the last lines only.
class LogDock : public QDockWidget {
    Q_OBJECT
public:
    explicit LogDock(QWidget *parent = nullptr);

    /// Everything shown so far (for tests).
    QString text() const;

public slots:
    void appendLine(int type, const QString &line);

private:
    QPlainTextEdit *m_view;
};

} // namespace wharf::ui
