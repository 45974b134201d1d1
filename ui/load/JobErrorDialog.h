#pragma once

#include "load/LoadEvents.h"

#include <QDialog>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace wharf::ui {

/// The full error of one job: kind, SQLSTATE, message, detail, hint and the statement
/// (read-only, monospace), with a button that copies it all. Shows the ErrorInfo it is given
/// as is: the caller masks secrets first (LoadSession::maskSecrets).
class JobErrorDialog : public QDialog {
    Q_OBJECT
public:
    explicit JobErrorDialog(const JobEvent &job, QWidget *parent = nullptr);

    /// Everything the dialog shows, as the Copy button puts it on the clipboard.
    QString text() const;
    /// The same as text(), for any job (also used for "Copy error" elsewhere).
    static QString describe(const JobEvent &job);

public slots:
    void copyToClipboard();

private:
    QLabel *addField(QFormLayout *form, const QString &label, const QString &value, const char *name);
    QLineEdit *addLine(QFormLayout *form, const QString &label, const QString &value, const char *name);

    JobEvent m_job;
};

} // namespace wharf::ui
