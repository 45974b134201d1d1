#include "load/JobErrorDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace wharf::ui {

namespace {

QString orNone(const QString &s)
{
    return s.isEmpty() ? QObject::tr("—") : s;
}

QPlainTextEdit *readOnlyText(const QString &text, const char *name, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(text, parent);
    edit->setObjectName(QLatin1String(name));
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    return edit;
}

} // namespace

JobErrorDialog::JobErrorDialog(const JobEvent &job, QWidget *parent)
    : QDialog(parent)
    , m_job(job)
{
    setObjectName(QStringLiteral("jobErrorDialog"));
    setWindowTitle(tr("Job error — %1").arg(job.table));
    const ErrorInfo &e = job.error;

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    addLine(form, tr("Job"), job.fileName, "jobField");
    addLine(form, tr("File"), QDir::toNativeSeparators(job.filePath), "fileField");
    addField(form, tr("State"), tr("%1 (retries: %2)").arg(jobStateName(job.state)).arg(job.retryCount), "stateField");
    addField(form, tr("Kind"), errorKindName(e.kind), "kindField");
    addField(form, tr("SQLSTATE"), orNone(e.sqlState), "sqlStateField");
    addLine(form, tr("Where"), orNone(e.location.toString()), "locationField");
    auto *message = readOnlyText(e.message, "messageField", this);
    message->setMaximumHeight(message->fontMetrics().lineSpacing() * 5 + 12);
    form->addRow(tr("Message"), message);
    addField(form, tr("Detail"), orNone(e.detail), "detailField");
    addField(form, tr("Hint"), orNone(e.hint), "hintField");
    auto *statement = readOnlyText(e.statement.isEmpty() ? tr("(no statement)") : e.statement, "statementField", this);
    form->addRow(tr("Statement"), statement);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyButton"));
    copy->setToolTip(tr("Copy the whole error to the clipboard"));
    connect(copy, &QPushButton::clicked, this, &JobErrorDialog::copyToClipboard);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(buttons);
    resize(std::max(640, sizeHint().width()), 460);
}

QLineEdit *JobErrorDialog::addLine(QFormLayout *form, const QString &label, const QString &value, const char *name)
{
    // Names and paths have no spaces to wrap at: a read-only line shows them whole as the
    // dialog widens, scrolls when it is narrow, and copies without extra characters.
    auto *field = new QLineEdit(value, this);
    field->setObjectName(QLatin1String(name));
    field->setReadOnly(true);
    field->setFrame(false);
    field->setCursorPosition(0);
    field->setToolTip(value);
    field->setMinimumWidth(std::min(field->fontMetrics().horizontalAdvance(value) + 12, 560));
    QPalette transparent = field->palette();
    transparent.setColor(QPalette::Base, Qt::transparent);
    field->setPalette(transparent);
    form->addRow(label, field);
    return field;
}

QLabel *JobErrorDialog::addField(QFormLayout *form, const QString &label, const QString &value, const char *name)
{
    auto *field = new QLabel(value, this);
    field->setObjectName(QLatin1String(name));
    field->setTextFormat(Qt::PlainText);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    field->setWordWrap(true);
    form->addRow(label, field);
    return field;
}

QString JobErrorDialog::describe(const JobEvent &job)
{
    const ErrorInfo &e = job.error;
    QStringList lines;
    lines << QStringLiteral("Job: %1").arg(job.fileName);
    if (!job.filePath.isEmpty())
        lines << QStringLiteral("File: %1").arg(QDir::toNativeSeparators(job.filePath));
    lines << QStringLiteral("State: %1 (retries: %2)").arg(jobStateName(job.state)).arg(job.retryCount);
    lines << QStringLiteral("Kind: %1").arg(errorKindName(e.kind));
    if (!e.sqlState.isEmpty())
        lines << QStringLiteral("SQLSTATE: %1").arg(e.sqlState);
    if (!e.location.isEmpty())
        lines << QStringLiteral("Where: %1").arg(e.location.toString());
    lines << QStringLiteral("Message: %1").arg(e.message);
    if (!e.detail.isEmpty())
        lines << QStringLiteral("Detail: %1").arg(e.detail);
    if (!e.hint.isEmpty())
        lines << QStringLiteral("Hint: %1").arg(e.hint);
    if (!e.statement.isEmpty())
        lines << QStringLiteral("Statement:\n%1").arg(e.statement);
    return lines.join(QLatin1Char('\n'));
}

QString JobErrorDialog::text() const
{
    return describe(m_job);
}

void JobErrorDialog::copyToClipboard()
{
    QApplication::clipboard()->setText(text());
}

} // namespace wharf::ui
