#include "destination/DestinationEditor.h"

#include "Error.h"
#include "KeychainSecrets.h"
#include "LogBus.h"
#include "SecretMasking.h"
#include "common/StateColors.h"
#include "config/DestinationCatalog.h"
#include "config/DestinationConfigWriter.h"
#include "destination/CapabilitiesModel.h"
#include "destination/CapabilitiesPanel.h"
#include "destination/Destination.h"
#include "destination/DestinationForm.h"
#include "destination/DestinationPicker.h"
#include "destination/ResolvedDestination.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QThreadPool>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace wharf::ui {

namespace {

/// Replaces every secret typed in the form by "***", on top of the generic rules: the test
/// may fail before a configuration exists that knows them.
QString maskTyped(QString text, const QMap<QString, QVariant> &values, const ConfigSpec &spec)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString field = it.key().section(QLatin1Char('.'), -1);
        const ConfigField *f = spec.credentialField(field);
        if (!f)
            f = spec.optionField(field);
        const QString secret = it.value().toString();
        if (f && f->secret && secret.size() >= 1)
            text.replace(secret, QStringLiteral("***"));
    }
    return maskGenericSecrets(text);
}

void logKeychainError(const QString &error)
{
    if (!error.isEmpty())
        qCWarning(lcUi).noquote() << "the OS keychain did not follow:" << error;
}

} // namespace

DestinationEditor::DestinationEditor(QWidget *parent)
    : QWidget(parent)
    , m_form(new DestinationForm(this))
    , m_capabilities(new CapabilitiesPanel(this))
{
    qRegisterMetaType<wharf::ui::ConnectionTestResult>();
    setObjectName(QStringLiteral("destinationEditor"));
    m_testPool = new QThreadPool(this);
    m_testPool->setMaxThreadCount(2);
    buildLayout();
    connect(m_form, &DestinationForm::edited, this, &DestinationEditor::updateButtons);
    // Capabilities wait for Save, as the Connection tab's fields do.
    m_capabilities->model()->setPendingEdits(true);
    connect(m_capabilities->model(), &CapabilitiesModel::editedChanged, this, &DestinationEditor::updateButtons);
    updateButtons();
}

DestinationEditor::~DestinationEditor()
{
    // A test still connecting would make the pool's destructor wait up to connect_timeout:
    // let it finish on its own (its result has nowhere to go) instead of freezing the close.
    if (m_testPool->activeThreadCount() > 0)
        m_testPool->setParent(nullptr); // deliberately not deleted
}

void DestinationEditor::buildLayout()
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("destinationTitle"));
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_title->setFont(big);
    auto *addButton = m_addButton = new QPushButton(tr("&Add…"), this);
    addButton->setToolTip(tr("A new named destination of a type, e.g. a second PostgreSQL server"));
    m_duplicateButton = new QPushButton(tr("D&uplicate…"), this);
    m_renameButton = new QPushButton(tr("Re&name…"), this);
    m_removeButton = new QPushButton(tr("Remo&ve…"), this);
    connect(addButton, &QPushButton::clicked, this, &DestinationEditor::askAdd);
    connect(m_duplicateButton, &QPushButton::clicked, this, &DestinationEditor::askDuplicate);
    connect(m_renameButton, &QPushButton::clicked, this, &DestinationEditor::askRename);
    connect(m_removeButton, &QPushButton::clicked, this, &DestinationEditor::askRemove);
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    for (QPushButton *b : {addButton, m_duplicateButton, m_renameButton, m_removeButton})
        top->addWidget(b);

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("connectionUrl"));
    m_url->setClearButtonEnabled(true);
    auto *fill = m_fillButton = new QPushButton(tr("&Fill fields"), this);
    const auto fillFields = [this] {
        if (m_url->text().trimmed().isEmpty())
            return;
        QString note;
        const bool parsed = m_form->fillFromUrl(m_url->text(), &note);
        showResult(parsed ? (note.isEmpty() ? tr("Filled the fields from the URL; Save to keep them.") : note) : note,
                   parsed);
        if (parsed)
            m_url->clear(); // it holds a password: do not leave it on screen
    };
    connect(fill, &QPushButton::clicked, this, fillFields);
    connect(m_url, &QLineEdit::returnPressed, this, fillFields);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(new QLabel(tr("URL:"), this));
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(fill);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);

    m_testButton = new QPushButton(tr("&Test connection"), this);
    m_testButton->setObjectName(QStringLiteral("testConnection"));
    m_testButton->setToolTip(tr("Connect with the values shown (typed values win over the files)"));
    m_cancelTestButton = new QPushButton(tr("Cancel test"), this);
    m_saveButton = new QPushButton(tr("&Save"), this);
    m_saveButton->setObjectName(QStringLiteral("saveDestination"));
    m_saveButton->setShortcut(QKeySequence::Save);
    m_revertButton = new QPushButton(tr("Re&vert"), this);
    connect(m_testButton, &QPushButton::clicked, this, &DestinationEditor::startTest);
    connect(m_cancelTestButton, &QPushButton::clicked, this, &DestinationEditor::cancelTest);
    connect(m_saveButton, &QPushButton::clicked, this, [this] { save(); });
    connect(m_revertButton, &QPushButton::clicked, this, [this] {
        m_capabilities->model()->revert();
        reload();
    });
    m_useKeychain = new QCheckBox(tr("Keep passwords in the OS &keychain"), this);
    m_useKeychain->setObjectName(QStringLiteral("useKeychain"));
    m_useKeychain->setChecked(true);
    m_useKeychain->hide(); // until setKeychain()
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_testButton);
    buttons->addWidget(m_cancelTestButton);
    buttons->addStretch(1);
    buttons->addWidget(m_useKeychain);
    buttons->addWidget(m_revertButton);
    buttons->addWidget(m_saveButton);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("destinationResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // Two lines, whatever the message: the form above does not move when a result comes in.
    m_result->setFixedHeight(m_result->fontMetrics().lineSpacing() * 2 + 4);
    m_result->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_detailsButton = new QPushButton(tr("&Details…"), this);
    m_detailsButton->setObjectName(QStringLiteral("resultDetails"));
    m_detailsButton->setToolTip(tr("The whole error: the server's words, the kind of error and its code"));
    m_detailsButton->hide();
    connect(m_detailsButton, &QPushButton::clicked, this, [this] {
        auto *box = new QMessageBox(QMessageBox::Information, tr("Connection test"), m_result->text(),
                                    QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("resultDetailsBox"));
        box->setDetailedText(m_resultDetails);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    m_filesLabel = new QLabel(this);
    m_filesLabel->setWordWrap(true);
    m_filesLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *connection = new QWidget(this);
    auto *connectionLayout = new QVBoxLayout(connection);
    connectionLayout->addLayout(urlRow);
    connectionLayout->addWidget(scroll, 1);
    connectionLayout->addLayout(buttons);
    auto *resultRow = new QHBoxLayout;
    resultRow->addWidget(m_result, 1);
    resultRow->addWidget(m_detailsButton, 0, Qt::AlignTop);
    connectionLayout->addLayout(resultRow);
    connectionLayout->addWidget(m_filesLabel);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(connection, tr("Connection"));
    m_tabs->addTab(m_capabilities, tr("Capabilities"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
}

QString DestinationEditor::resultText() const
{
    return m_result->text();
}

void DestinationEditor::setDestination(const QString &name)
{
    // A save waiting for the keychain keeps its own copy of the name (see save()).
    m_name = name;
    cancelTest();
    showResult({}, true);
    reload();
}

void DestinationEditor::reload()
{
    const ConfigLocations locations = ConfigLocations::defaults();
    m_filesLabel->setText(
        tr("Save writes credentials to %1 (readable by you only) and other settings to %2.")
            .arg(QDir::toNativeSeparators(QDir(locations.projectDir).filePath(QStringLiteral(".dlt/secrets.toml"))),
                 QDir::toNativeSeparators(QDir(locations.projectDir).filePath(QStringLiteral(".dlt/config.toml")))));
    m_capabilities->setDestination(m_name, locations);
    ConfigSpec spec;
    ResolvedConfig config;
    QString problem;
    try {
        const ConfigResolver resolver(locations);
        m_type = resolver.destinationType(m_name);
        spec = DestinationRegistry::instance().create(m_type)->configSpec();
        config = resolver.resolveDestination(m_name, spec, true);
    } catch (const Error &e) {
        problem = e.fullText();
    }
    m_title->setText(m_type == m_name || m_type.isEmpty() ? m_name : tr("%1 (%2)").arg(m_name, m_type));
    m_form->setSpec(spec, config);
    m_form->setEnabled(problem.isEmpty());
    // The example in the URL field is this destination's own (its scheme and default port); a
    // destination without a connection URL (the sink: its credentials are a token and headers)
    // takes none.
    m_url->setEnabled(!spec.credentials.isEmpty() && !spec.scheme.isEmpty());
    m_fillButton->setEnabled(m_url->isEnabled());
    m_url->setPlaceholderText(urlExample(spec));
    if (!problem.isEmpty())
        showResult(problem.section(QLatin1Char('\n'), 0, 0), false, problem);
    updateButtons();
    emit reloaded(m_name);
}

QString DestinationEditor::urlExample(const ConfigSpec &spec)
{
    if (spec.credentials.isEmpty() || spec.scheme.isEmpty())
        return tr("This destination takes no connection URL");
    if (spec.scheme == QLatin1String("sqlite"))
        return tr("Paste a connection URL to fill the fields, e.g. sqlite:////home/me/data/wharf.db");
    QString port;
    if (const ConfigField *field = spec.credentialField(QStringLiteral("port")); field && field->defaultValue.isValid())
        port = QLatin1Char(':') + field->defaultValue.toString();
    return tr("Paste a connection URL to fill the fields, e.g. %1://loader:password@localhost%2/dlt_data")
        .arg(spec.scheme, port);
}

void DestinationEditor::startTest()
{
    // One test at a time: a held Ctrl+T must not queue connection attempts.
    if (m_name.isEmpty() || m_testing)
        return;
    const quint64 generation = ++m_testGeneration;
    m_testing = true;
    showResult(tr("Connecting…"), true);
    updateButtons();
    const QString name = m_name;
    const QMap<QString, QVariant> values = m_form->explicitValues(name);
    auto *watcher = new QFutureWatcher<ConnectionTestResult>(this);
    connect(watcher, &QFutureWatcher<ConnectionTestResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_testGeneration)
            return; // cancelled, or another test started since
        m_testing = false;
        m_lastTest = watcher->result();
        showTestResult(m_lastTest);
        updateButtons();
        emit testFinished(m_lastTest);
    });
    // A pool of its own: a connect attempt can block for connect_timeout, and the global pool
    // reads packages and jobs.
    watcher->setFuture(QtConcurrent::run(m_testPool, [name, values] { return testConnection(name, values); }));
}

ConnectionTestResult DestinationEditor::testConnection(const QString &name, const QMap<QString, QVariant> &values)
{
    ConnectionTestResult out;
    ConfigSpec spec;
    try {
        ConfigResolver resolver(ConfigLocations::defaults());
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            resolver.setExplicit(it.key(), it.value());
        spec = DestinationRegistry::instance().create(resolver.destinationType(name))->configSpec();
        const ResolvedDestination destination = ResolvedDestination::resolve(resolver, name);
        out.text = destination.config.maskSecrets(destination.destination->testConnection(destination.config));
        out.ok = true;
    } catch (const Error &e) {
        out.kind = errorKindName(e.kind());
        out.sqlState = e.sqlState;
        out.text = e.fullText();
    } catch (const std::exception &e) {
        out.kind = errorKindName(ErrorKind::Internal);
        out.text = QString::fromLocal8Bit(e.what());
    }
    out.text = maskTyped(out.text, values, spec);
    return out;
}

void DestinationEditor::cancelTest()
{
    if (!m_testing)
        return;
    ++m_testGeneration;
    m_testing = false;
    showResult(tr("Test cancelled."), true);
    updateButtons();
}

QString DestinationEditor::save()
{
    if (m_saving)
        return {};
    // Capability overrides typed in the Capabilities tab go with the same Save.
    const bool capabilitiesEdited = m_capabilities->model()->isEdited();
    if (capabilitiesEdited && !m_capabilities->model()->save())
        return m_capabilities->model()->lastError();
    QList<DestinationSetting> settings = m_form->changedSettings();
    if (settings.isEmpty()) {
        if (capabilitiesEdited) {
            updateButtons();
            emit saved(m_name);
        }
        return {};
    }
    const QString project = ConfigLocations::defaults().projectDir;
    const bool useKeychain = m_keychain && m_keychain->isAvailable() && m_useKeychain->isChecked();
    QList<DestinationSetting> toKeychain;
    for (DestinationSetting &s : settings) {
        if (!s.secret || !m_keychain)
            continue;
        if (useKeychain && s.value.isValid()) {
            toKeychain.append(s);
            s.value = QVariant(); // out of the files once the keychain has it
            continue;
        }
        // Kept in the file (or emptied): a keychain entry would still win over it.
        m_keychain->remove(project, settingKey(s), [field = s.field](const QString &error) {
            if (!error.isEmpty())
                qCWarning(lcUi).noquote() << "cannot delete" << field << "from the OS keychain:" << error;
        });
    }
    const QString name = m_name; // the user may pick another destination before the keychain answers
    if (toKeychain.isEmpty())
        return writeSettings(name, settings, {});

    m_saving = true;
    updateButtons();
    showResult(tr("Saving to the OS keychain…"), true);
    struct Pending {
        int left = 0;
        QList<DestinationSetting> settings;
        QStringList inKeychain;
        QStringList fellBack;
    };
    auto pending = std::make_shared<Pending>();
    pending->left = int(toKeychain.size());
    pending->settings = settings;
    for (const DestinationSetting &s : std::as_const(toKeychain)) {
        m_keychain->save(project, settingKey(s), s.value.toString(), [this, s, pending, name](const QString &error) {
            if (error.isEmpty()) {
                pending->inKeychain.append(s.field);
            } else {
                // The file is the fallback: the value goes where it would have gone anyway.
                qCWarning(lcUi).noquote()
                    << "cannot store" << s.field << "in the OS keychain:" << error << "- saved to secrets.toml instead";
                pending->fellBack.append(s.field);
                for (DestinationSetting &kept : pending->settings)
                    if (kept.field == s.field && kept.credential == s.credential)
                        kept.value = s.value;
            }
            if (--pending->left > 0)
                return;
            m_saving = false;
            QString note;
            if (!pending->inKeychain.isEmpty())
                note = tr("%1 in the OS keychain").arg(pending->inKeychain.join(QStringLiteral(", ")));
            if (!pending->fellBack.isEmpty())
                note +=
                    (note.isEmpty() ? QString() : QStringLiteral("; ")) +
                    tr("%1 in secrets.toml: the keychain refused it").arg(pending->fellBack.join(QStringLiteral(", ")));
            writeSettings(name, pending->settings, note);
        });
    }
    return {};
}

QString DestinationEditor::settingKey(const DestinationSetting &setting) const
{
    return DestinationConfigWriter::tableFor(m_name, setting).join(QLatin1Char('.')) + QLatin1Char('.') + setting.field;
}

QString DestinationEditor::writeSettings(const QString &name, const QList<DestinationSetting> &settings,
                                         const QString &note)
{
    try {
        DestinationConfigWriter(ConfigLocations::defaults().projectDir).write(name, settings);
    } catch (const Error &e) {
        if (name == m_name)
            showResult(tr("Not saved: %1").arg(e.fullText()), false);
        updateButtons();
        return e.fullText();
    }
    QStringList names;
    for (const DestinationSetting &s : settings)
        names.append(s.field);
    qCInfo(lcUi).noquote() << "saved" << names.join(QStringLiteral(", ")) << "of destination" << name
                           << (note.isEmpty() ? QString() : QStringLiteral("(") + note + QLatin1Char(')'));
    if (name != m_name) {
        emit saved(name); // another destination is shown now: leave its form alone
        return {};
    }
    reload();
    showResult(note.isEmpty() ? tr("Saved %1.").arg(names.join(QStringLiteral(", ")))
                              : tr("Saved %1 (%2).").arg(names.join(QStringLiteral(", ")), note),
               true);
    emit saved(name);
    return {};
}

void DestinationEditor::setKeychain(KeychainSecrets *keychain)
{
    m_keychain = keychain;
    const auto update = [this] {
        const bool available = m_keychain && m_keychain->isAvailable();
        m_useKeychain->setVisible(m_keychain != nullptr);
        m_useKeychain->setEnabled(available);
        m_useKeychain->setToolTip(available ? tr("Passwords go to the OS keychain instead of secrets.toml")
                                            : tr("No OS keychain answered: passwords are kept in secrets.toml"));
        // Values read from the keychain show with their source now — unless that would throw
        // away what the user is typing.
        if (m_keychain && m_keychain->isReady() && !m_form->isEdited())
            reload();
    };
    if (m_keychain)
        connect(m_keychain, &KeychainSecrets::ready, this, update);
    update();
}

QString DestinationEditor::catalogOperation(const std::function<void()> &operation, const QString &select)
{
    try {
        operation();
    } catch (const Error &e) {
        showResult(e.fullText(), false);
        return e.fullText();
    }
    emit destinationsChanged(select);
    return {};
}

QString DestinationEditor::addDestination(const QString &name, const QString &type)
{
    return catalogOperation(
        [&] { DestinationCatalog(ConfigLocations::defaults(), DestinationPicker::offeredTypes()).add(name, type); },
        name);
}

QString DestinationEditor::duplicateDestination(const QString &to)
{
    return catalogOperation(
        [&] {
            DestinationCatalog(ConfigLocations::defaults(), DestinationPicker::offeredTypes()).duplicate(m_name, to);
            moveKeychainEntries(m_name, to, true);
        },
        to);
}

QString DestinationEditor::renameDestination(const QString &to)
{
    return catalogOperation(
        [&] {
            DestinationCatalog(ConfigLocations::defaults(), DestinationPicker::offeredTypes()).rename(m_name, to);
            moveKeychainEntries(m_name, to, false);
        },
        to);
}

QString DestinationEditor::removeDestination()
{
    const QStringList offered = DestinationPicker::offeredTypes();
    // An offered type stays listed (unconfigured); a named destination is gone: show sqlite.
    const QString next = offered.contains(m_name) ? m_name : QStringLiteral("sqlite");
    return catalogOperation(
        [&] {
            DestinationCatalog(ConfigLocations::defaults(), offered).remove(m_name);
            if (m_keychain)
                m_keychain->removeDestination(ConfigLocations::defaults().projectDir, m_name, logKeychainError);
        },
        next);
}

// The catalog edits the files; the keychain entries of the destination follow them.
void DestinationEditor::moveKeychainEntries(const QString &from, const QString &to, bool keepOld)
{
    if (!m_keychain)
        return;
    QPointer<DestinationEditor> self(this);
    m_keychain->renameDestination(ConfigLocations::defaults().projectDir, from, to, keepOld,
                                  [self, to](const QString &error) {
                                      logKeychainError(error);
                                      // The copy's password arrives after the form was shown.
                                      if (self && self->m_name == to && !self->m_form->isEdited())
                                          self->reload();
                                  });
}

void DestinationEditor::askAdd()
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add destination"));
    auto *name = new QLineEdit(dialog);
    name->setPlaceholderText(tr("e.g. warehouse"));
    auto *type = new QComboBox(dialog);
    for (const QString &t : DestinationPicker::offeredTypes())
        type->addItem(t);
    type->setCurrentText(QStringLiteral("postgres"));
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    auto *form = new QFormLayout(dialog);
    form->addRow(tr("Name:"), name);
    form->addRow(tr("Type:"), type);
    form->addRow(box);
    connect(box, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(box, &QDialogButtonBox::accepted, dialog, [this, dialog, name, type] {
        QString why;
        if (!DestinationCatalog::isValidName(name->text(), &why)) {
            name->setToolTip(why);
            showResult(why, false);
            return;
        }
        if (addDestination(name->text(), type->currentText()).isEmpty())
            dialog->accept();
    });
    dialog->open();
}

void DestinationEditor::askDuplicate()
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Duplicate destination"));
    dialog->setLabelText(tr("Name of the copy of %1:").arg(m_name));
    dialog->setTextValue(m_name + QStringLiteral("_copy"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &to) { duplicateDestination(to); });
    dialog->open();
}

void DestinationEditor::askRename()
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Rename destination"));
    dialog->setLabelText(tr("New name of %1:").arg(m_name));
    dialog->setTextValue(m_name);
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &to) {
        if (to != m_name)
            renameDestination(to);
    });
    dialog->open();
}

void DestinationEditor::askRemove()
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Remove destination"),
                                tr("Remove the settings of %1 from the .dlt files?").arg(m_name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setInformativeText(tr("Its [destination.%1] tables are deleted from every secrets.toml and config.toml "
                               "that has them; other sections stay. Loaded data is not touched.")
                                .arg(m_name));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int answer) {
        if (answer == QMessageBox::Yes)
            removeDestination();
    });
    box->open();
}

void DestinationEditor::showTestResult(const ConnectionTestResult &result)
{
    if (result.ok) {
        showResult(tr("Connected: %1").arg(result.text), true);
        return;
    }
    // What happened and what to do, in a line or two; the server's whole answer, the error's
    // kind and SQLSTATE one click away (Details).
    QString said = result.text.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (said.endsWith(QLatin1Char('.')))
        said.chop(1);
    QString advice;
    if (result.kind == errorKindName(ErrorKind::Config))
        advice = tr("Check the values above, then test again.");
    else if (result.kind == errorKindName(ErrorKind::Transient))
        advice = tr("The server may be down or out of reach: check the host and port, or try again later.");
    QString details = result.text;
    details += QStringLiteral("\n\n") + tr("Kind of error: %1").arg(result.kind);
    if (!result.sqlState.isEmpty() && !result.text.contains(QLatin1String("SQLSTATE")))
        details += QStringLiteral("\nSQLSTATE: ") + result.sqlState;
    showResult(tr("Not connected: %1.").arg(said) + (advice.isEmpty() ? QString() : QLatin1Char(' ') + advice), false,
               details);
}

void DestinationEditor::showResult(const QString &text, bool good, const QString &details)
{
    m_result->setText(text);
    m_resultDetails = details;
    m_detailsButton->setVisible(!details.isEmpty());
    QPalette pal = palette();
    if (!good)
        pal.setColor(QPalette::WindowText, colors::failure());
    m_result->setPalette(pal);
}

void DestinationEditor::setLoadRunning(bool running)
{
    m_loadRunning = running;
    updateButtons();
}

void DestinationEditor::updateButtons()
{
    const bool has = !m_name.isEmpty();
    // Settings typed in the form or capabilities changed in their tab: one Save, one Revert.
    const bool edited = m_form->isEdited() || m_capabilities->model()->isEdited();
    // While a load runs, its destination must not be renamed or removed under it, nor the
    // picker moved away from it by an add.
    const bool catalog = has && !m_loadRunning && !m_saving;
    m_testButton->setEnabled(has && !m_testing);
    m_cancelTestButton->setEnabled(m_testing);
    m_saveButton->setEnabled(has && edited && !m_saving);
    m_revertButton->setEnabled(has && edited && !m_saving);
    m_addButton->setEnabled(!m_loadRunning && !m_saving);
    m_duplicateButton->setEnabled(catalog);
    m_renameButton->setEnabled(catalog && !DestinationPicker::offeredTypes().contains(m_name));
    m_removeButton->setEnabled(catalog);
}

} // namespace wharf::ui
