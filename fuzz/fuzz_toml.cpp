// libFuzzer target: TOML as Wharf reads .dlt/config.toml and secrets.toml, and the in-place
// editor that writes them back: a value it sets must read back as set, in a document that
// still parses.
#include "Error.h"
#include "config/TomlDocumentEditor.h"
#include "config/TomlSupport.h"

#include <QByteArray>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace wharf;
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const QStringList table{QStringLiteral("destination"), QStringLiteral("postgres")};
    try {
        const auto parsed = toml_support::parse(text, QStringLiteral("fuzz/config.toml"));
        (void)toml_support::navigate(parsed, table);
    } catch (const Error &) {
    }
    try {
        TomlDocumentEditor editor(text, QStringLiteral("fuzz/secrets.toml"));
        editor.setValue(table, QStringLiteral("password"), QStringLiteral("p\"a'ss\\word\n"));
        if (editor.value(table + QStringList{QStringLiteral("password")}).toString() !=
            QStringLiteral("p\"a'ss\\word\n"))
            std::abort();
        TomlDocumentEditor again(editor.text(), QStringLiteral("fuzz/again.toml"));
        if (again.value(table + QStringList{QStringLiteral("password")}).toString() !=
            QStringLiteral("p\"a'ss\\word\n"))
            std::abort();
        editor.renameTable(table, QStringLiteral("warehouse"));
        editor.removeTable({QStringLiteral("destination"), QStringLiteral("warehouse")});
    } catch (const Error &) {
    }
    return 0;
}
