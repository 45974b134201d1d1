#include "shell/AboutDialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QUrl>
#include <QVBoxLayout>

namespace wharf::ui {

namespace {

struct Component {
    const char *name;
    const char *licence;
};

// What the window and the destinations are built on, and under which licence each is used.
constexpr Component kComponents[] = {
    {"Qt 6 (Core, Gui, Widgets, Network, Concurrent, Test)", "LGPL-3.0"},
    {"libpq (PostgreSQL client)", "PostgreSQL Licence"},
    {"SQLite", "public domain"},
    {"MariaDB Connector/C (MySQL and MariaDB plugin)", "LGPL-2.1"},
    {"toml++", "MIT"},
    {"simdjson", "Apache-2.0 or MIT"},
    {"QtKeychain", "BSD-3-Clause"},
    {"zlib", "zlib Licence"},
};

QString link(const QString &folder, const QString &file, const QString &title)
{
    const QString path = QDir(folder).filePath(file);
    if (!QFileInfo::exists(path))
        return {};
    return QStringLiteral("<li><a href=\"%1\">%2</a></li>")
        .arg(QUrl::fromLocalFile(path).toString().toHtmlEscaped(), title.toHtmlEscaped());
}

} // namespace

QString AboutDialog::docsFolder()
{
    const QDir bin(QCoreApplication::applicationDirPath());
    for (const QString &candidate :
         {bin.filePath(QStringLiteral("../share/doc/wharf")), QStringLiteral(WHARF_SOURCE_DIR "/docs")}) {
        if (QFileInfo::exists(QDir(candidate).filePath(QStringLiteral("RELIABILITY.md"))))
            return QDir::cleanPath(candidate);
    }
    return {};
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Wharf"));
    setObjectName(QStringLiteral("aboutDialog"));
    QString components;
    for (const Component &c : kComponents)
        components += QStringLiteral("<tr><td>%1</td><td>&nbsp;&nbsp;%2</td></tr>")
                          .arg(QString::fromUtf8(c.name).toHtmlEscaped(), QString::fromUtf8(c.licence));
    const QString docs = docsFolder();
    // README.md sits in the doc folder of an install and one level up in a checkout.
    const QString readme = QFileInfo::exists(QDir(docs).filePath(QStringLiteral("README.md")))
                               ? link(docs, QStringLiteral("README.md"), tr("Read me: setting up and using Wharf"))
                               : link(docs, QStringLiteral("../README.md"), tr("Read me: setting up and using Wharf"));
    QString links = readme + link(docs, QStringLiteral("RELIABILITY.md"), tr("What LOADED promises, and how")) +
                    link(docs, QStringLiteral("BENCHMARKS.md"), tr("Benchmarks")) +
                    link(docs, QStringLiteral("guides/new-destination.md"), tr("Writing a destination"));
    if (links.isEmpty())
        links = tr("<li>The documentation is not installed with this copy.</li>");
    m_text = tr("<h2>Wharf %1</h2>"
                "<p>Loads dlt load packages into databases, natively, with a window or from the "
                "command line.</p>"
                "<p>Licensed under the Apache License, Version 2.0. Built with Qt %2, running on Qt %3.</p>"
                "<p><b>Built on</b></p><table>%4</table>"
                "<p><b>Documentation</b></p><ul>%5</ul>")
                 .arg(QCoreApplication::applicationVersion(), QStringLiteral(QT_VERSION_STR),
                      QString::fromLatin1(qVersion()), components, links);
    auto *label = new QLabel(m_text, this);
    label->setTextFormat(Qt::RichText);
    label->setOpenExternalLinks(true);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(buttons);
}

} // namespace wharf::ui
