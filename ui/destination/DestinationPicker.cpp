#include "destination/DestinationPicker.h"

#include "Error.h"
#include "common/StateColors.h"
#include "config/ConfigResolver.h"
#include "config/DestinationCatalog.h"
#include "destination/ResolvedDestination.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace wharf::ui {

namespace {

/// Registered names whose factory makes a destination of that very type: "sqlalchemy" makes a
/// "sqlite" destination and would only be a confusing second entry. Destinations for testing
/// Wharf (the dummy, which keeps no data) only in developer mode (WHARF_DEVELOPER=1).
QStringList canonicalTypes()
{
    QStringList out;
    const auto &registry = DestinationRegistry::instance();
    for (const auto &name : registry.userTypes()) {
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
    reloadList();
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

    const int preferredIndex = m_combo->findData(preferred);
    if (preferredIndex >= 0)
        m_combo->setCurrentIndex(preferredIndex);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_reloading)
            return;
        refresh();
        emit destinationChanged(currentType());
    });
    refresh();
}

QString DestinationPicker::currentType() const
{
    return m_combo->currentData().toString();
}

QStringList DestinationPicker::names() const
{
    QStringList out;
    for (int i = 0; i < m_combo->count(); ++i)
        out.append(m_combo->itemData(i).toString());
    return out;
}

void DestinationPicker::setCurrentType(const QString &type)
{
    const int i = m_combo->findData(type);
    if (i >= 0)
        m_combo->setCurrentIndex(i);
}

QStringList DestinationPicker::offeredTypes()
{
    return canonicalTypes();
}

// The registered types, then the named destinations of the project's and the global
// .dlt/*.toml (`[destination.<name>]` with a known destination_type).
void DestinationPicker::reloadList()
{
    const QString before = currentType();
    m_reloading = true;
    m_combo->clear();
    const QStringList types = canonicalTypes();
    QList<DestinationEntry> entries;
    try {
        entries = DestinationCatalog(ConfigLocations::defaults(), types).entries();
    } catch (const Error &e) {
        // An unreadable file: the types still work; refresh() shows the error.
        for (const QString &type : types)
            entries.append(DestinationEntry{type, type, {}, true, true});
    }
    for (const DestinationEntry &entry : std::as_const(entries)) {
        if (!entry.typeKnown)
            continue;
        const QString text = entry.builtin ? entry.name : QStringLiteral("%1 (%2)").arg(entry.name, entry.type);
        m_combo->addItem(text, entry.name);
    }
    const int index = m_combo->findData(before);
    m_combo->setCurrentIndex(index >= 0 ? index : 0);
    m_reloading = false;
    if (currentType() != before) {
        refresh();
        emit destinationChanged(currentType());
    }
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
    // The first line says what is wrong, the second (if any) which field: show both.
    const QString shown = m_error.isEmpty() ? m_location : m_error.section(QLatin1Char('\n'), 0, 1).simplified();
    m_locationLabel->setText(shown);
    m_locationLabel->setToolTip(m_error.isEmpty() ? tr("Where the data goes: %1").arg(m_location) : m_error);
}

} // namespace wharf::ui
