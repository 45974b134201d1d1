#include "browse/CellViewer.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace wharf::ui {

CellViewer::CellViewer(QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("cellViewer"));
    m_text->setObjectName(QStringLiteral("cellText"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::hide);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(560, 420);
}

QString CellViewer::displayText(const QVariant &value, bool json)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    if (value.typeId() == QMetaType::QByteArray)
        return QString::fromLatin1(value.toByteArray().toHex(' '));
    const QString text = value.toString();
    const QString trimmed = text.trimmed();
    // JSON columns, and text that is a JSON object or array, indented.
    if (json || trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
        if (error.error == QJsonParseError::NoError && !doc.isNull())
            return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
    }
    return text;
}

void CellViewer::showValue(const QString &column, const QVariant &value, bool json)
{
    setWindowTitle(tr("Value of %1").arg(column));
    m_text->setPlainText(displayText(value, json));
    show();
    raise();
}

QString CellViewer::text() const
{
    return m_text->toPlainText();
}

} // namespace wharf::ui
