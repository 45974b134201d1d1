#pragma once

#include <QDialog>

namespace wharf::ui {

/// Help ▸ About Wharf: the version, Wharf's licence and those of the libraries it is built on,
/// and links to the documentation installed beside it.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    /// The folder holding README.md and the guides: <prefix>/share/doc/wharf of an install, or
    /// the source checkout of a build tree; empty when neither is there.
    static QString docsFolder();
    /// The dialog's text (rich text), for tests.
    QString text() const { return m_text; }

private:
    QString m_text;
};

} // namespace wharf::ui
