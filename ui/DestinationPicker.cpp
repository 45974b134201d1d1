#include "DestinationPicker.h"

#include "Error.h"
#include "StateColors.h"
#include "config/ConfigResolver.h"
#include "destination/ResolvedDestination.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace wharf::ui {

namespace {

/// Registered names whose factory makes a destination of that very type: "sqlalchemy" makes a
/// "sqlite" destination and would only be a confusing second entry.
QStringList canonicalTypes()
{
    QStringList out;
    const auto &registry = DestinationRegistry::instance();
    for (const auto &name : registry.types()) {
        try {
            if (registry.create(name)->type() == name)
                out.append(name);
        } catch (const Error &) {
            // A factory that fails cannot be picked anyway.
        }
    }
    return out;
}

} // namespace

DestinationPicker::DestinationPicker(const QString &preferred, QWidget *parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_locationLabel(new QLabel(this))
{
    auto *caption = new QLabel(tr("&Destination:"), this);
    caption->setBuddy(m_combo);
    m_combo->setObjectName(QStringLiteral("destinationCombo"));
    m_combo->addItems(canonicalTypes());
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_locationLabel->setObjectName(QStringLiteral("destinationLocation"));
    m_locationLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_locationLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(caption);
    layout->addWidget(m_combo);
    layout->addSpacing(8);
    layout->addWidget(m_locationLabel, 1);

    const int preferredIndex = m_combo->findText(preferred);
    if (preferredIndex >= 0)
        m_combo->setCurrentIndex(preferredIndex);
    connect(m_combo, &QComboBox::currentTextChanged, this, [this](const QString &type) {
        refresh();
        emit destinationChanged(type);
    });
    refresh();
}

QString DestinationPicker::currentType() const
{
    return m_combo->currentText();
}

void DestinationPicker::setCurrentType(const QString &type)
{
    const int i = m_combo->findText(type);
    if (i >= 0)
        m_combo->setCurrentIndex(i);
}

void DestinationPicker::refresh()
{
    m_location.clear();
    m_error.clear();
    if (currentType().isEmpty()) {
        m_error = tr("no destination types are registered");
    } else {
        try {
            const ConfigResolver resolver(ConfigLocations::defaults());
            m_location = ResolvedDestination::resolve(resolver, currentType()).displayLocation();
        } catch (const Error &e) {
            m_error = e.fullText();
        }
    }
    QPalette pal = palette();
    if (!m_error.isEmpty())
        pal.setColor(QPalette::WindowText, colors::failure());
    m_locationLabel->setPalette(pal);
    const QString shown = m_error.isEmpty() ? m_location : m_error.section(QLatin1Char('\n'), 0, 0);
    m_locationLabel->setText(shown);
    m_locationLabel->setToolTip(m_error.isEmpty() ? tr("Where the data goes: %1").arg(m_location) : m_error);
}

} // namespace wharf::ui
