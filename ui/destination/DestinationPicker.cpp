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

namespace {

struct Resolution {
    QString location;
    QString error;   ///< the resolver's full text
    QString summary; ///< in words, for the line under the picker
};

/// Resolves destination `name` (with `typed` values on top of the files) and says in words what
/// is wrong when it does not resolve.
Resolution resolveForPicker(const QString &name, const QMap<QString, QVariant> &typed)
{
    Resolution out;
    try {
        ConfigResolver resolver(ConfigLocations::defaults());
        for (auto it = typed.cbegin(); it != typed.cend(); ++it)
            resolver.setExplicit(it.key(), it.value());
        try {
            out.location = ResolvedDestination::resolve(resolver, name).displayLocation();
            return out;
        } catch (const Error &e) {
            out.error = e.fullText();
        }
        // Which required values are missing, by name, and where to give them.
        const ConfigSpec spec = DestinationRegistry::instance().create(resolver.destinationType(name))->configSpec();
        const ResolvedConfig partial = resolver.resolveDestination(name, spec, true);
        QStringList missing;
        for (const ConfigField &f : spec.credentials)
            if (f.required && !partial.credentials.contains(f.name))
                missing << f.name;
        for (const ConfigField &f : spec.options)
            if (f.required && !partial.options.contains(f.name))
                missing << f.name;
        if (!missing.isEmpty()) {
            out.summary = QObject::tr("Not set up yet: %1 missing. Fill in Destination settings (Ctrl+E).")
                              .arg(missing.join(QStringLiteral(", ")));
            return out;
        }
    } catch (const Error &e) {
        if (out.error.isEmpty())
            out.error = e.fullText();
    }
    out.summary = out.error.section(QLatin1Char('\n'), 0, 0);
    return out;
}

} // namespace

QString DestinationPicker::shownText() const
{
    return m_locationLabel->text();
}

void DestinationPicker::setPendingValues(const QMap<QString, QVariant> &values)
{
    m_pending = values;
    refresh();
}

void DestinationPicker::refresh()
{
    m_location.clear();
    m_error.clear();
    QString shown;
    QString tip;
    bool bad = false;
    if (currentType().isEmpty()) {
        m_error = tr("no destination types are registered");
        shown = m_error;
        bad = true;
    } else {
        const Resolution saved = resolveForPicker(currentType(), {});
        m_location = saved.location;
        m_error = saved.error;
        shown = m_error.isEmpty() ? m_location : saved.summary;
        tip = m_error.isEmpty() ? tr("Where the data goes: %1").arg(m_location) : m_error;
        bad = !m_error.isEmpty();
        if (!m_pending.isEmpty()) {
            // What is being typed, said as such: loads use what is saved.
            const Resolution typed = resolveForPicker(currentType(), m_pending);
            shown = (typed.error.isEmpty() ? typed.location : typed.summary) + tr(" — typed, not saved yet");
            tip = typed.error.isEmpty() ? tr("Save in Destination settings to load there: %1").arg(typed.location)
                                        : typed.error;
            bad = !typed.error.isEmpty();
        }
    }
    QPalette pal = palette();
    if (bad)
        pal.setColor(QPalette::WindowText, colors::failure());
    m_locationLabel->setPalette(pal);
    m_locationLabel->setText(shown);
    m_locationLabel->setToolTip(tip);
}

} // namespace wharf::ui
