#pragma once

// Writing benchmark data: a buffered plain-or-gzip file and the value quoting of each format.
#include <QString>
#include <cstdio>
#include <string>
#include <zlib.h>

namespace wharf::bench {

/// Output that is either a plain FILE or a gzip stream, written in big buffered pieces.
class Sink {
public:
    Sink(const QString &path, bool gzip)
    {
        const QByteArray p = path.toUtf8();
        if (gzip)
            m_gz = gzopen(p.constData(), "wb6");
        else
            m_file = std::fopen(p.constData(), "wb");
        m_buf.reserve(1 << 20);
    }
    ~Sink()
    {
        flush();
        if (m_gz)
            gzclose(m_gz);
        if (m_file)
            std::fclose(m_file);
    }
    std::string &buf() { return m_buf; }
    void maybeFlush()
    {
        if (m_buf.size() > (1 << 20))
            flush();
    }
    void flush()
    {
        if (m_buf.empty())
            return;
        if (m_gz)
            gzwrite(m_gz, m_buf.data(), unsigned(m_buf.size()));
        else if (m_file)
            std::fwrite(m_buf.data(), 1, m_buf.size(), m_file);
        m_written += qint64(m_buf.size());
        m_buf.clear();
    }
    /// Bytes of data written so far, before compression (flushes first).
    qint64 uncompressedBytes()
    {
        flush();
        return m_written;
    }

private:
    gzFile m_gz = nullptr;
    FILE *m_file = nullptr;
    std::string m_buf;
    qint64 m_written = 0;
};

/// Creates `<root>/<loadId>/new_jobs/` (after removing `root`) with the package's schema.json,
/// an empty schema_updates.json (dlt's load step migrates only while it is there) and the
/// root's pipeline_state.json. Returns the package folder.
QString startPackage(const QString &root, const QString &loadId, const QString &schemaJson,
                     const QString &pipelineName);

/// `v` as a CSV field, always quoted.
void csvField(std::string &out, const std::string &v);
/// `v` as a PostgreSQL E'' string literal, as dlt's insert_values writer escapes it.
void sqlString(std::string &out, const std::string &v);
/// `v` as a JSON string as orjson writes it (UTF-8 kept, quote, backslash and controls escaped).
void jsonString(std::string &out, const std::string &v);

} // namespace wharf::bench
