#pragma once

#include "config/ConfigResolver.h"
#include "config/DestinationConfigWriter.h"

#include <QFutureWatcher>
#include <QWidget>
#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QThreadPool;

namespace wharf::ui {

class CapabilitiesPanel;
class DestinationForm;
class KeychainSecrets;

/// What Test connection found: the server reached, or the classified error (secrets masked).
struct ConnectionTestResult {
    bool ok = false;
    QString text;     ///< "PostgreSQL 15.4 at postgresql://u:***@h:5432/db (no TLS)" or the error
    QString kind;     ///< errorKindName of the failure ("config", "transient", ...)
    QString sqlState; ///< of the failure, when known (28P01 wrong password, 08001 unreachable)
};

/// The Destination tab: the selected destination's settings as a form generated from its
/// ConfigSpec (DestinationForm) and its capabilities (CapabilitiesPanel). Test connection runs
/// on a pool thread with the values as typed (they win over files and environment, as
/// explicit values do) and can be abandoned; Save writes the edited fields into the project's
/// .dlt/secrets.toml (0600) and config.toml without touching other sections. Add, duplicate,
/// rename and remove edit the same files through DestinationCatalog. Small TOML files are
/// read and written on the GUI thread; nothing here waits on a database.
class DestinationEditor : public QWidget {
    Q_OBJECT
public:
    explicit DestinationEditor(QWidget *parent = nullptr);
    ~DestinationEditor() override;

    QString destinationName() const { return m_name; }
    DestinationForm *form() const { return m_form; }
    CapabilitiesPanel *capabilitiesPanel() const { return m_capabilities; }
    QPushButton *testButton() const { return m_testButton; }
    QPushButton *saveButton() const { return m_saveButton; }
    /// The line under the buttons: test result, save result or error.
    QString resultText() const;
    bool isTesting() const { return m_testing; }
    /// The result of the last finished test (for tests).
    const ConnectionTestResult &lastTest() const { return m_lastTest; }

    /// Secrets go to `keychain` when it is available and "Keep passwords in the OS keychain"
    /// is checked (the default), else to secrets.toml. Null (the default): files only.
    void setKeychain(KeychainSecrets *keychain);

    /// While a load runs: no add, duplicate, rename or remove (the picker must stay on the
    /// destination being loaded).
    void setLoadRunning(bool running);

    /// Runs a test of destination `name` with `explicitValues` (dotted key → value) winning
    /// over every provider. Blocks (connects); for the pool thread. Never throws.
    static ConnectionTestResult testConnection(const QString &name, const QMap<QString, QVariant> &explicitValues);

public slots:
    /// Shows destination `name` as configured now (an unsaved form is dropped).
    void setDestination(const QString &name);
    /// Reads the configuration again for the current destination.
    void reload();
    /// Starts Test connection; `testFinished` follows unless cancelled.
    void startTest();
    /// Abandons a running test: its result is dropped (the connect attempt ends on its own,
    /// at connect_timeout; closing the window never waits for it).
    void cancelTest();
    /// Writes the edited fields; returns an error message or empty. Emits `saved` — later,
    /// once the keychain answered, when secrets go there (a refusal falls back to the file).
    QString save();

    /// Catalog operations; each returns an error message or empty and emits
    /// `destinationsChanged(selected)` on success.
    QString addDestination(const QString &name, const QString &type);
    QString duplicateDestination(const QString &to);
    QString renameDestination(const QString &to);
    QString removeDestination();

signals:
    void testFinished(const wharf::ui::ConnectionTestResult &result);
    /// The settings of `name` were written.
    void saved(const QString &name);
    /// The form shows the files' values again (another destination, Revert, a reload): nothing
    /// typed is pending.
    void reloaded(const QString &name);
    /// Destinations were added, renamed or removed; `select` is the one to show now.
    void destinationsChanged(const QString &select);

private:
    /// The URL field's example for `spec`: its scheme and default port.
    static QString urlExample(const ConfigSpec &spec);
    void buildLayout();
    void askAdd();
    void askDuplicate();
    void askRename();
    void askRemove();
    void showResult(const QString &text, bool good, const QString &details = {});
    void showTestResult(const ConnectionTestResult &result);
    void updateButtons();
    QString catalogOperation(const std::function<void()> &operation, const QString &select);
    QString writeSettings(const QString &name, const QList<wharf::DestinationSetting> &settings, const QString &note);
    QString settingKey(const wharf::DestinationSetting &setting) const;
    void moveKeychainEntries(const QString &from, const QString &to, bool keepOld);

    QString m_name;
    QString m_type;
    DestinationForm *m_form;
    CapabilitiesPanel *m_capabilities;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_filesLabel = nullptr;
    QPushButton *m_detailsButton = nullptr;
    QString m_resultDetails; ///< the whole error behind the result line, for Details…
    QLabel *m_result = nullptr;
    QLineEdit *m_url = nullptr;
    QPushButton *m_fillButton = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_cancelTestButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_duplicateButton = nullptr;
    QPushButton *m_renameButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    quint64 m_testGeneration = 0;
    bool m_testing = false;
    bool m_saving = false; ///< waiting for the keychain
    bool m_loadRunning = false;
    QThreadPool *m_testPool = nullptr;
    KeychainSecrets *m_keychain = nullptr;
    QCheckBox *m_useKeychain = nullptr;
    ConnectionTestResult m_lastTest;
};

} // namespace wharf::ui

Q_DECLARE_METATYPE(wharf::ui::ConnectionTestResult)
