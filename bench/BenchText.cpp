#include "BenchText.h"

#include <QDir>
#include <QFile>

namespace wharf::bench {

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(data);
}

} // namespace

QString startPackage(const QString &root, const QString &loadId, const QString &schemaJson, const QString &pipelineName)
{
    const QString pkg = QDir(root).filePath(loadId);
    QDir(root).removeRecursively();
    QDir().mkpath(QDir(pkg).filePath(QStringLiteral("new_jobs")));
    writeFile(QDir(pkg).filePath(QStringLiteral("schema.json")), schemaJson.toUtf8());
    writeFile(QDir(pkg).filePath(QStringLiteral("schema_updates.json")), "{}");
    writeFile(QDir(root).filePath(QStringLiteral("pipeline_state.json")),
              QStringLiteral(R"({"pipeline_name":"%1","dataset_name":"%1"})").arg(pipelineName).toUtf8());
    return pkg;
}

void csvField(std::string &out, const std::string &v)
{
    out += '"';
    for (char c : v) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void sqlString(std::string &out, const std::string &v)
{
    out += "E'";
    for (char c : v) {
        switch (c) {
        case '\'':
            out += "''";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    out += '\'';
}

void jsonString(std::string &out, const std::string &v)
{
    out += '"';
    for (char c : v) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", unsigned(c));
                out += esc;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace wharf::bench
