#include "destination/DestinationForm.h"

#include "common/StateIcons.h"

#include "Error.h"
#include "config/ConnectionString.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <algorithm>

namespace wharf::ui {

namespace {

const QString kCredentials = QStringLiteral("credentials");
constexpr int kMaxInt = 2147483647;

QString shortFile(const QString &path)
{
    // ".dlt/secrets.toml" of the project, "~/.dlt/secrets.toml" of the home folder.
    const QFileInfo info(path);
    const QString folder = info.dir().dirName();
    const QString home = QDir::homePath();
    if (info.absolutePath().startsWith(home + QStringLiteral("/.dlt")))
        return QStringLiteral("~/.dlt/") + info.fileName();
    return folder + QLatin1Char('/') + info.fileName();
}

/// "connect_timeout" → "Connect timeout"; libpq's run-together SSL names spelled out.
QString fieldCaption(const QString &name)
{
    static const QHash<QString, QString> known{
        {QStringLiteral("sslmode"), QStringLiteral("SSL mode")},
        {QStringLiteral("sslrootcert"), QStringLiteral("SSL root certificate")},
        {QStringLiteral("sslcert"), QStringLiteral("SSL client certificate")},
        {QStringLiteral("sslkey"), QStringLiteral("SSL client key")},
        {QStringLiteral("csv_format.delimiter"), QStringLiteral("CSV delimiter")},
        {QStringLiteral("csv_format.include_header"), QStringLiteral("CSV header line")},
        {QStringLiteral("csv_format.encoding"), QStringLiteral("CSV encoding")},
    };
    if (known.contains(name))
        return known.value(name);
    // Other names word by word: acronyms as they are written ("ssl_ca" is "SSL CA").
    static const QHash<QString, QString> words{
        {QStringLiteral("url"), QStringLiteral("URL")},   {QStringLiteral("ssl"), QStringLiteral("SSL")},
        {QStringLiteral("ca"), QStringLiteral("CA")},     {QStringLiteral("http"), QStringLiteral("HTTP")},
        {QStringLiteral("json"), QStringLiteral("JSON")}, {QStringLiteral("csv"), QStringLiteral("CSV")},
        {QStringLiteral("id"), QStringLiteral("ID")},     {QStringLiteral("dlt"), QStringLiteral("dlt")},
    };
    QStringList parts = name.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    for (int i = 0; i < parts.size(); ++i) {
        if (words.contains(parts[i]))
            parts[i] = words.value(parts[i]);
        else if (i == 0)
            parts[i][0] = parts[i][0].toUpper();
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

QString describeSourceShort(const ValueSource &source)
{
    const auto table = [](const ValueSource &s) {
        const qsizetype dot = s.key.lastIndexOf(QLatin1Char('.'));
        return QStringLiteral("%1 [%2]").arg(shortFile(s.file), dot < 0 ? s.key : s.key.left(dot));
    };
    switch (source.kind) {
    case ValueSource::Kind::Explicit:
        return DestinationForm::tr("typed here");
    case ValueSource::Kind::Environment:
        return DestinationForm::tr("env %1").arg(source.key);
    case ValueSource::Kind::SecretsToml:
    case ValueSource::Kind::ConfigToml:
        return table(source);
    case ValueSource::Kind::Keychain:
        return DestinationForm::tr("OS keychain");
    case ValueSource::Kind::ConnectionString: {
        ValueSource origin = source;
        origin.kind = source.origin;
        return DestinationForm::tr("connection string, %1").arg(describeSourceShort(origin));
    }
    case ValueSource::Kind::Default:
        break;
    }
    return DestinationForm::tr("default");
}

DestinationForm::DestinationForm(QWidget *parent)
    : QWidget(parent)
    , m_grid(new QGridLayout(this))
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setColumnStretch(1, 3);
    m_grid->setColumnStretch(2, 2);
}

void DestinationForm::setSpec(const ConfigSpec &spec, const ResolvedConfig &config)
{
    m_filling = true;
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_rows.clear();
    for (const ConfigField &field : spec.credentials)
        addRow(field, true, config);
    for (const ConfigField &field : spec.options)
        addRow(field, false, config);
    m_filling = false;
}

void DestinationForm::addRow(const ConfigField &field, bool credential, const ResolvedConfig &config)
{
    m_rows.append(Row{field, credential, nullptr, nullptr, false, false});
    Row &r = m_rows.last();
    const int line = int(m_rows.size()) - 1;
    const QString caption = fieldCaption(field.name);
    auto *label = new QLabel(caption + (field.required ? QStringLiteral(" *") : QString()) + QLatin1Char(':'), this);
    label->setToolTip(field.description);
    r.editor = createEditor(r);
    r.editor->setObjectName(QStringLiteral("field_") + field.name);
    r.editor->setToolTip(field.description);
    label->setBuddy(r.editor->focusProxy() ? r.editor->focusProxy() : r.editor);
    r.source = new QLabel(this);
    r.source->setObjectName(QStringLiteral("source_") + field.name);
    r.source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    r.source->setForegroundRole(QPalette::PlaceholderText);
    r.source->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_grid->addWidget(label, line, 0);
    m_grid->addWidget(r.editor, line, 1);
    m_grid->addWidget(r.source, line, 2);

    const auto &values = credential ? config.credentials : config.options;
    const auto it = values.constFind(field.name);
    if (it != values.cend()) {
        writeEditor(r, it->value);
        r.fromConnectionString = it->source.kind == ValueSource::Kind::ConnectionString;
        r.source->setText(describeSourceShort(it->source));
        r.source->setToolTip(it->source.describe());
        if (it->source.kind == ValueSource::Kind::Environment)
            r.source->setToolTip(tr("%1 — an environment variable wins over the files: a value saved "
                                    "here is used only once it is unset")
                                     .arg(it->source.describe()));
    } else {
        r.source->setText(field.required ? tr("not set (required)") : tr("not set"));
    }
}

QWidget *DestinationForm::createEditor(Row &r)
{
    const ConfigField &field = r.field;
    const QString name = field.name;
    const auto changed = [this, name] { markEdited(name); };
    if (!field.choices.isEmpty()) {
        auto *combo = new QComboBox(this);
        combo->addItem(QString()); // not set: the driver's default
        combo->addItems(field.choices);
        if (field.defaultValue.isValid())
            combo->setItemText(0, tr("(default: %1)").arg(field.defaultValue.toString()));
        connect(combo, &QComboBox::currentIndexChanged, this, changed);
        return combo;
    }
    switch (field.type) {
    case FieldType::Int: {
        // -1 shows as blank ("not set"): an unset field must stay distinguishable from 0.
        auto *spin = new QSpinBox(this);
        spin->setRange(-1, kMaxInt);
        spin->setSpecialValueText(field.defaultValue.isValid() ? tr("(default: %1)").arg(field.defaultValue.toString())
                                                               : tr("(not set)"));
        spin->setValue(-1);
        connect(spin, &QSpinBox::valueChanged, this, changed);
        return spin;
    }
    case FieldType::Bool: {
        auto *box = new QCheckBox(this);
        box->setTristate(true);
        box->setCheckState(Qt::PartiallyChecked); // not set
        box->setText(field.defaultValue.isValid()
                         ? tr("(default: %1)").arg(field.defaultValue.toBool() ? tr("on") : tr("off"))
                         : QString());
        connect(box, &QCheckBox::stateChanged, this, changed);
        return box;
    }
    case FieldType::Path: {
        auto *holder = new QWidget(this);
        auto *edit = new QLineEdit(holder);
        edit->setObjectName(QStringLiteral("pathEdit"));
        edit->setClearButtonEnabled(true);
        auto *browse = new QToolButton(holder);
        browse->setText(tr("…"));
        browse->setToolTip(tr("Choose a file"));
        auto *layout = new QHBoxLayout(holder);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(edit, 1);
        layout->addWidget(browse);
        holder->setFocusProxy(edit);
        connect(edit, &QLineEdit::textEdited, this, changed);
        connect(browse, &QToolButton::clicked, this, [this, edit, name] {
            // open(), not exec(): loads keep updating while the dialog is up.
            auto *dialog = new QFileDialog(this, tr("Choose %1").arg(name), QFileInfo(edit->text()).absolutePath());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setFileMode(QFileDialog::ExistingFile);
            connect(dialog, &QFileDialog::fileSelected, edit, [this, edit, name](const QString &file) {
                edit->setText(file);
                markEdited(name);
            });
            dialog->open();
        });
        return holder;
    }
    case FieldType::String:
    case FieldType::Table:
        break;
    }
    auto *edit = new QLineEdit(this);
    edit->setClearButtonEnabled(!field.secret);
    if (field.defaultValue.isValid())
        edit->setPlaceholderText(field.defaultValue.toString());
    else if (field.type == FieldType::Table)
        edit->setPlaceholderText(tr("a JSON object, e.g. {\"X-Api-Key\": \"…\"}"));
    if (field.secret) {
        edit->setEchoMode(QLineEdit::Password);
        auto *toggle = edit->addAction(QIcon(), QLineEdit::TrailingPosition);
        toggle->setObjectName(QStringLiteral("showSecret"));
        toggle->setCheckable(true);
        // The button shows the state it is in: a crossed-out eye while the value is hidden,
        // an open one while it is shown, and says what a click does.
        const QString what = field.name == QLatin1String("password") ? tr("password") : tr("value");
        const auto look = [this, toggle, what](bool shown) {
            toggle->setIcon(eyeIcon(shown, palette().color(QPalette::Text)));
            toggle->setText(shown ? tr("Hide") : tr("Show"));
            toggle->setToolTip(shown ? tr("Hide the %1").arg(what) : tr("Show the %1").arg(what));
        };
        look(false);
        connect(toggle, &QAction::toggled, edit, [edit, look](bool shown) {
            edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
            look(shown);
        });
    }
    connect(edit, &QLineEdit::textEdited, this, changed);
    return edit;
}

QVariant DestinationForm::readEditor(const Row &r)
{
    if (auto *combo = qobject_cast<QComboBox *>(r.editor))
        return combo->currentIndex() <= 0 ? QVariant() : QVariant(combo->currentText());
    if (auto *spin = qobject_cast<QSpinBox *>(r.editor))
        return spin->value() < 0 ? QVariant() : QVariant(qlonglong(spin->value()));
    if (auto *box = qobject_cast<QCheckBox *>(r.editor))
        return box->checkState() == Qt::PartiallyChecked ? QVariant() : QVariant(box->checkState() == Qt::Checked);
    auto *edit = qobject_cast<QLineEdit *>(r.editor);
    if (!edit)
        edit = r.editor->findChild<QLineEdit *>(QStringLiteral("pathEdit"));
    const QString text = edit ? edit->text() : QString();
    return text.isEmpty() ? QVariant() : QVariant(text);
}

void DestinationForm::writeEditor(const Row &r, const QVariant &value)
{
    if (auto *combo = qobject_cast<QComboBox *>(r.editor)) {
        const int index = value.isValid() ? combo->findText(value.toString()) : 0;
        if (index < 0)
            combo->addItem(value.toString()); // a value the spec does not list: keep it visible
        combo->setCurrentIndex(index < 0 ? combo->count() - 1 : index);
    } else if (auto *spin = qobject_cast<QSpinBox *>(r.editor)) {
        bool ok = false;
        const qlonglong n = value.toLongLong(&ok);
        spin->setValue(value.isValid() && ok ? int(std::clamp<qlonglong>(n, 0, kMaxInt)) : -1);
    } else if (auto *box = qobject_cast<QCheckBox *>(r.editor)) {
        box->setCheckState(!value.isValid() ? Qt::PartiallyChecked : value.toBool() ? Qt::Checked : Qt::Unchecked);
    } else {
        auto *edit = qobject_cast<QLineEdit *>(r.editor);
        if (!edit)
            edit = r.editor->findChild<QLineEdit *>(QStringLiteral("pathEdit"));
        if (edit)
            edit->setText(value.toString());
    }
}

DestinationForm::Row *DestinationForm::row(const QString &field)
{
    for (Row &r : m_rows)
        if (r.field.name == field)
            return &r;
    return nullptr;
}

const DestinationForm::Row *DestinationForm::row(const QString &field) const
{
    return const_cast<DestinationForm *>(this)->row(field);
}

void DestinationForm::markEdited(const QString &field)
{
    if (m_filling)
        return;
    Row *r = row(field);
    if (!r)
        return;
    r->edited = true;
    r->source->setText(tr("typed here (not saved)"));
    r->source->setToolTip(QString());
    emit edited();
}

QMap<QString, QVariant> DestinationForm::explicitValues(const QString &name) const
{
    QMap<QString, QVariant> out;
    for (const Row &r : m_rows) {
        const QVariant value = readEditor(r);
        if (!value.isValid())
            continue;
        const QString key = QStringList{QStringLiteral("destination"), name}.join(QLatin1Char('.')) +
                            (r.credential ? QLatin1Char('.') + kCredentials : QString()) + QLatin1Char('.') +
                            r.field.name;
        out.insert(key, value);
    }
    return out;
}

QList<DestinationSetting> DestinationForm::changedSettings() const
{
    const bool anyCredentialEdited =
        std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return r.edited && r.credential; });
    QList<DestinationSetting> out;
    for (const Row &r : m_rows) {
        // Credentials that came whole in a connection string must be written out field by
        // field once any credential changes: the writer replaces that string.
        const bool carry = anyCredentialEdited && r.credential && r.fromConnectionString;
        if (!r.edited && !carry)
            continue;
        out.append({r.field.name, r.credential, r.field.secret, readEditor(r)});
    }
    return out;
}

bool DestinationForm::isEdited() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return r.edited; });
}

QStringList DestinationForm::editedFields() const
{
    QStringList out;
    for (const Row &r : m_rows)
        if (r.edited)
            out.append(r.field.name);
    return out;
}

QString DestinationForm::pasteUrl(const QString &url)
{
    QString note;
    fillFromUrl(url, &note);
    return note;
}

bool DestinationForm::fillFromUrl(const QString &url, QString *note)
{
    ConnectionString cs;
    try {
        cs = ConnectionString::parse(url.trimmed());
    } catch (const Error &e) {
        if (note)
            *note = e.message();
        return false;
    }
    const auto fill = [this](const QString &field, const QVariant &value) {
        if (row(field) && value.isValid())
            setFieldValue(field, value);
    };
    if (!cs.username.isEmpty())
        fill(QStringLiteral("username"), cs.username);
    if (cs.password)
        fill(QStringLiteral("password"), *cs.password);
    if (!cs.host.isEmpty())
        fill(QStringLiteral("host"), cs.host);
    if (cs.port)
        fill(QStringLiteral("port"), qlonglong(*cs.port));
    if (!cs.database.isEmpty())
        fill(QStringLiteral("database"), cs.database);
    QStringList unknown;
    for (auto it = cs.query.cbegin(); it != cs.query.cend(); ++it) {
        if (row(it.key()))
            fill(it.key(), it.value());
        else
            unknown.append(it.key());
    }
    if (!unknown.isEmpty() && note)
        *note = tr("filled the fields; not a field here, left out: %1").arg(unknown.join(QStringLiteral(", ")));
    return true;
}

QWidget *DestinationForm::editorFor(const QString &field) const
{
    const Row *r = row(field);
    return r ? r->editor : nullptr;
}

QString DestinationForm::sourceText(const QString &field) const
{
    const Row *r = row(field);
    return r ? r->source->text() : QString();
}

void DestinationForm::setFieldValue(const QString &field, const QVariant &value)
{
    const Row *r = row(field);
    if (!r)
        return;
    {
        const bool filling = m_filling;
        m_filling = true; // writeEditor's own change signals are not the user's edits
        writeEditor(*r, value);
        m_filling = filling;
    }
    markEdited(field);
}

QVariant DestinationForm::fieldValue(const QString &field) const
{
    const Row *r = row(field);
    return r ? readEditor(*r) : QVariant();
}

} // namespace wharf::ui
