#pragma once

#include "config/ConfigResolver.h"
#include "config/ConfigSpec.h"
#include "config/DestinationConfigWriter.h"

#include <QList>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace wharf::ui {

/// The fields of one destination, generated from its ConfigSpec: a line edit per string
/// (password fields masked, with a show/hide button), a spin box per number, a check box per
/// flag, a combo for fields with choices, a file picker for paths — and beside each field where
/// its effective value comes from (secrets.toml section, env var, OS keychain, typed here).
/// Paste a connection URL to fill the credential fields. It only holds values; reading and
/// writing configuration is the caller's (DestinationEditor). GUI thread only.
class DestinationForm : public QWidget {
    Q_OBJECT
public:
    explicit DestinationForm(QWidget *parent = nullptr);

    /// Builds the form for `spec` and fills it from `config` (what resolves now; fields it
    /// lacks show their default or stay empty). Clears the edited marks.
    void setSpec(const wharf::ConfigSpec &spec, const wharf::ResolvedConfig &config);

    /// Fields with a value in the form, as explicit config keys of destination `name`
    /// ("destination.<name>.credentials.host" → "db.example.org"): what Test connection uses.
    QMap<QString, QVariant> explicitValues(const QString &name) const;
    /// What Save writes: every field the user edited (an emptied one removes its key), and
    /// every credential when they came from a connection string given whole (the writer
    /// replaces that string by the fields).
    QList<wharf::DestinationSetting> changedSettings() const;
    bool isEdited() const;
    /// Field names edited since setSpec(), in form order.
    QStringList editedFields() const;

    /// Fills the credential fields from a connection URL (user, password, host, port, database,
    /// and query parameters that name a field). False (and `note` says why) when the URL does
    /// not parse; true with a `note` when some parameters had no field.
    bool fillFromUrl(const QString &url, QString *note = nullptr);
    /// fillFromUrl() for tests: the error or note, empty when every part found its field.
    QString pasteUrl(const QString &url);

    /// The editor widget of `field` (for tests), or null.
    QWidget *editorFor(const QString &field) const;
    /// The "where it comes from" text of `field`.
    QString sourceText(const QString &field) const;
    /// Sets `field` as if typed (for tests and pasteUrl).
    void setFieldValue(const QString &field, const QVariant &value);
    QVariant fieldValue(const QString &field) const;

signals:
    /// The user changed a value.
    void edited();

private:
    struct Row {
        wharf::ConfigField field;
        bool credential = true;
        QWidget *editor = nullptr;
        QLabel *source = nullptr;
        bool edited = false;
        bool fromConnectionString = false;
    };
    Row *row(const QString &field);
    const Row *row(const QString &field) const;
    QWidget *createEditor(Row &row);
    void addRow(const wharf::ConfigField &field, bool credential, const wharf::ResolvedConfig &config);
    void markEdited(const QString &field);
    static QVariant readEditor(const Row &row);
    static void writeEditor(const Row &row, const QVariant &value);

    QGridLayout *m_grid;
    QList<Row> m_rows;
    bool m_filling = false; ///< setSpec/writeEditor in progress: no edited marks
};

/// "env DESTINATION__PG__CREDENTIALS__HOST", "secrets.toml [destination.pg.credentials]",
/// "default", …: where a value comes from, shortened for the form.
QString describeSourceShort(const wharf::ValueSource &source);

} // namespace wharf::ui
