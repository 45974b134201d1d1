#pragma once

// Helpers of the PostgreSQL integration tests: where the test server is (WHARF_TEST_PG), psql
// and pg_dump runs, dataset guards, and the comparison with what dlt produced for a package
// (tests/data/expected, as /work/shared/tools/compare_pg.py checks it).
#include "TestSupport.h"

#include <QDebug>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <zlib.h>

#include <algorithm>
#include <optional>

namespace wharf::test::pg {

// ---------------------------------------------------------------------------------------------
// Where the test server is: WHARF_TEST_PG, a libpq conninfo ("host=... port=...") or a URL.

inline QString testPg()
{
    return qEnvironmentVariable("WHARF_TEST_PG");
}

inline QMap<QString, QString> parseConninfo(const QString &text)
{
    QMap<QString, QString> out;
    const QString s = text.trimmed();
    if (s.startsWith(QLatin1String("postgres://")) || s.startsWith(QLatin1String("postgresql://"))) {
        const QUrl url(s);
        out.insert(QStringLiteral("host"), url.host());
        if (url.port() > 0)
            out.insert(QStringLiteral("port"), QString::number(url.port()));
        out.insert(QStringLiteral("user"), url.userName());
        out.insert(QStringLiteral("password"), url.password());
        out.insert(QStringLiteral("dbname"), url.path().mid(1));
        return out;
    }
    qsizetype i = 0;
    const auto skipSpace = [&] {
        while (i < s.size() && s[i].isSpace())
            ++i;
    };
    for (;;) {
        skipSpace();
        if (i >= s.size())
            break;
        QString key;
        while (i < s.size() && s[i] != QLatin1Char('=') && !s[i].isSpace())
            key += s[i++];
        skipSpace();
        if (i < s.size() && s[i] == QLatin1Char('='))
            ++i;
        skipSpace();
        QString value;
        const bool quoted = i < s.size() && s[i] == QLatin1Char('\'');
        if (quoted)
            ++i;
        while (i < s.size() && (quoted ? s[i] != QLatin1Char('\'') : !s[i].isSpace())) {
            if (s[i] == QLatin1Char('\\') && i + 1 < s.size())
                ++i;
            value += s[i++];
        }
        if (quoted)
            ++i;
        out.insert(key, value);
    }
    return out;
}

struct PgServer {
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString password;

    static PgServer fromEnv()
    {
        const auto m = parseConninfo(testPg());
        PgServer p;
        p.host = m.value(QStringLiteral("host"), m.value(QStringLiteral("hostaddr"), QStringLiteral("localhost")));
        p.port = m.value(QStringLiteral("port"), QStringLiteral("5432")).toInt();
        p.user = m.value(QStringLiteral("user"));
        p.database = m.value(QStringLiteral("dbname"), p.user);
        p.password = m.value(QStringLiteral("password"));
        return p;
    }
    /// DESTINATION__POSTGRES__CREDENTIALS for wharf.
    QString url(std::optional<QString> pw = std::nullopt, std::optional<int> atPort = std::nullopt,
                const QString &atHost = QString()) const
    {
        const QString secret = pw.value_or(password);
        QString out = QStringLiteral("postgresql://") + QString::fromUtf8(QUrl::toPercentEncoding(user));
        if (!secret.isEmpty())
            out += QLatin1Char(':') + QString::fromUtf8(QUrl::toPercentEncoding(secret));
        return out + QStringLiteral("@%1:%2/%3")
                         .arg(atHost.isEmpty() ? host : atHost)
                         .arg(atPort.value_or(port))
                         .arg(QString::fromUtf8(QUrl::toPercentEncoding(database)));
    }
    /// How wharf must print that location: `postgresql://user:***@host:port/db` (spec 10.5).
    QString masked(bool withPassword, std::optional<int> atPort = std::nullopt, const QString &atHost = QString()) const
    {
        return QStringLiteral("postgresql://%1%2@%3:%4/%5")
            .arg(user, withPassword ? QStringLiteral(":***") : QString(), atHost.isEmpty() ? host : atHost)
            .arg(atPort.value_or(port))
            .arg(database);
    }
    /// A libpq conninfo for psql with another password.
    QString conninfoWithPassword(const QString &pw) const
    {
        const auto q = [](QString v) {
            return QLatin1Char('\'') +
                   v.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
                       .replace(QLatin1Char('\''), QLatin1String("\\'")) +
                   QLatin1Char('\'');
        };
        return QStringLiteral("host=%1 port=%2 dbname=%3 user=%4 password=%5")
            .arg(q(host))
            .arg(port)
            .arg(q(database), q(user), q(pw));
    }
};

// ---------------------------------------------------------------------------------------------
// psql / pg_dump

struct ToolResult {
    int exitCode = -1;
    QString out;
    QString err;
};

inline ToolResult runTool(const QString &program, const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGTZ"), QStringLiteral("UTC"));
    env.insert(QStringLiteral("PGCLIENTENCODING"), QStringLiteral("UTF8"));
    env.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QStringLiteral("10"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    ToolResult r;
    if (!p.waitForStarted(10000)) {
        r.err = program + QStringLiteral(": cannot start: ") + p.errorString();
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = program + QStringLiteral(": timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

inline ToolResult psql(const QString &sql, const QString &conninfo = testPg())
{
    return runTool(QStringLiteral("psql"), {conninfo, QStringLiteral("-qAtX"), QStringLiteral("-v"),
                                            QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"), sql});
}

/// The last line psql printed (as compare_pg.py takes it), or a marker that fails any comparison
/// and says why.
inline QString psqlValue(const QString &sql, const QString &conninfo = testPg())
{
    const ToolResult r = psql(sql, conninfo);
    if (r.exitCode != 0)
        return QStringLiteral("<psql failed: %1>").arg(r.err.trimmed());
    const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
    return lines.last();
}

/// All lines psql printed; on failure one marker line.
inline QStringList psqlLines(const QString &sql)
{
    const ToolResult r = psql(sql);
    if (r.exitCode != 0)
        return {QStringLiteral("<psql failed: %1>").arg(r.err.trimmed())};
    const QString out = r.out.trimmed();
    return out.isEmpty() ? QStringList() : out.split(QLatin1Char('\n'));
}

/// A PostgreSQL identifier as the catalog stores it, quoted for SQL (standard rules only).
inline QString quoteIdent(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
}

/// A text value written into SQL without any quoting rules involved.
inline QString textExpr(const QString &text)
{
    return QStringLiteral("convert_from(decode('%1', 'hex'), 'UTF8')").arg(QString::fromLatin1(text.toUtf8().toHex()));
}

inline QString fromHex(const QString &hex)
{
    return QString::fromUtf8(QByteArray::fromHex(hex.toLatin1()));
}

inline bool plainName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    return re.match(name).hasMatch();
}

inline void dropDataset(const QString &dataset)
{
    psql(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE; DROP SCHEMA IF EXISTS %2 CASCADE")
             .arg(quoteIdent(dataset), quoteIdent(dataset + QStringLiteral("_staging"))));
}

/// Drops the dataset (and its staging dataset) when created and when it goes out of scope.
struct DatasetGuard {
    explicit DatasetGuard(QString name)
        : dataset(std::move(name))
    {
        dropDataset(dataset);
    }
    ~DatasetGuard() { dropDataset(dataset); }
    DatasetGuard(const DatasetGuard &) = delete;
    DatasetGuard &operator=(const DatasetGuard &) = delete;
    QString dataset;
};

inline bool schemaExists(const QString &schema)
{
    return psqlValue(QStringLiteral("select count(*) from information_schema.schemata where schema_name = %1")
                         .arg(textExpr(schema))) == QLatin1String("1");
}

inline QString rowCount(const QString &dataset, const QString &table)
{
    return psqlValue(QStringLiteral("select count(*) from %1.%2").arg(quoteIdent(dataset), quoteIdent(table)));
}

/// Table names of a schema as stored in the catalog, sorted by bytes.
inline QStringList catalogTables(const QString &schema)
{
    QStringList out;
    for (const QString &hex : psqlLines(QStringLiteral("select encode(convert_to(table_name, 'UTF8'), 'hex') from "
                                                       "information_schema.tables where table_schema = %1 "
                                                       "order by table_name collate \"C\"")
                                            .arg(textExpr(schema))))
        out << (hex.startsWith(QLatin1Char('<')) ? hex : fromHex(hex));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Files

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

inline QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readAll(path)).object();
}

inline QString expectedFile(const QString &caseName, const QString &file)
{
    return dataPath(QStringLiteral("expected/%1/%2").arg(caseName, file));
}

/// The one package folder (<load_id>) inside a package root.
inline QString loadIdDir(const QString &root)
{
    const QStringList dirs = QDir(root).entryList({QStringLiteral("1*")}, QDir::Dirs, QDir::Name);
    return dirs.size() == 1 ? QDir(root).filePath(dirs.first()) : QString();
}

inline QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

/// Column names per table, in ordinal order, from dlt's `\d+` output (describe_tables.txt).
inline QMap<QString, QStringList> describedColumns(const QString &caseName)
{
    QMap<QString, QStringList> out;
    static const QRegularExpression title(QStringLiteral("^\\s*Table \"([^\"]+)\"\\s*$"));
    QString table;
    bool inColumns = false;
    for (const QString &line : QString::fromUtf8(readAll(expectedFile(caseName, QStringLiteral("describe_tables.txt"))))
                                   .split(QLatin1Char('\n'))) {
        const auto m = title.match(line);
        if (m.hasMatch()) {
            table = m.captured(1);
            inColumns = false;
            continue;
        }
        if (line.startsWith(QLatin1Char('-'))) {
            inColumns = !table.isEmpty();
            continue;
        }
        if (!inColumns || !line.contains(QLatin1Char('|'))) {
            inColumns = false;
            continue;
        }
        out[table].append(line.section(QLatin1Char('|'), 0, 0).trimmed());
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Data as compare_pg.py compares it

struct Comparison {
    bool ok = true;
    QString report;
};

/// Reimplements /work/shared/tools/compare_pg.py for a dataset loaded from `caseName`'s package
/// into `dataset`, then adds what it leaves implicit: the columns in dlt's ordinal order (with
/// inserted_at where `\d+` shows it), no extra tables, and _dlt_version's comparable fields.
inline Comparison compareDataWithDlt(const QString &caseName, const QString &dataset, const QJsonObject &packageSchema)
{
    Comparison c;
    QStringList lines;
    const QJsonObject counts = readJson(expectedFile(caseName, QStringLiteral("counts.json")));
    const QJsonObject checks = readJson(expectedFile(caseName, QStringLiteral("row_checksums.json")))
                                   .value(QStringLiteral("tables"))
                                   .toObject();
    const auto described = describedColumns(caseName);
    const int n = int(counts.size());
    int okTables = 0, okCounts = 0, okChecksums = 0, okColumns = 0;
    QStringList extra; // beyond compare_pg.py
    QSet<QString> wantTables;
    // dlt's dataset is the one with _dlt_loads (its name may itself end in "_staging").
    QString dltDataset;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
        if (it.key().section(QLatin1Char('.'), 1) == QLatin1String("_dlt_loads"))
            dltDataset = it.key().section(QLatin1Char('.'), 0, 0);
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) { // QJsonObject keys are sorted
        const QString qual = it.key();
        const QString schema = qual.section(QLatin1Char('.'), 0, 0);
        const QString table = qual.section(QLatin1Char('.'), 1);
        const QString ours = schema == dltDataset ? dataset : dataset + QStringLiteral("_staging");
        const QString where = ours + QLatin1Char('.') + table;
        if (ours == dataset)
            wantTables.insert(table);
        if (psqlValue(QStringLiteral("select count(*) from information_schema.tables where table_schema='%1' and "
                                     "table_name='%2'")
                          .arg(ours, table)) != QLatin1String("1")) {
            lines << QStringLiteral("MISSING %1").arg(where);
            continue;
        }
        ++okTables;
        const QString got = psqlValue(QStringLiteral("select count(*) from \"%1\".\"%2\"").arg(ours, table));
        const QJsonObject ck = checks.value(qual).toObject();
        QStringList colsWant;
        for (const auto &v : ck.value(QStringLiteral("columns")).toArray())
            colsWant << v.toString();
        const QStringList colsHave =
            psqlValue(QStringLiteral("select string_agg(column_name, ',' order by ordinal_position) from "
                                     "information_schema.columns where table_schema='%1' and table_name='%2'")
                          .arg(ours, table))
                .split(QLatin1Char(','));
        // The checksums cover only comparable columns; _dlt_version.schema is serialised by each
        // tool.
        QStringList cmpCols;
        for (const QString &col : colsWant)
            if (!(table == QLatin1String("_dlt_version") && col == QLatin1String("schema")))
                cmpCols << col;
        QStringList missing;
        for (const QString &col : colsWant)
            if (!colsHave.contains(col))
                missing << col;
        QStringList extraCols;
        for (const QString &col : colsHave)
            if (!colsWant.contains(col) && col != QLatin1String("inserted_at"))
                extraCols << col;
        extraCols.sort();
        if (missing.isEmpty() && extraCols.isEmpty())
            ++okColumns;
        QStringList status;
        if (got == QString::number(it.value().toInt()))
            ++okCounts;
        else
            status << QStringLiteral("count %1 != %2").arg(got).arg(it.value().toInt());
        if (!ck.isEmpty() && missing.isEmpty()) {
            QStringList quoted;
            for (const QString &col : cmpCols)
                quoted << QLatin1Char('"') + col + QLatin1Char('"');
            const QString rowExpr = QStringLiteral("row(") + quoted.join(QLatin1Char(',')) + QStringLiteral(")::text");
            const QString md5 = psqlValue(QStringLiteral("set timezone='UTC'; select md5(coalesce(string_agg(r, "
                                                         "E'\\n' order by r collate "
                                                         "\"C\"), '')) from (select %1 as r from \"%2\".\"%3\") s")
                                              .arg(rowExpr, ours, table));
            if (cmpCols == colsWant) {
                if (md5 == ck.value(QStringLiteral("md5_sorted_rows")).toString())
                    ++okChecksums;
                else
                    status << QStringLiteral("checksum differs (%1, dlt %2)")
                                  .arg(md5, ck.value(QStringLiteral("md5_sorted_rows")).toString());
            } else {
                ++okChecksums; // schema column excluded; counted by the count check
            }
        } else if (!missing.isEmpty()) {
            status << QStringLiteral("missing columns [%1]").arg(missing.join(QStringLiteral(", ")));
        }
        if (!extraCols.isEmpty())
            status << QStringLiteral("extra columns [%1]").arg(extraCols.join(QStringLiteral(", ")));
        lines << (status.isEmpty() ? QStringLiteral("OK     ") : QStringLiteral("DIFF   ")) + where +
                     (status.isEmpty() ? QString() : QStringLiteral("  ") + status.join(QStringLiteral("; ")));

        // Ordinal order, inserted_at included, as dlt's `\d+` lists the columns.
        const QStringList ordinal = described.value(qual);
        QStringList ordinalWithoutInsertedAt = ordinal;
        ordinalWithoutInsertedAt.removeAll(QStringLiteral("inserted_at"));
        if (ordinal.isEmpty() || ordinalWithoutInsertedAt != colsWant)
            extra << QStringLiteral("TEST DATA %1: describe_tables.txt and row_checksums.json disagree").arg(qual);
        else if (colsHave != ordinal)
            extra << QStringLiteral("ORDER  %1: columns are\n         %2\n       dlt has\n         %3")
                         .arg(where, colsHave.join(QLatin1Char(',')), ordinal.join(QLatin1Char(',')));
    }
    lines << QStringLiteral("tables %1/%5, counts %2/%5, checksums %3/%5, columns %4/%5")
                 .arg(okTables)
                 .arg(okCounts)
                 .arg(okChecksums)
                 .arg(okColumns)
                 .arg(n);
    if (okTables != n || okCounts != n || okChecksums != n || okColumns != n)
        c.ok = false;

    // No table dlt did not create.
    const QStringList have = catalogTables(dataset);
    for (const QString &t : have)
        if (!wantTables.contains(t))
            extra << QStringLiteral("EXTRA TABLE %1.%2").arg(dataset, t);

    // _dlt_version: the newest row's comparable fields come from the package's schema.json (a
    // dataset loaded step by step holds one row per schema version); `schema` is JSON.
    const QString version = psqlValue(QStringLiteral("select version || '|' || engine_version || '|' || schema_name || "
                                                     "'|' || version_hash from \"%1\"._dlt_version "
                                                     "order by inserted_at desc limit 1")
                                          .arg(dataset));
    const QString wantVersion = QStringLiteral("%1|%2|%3|%4")
                                    .arg(packageSchema.value(QStringLiteral("version")).toInt())
                                    .arg(packageSchema.value(QStringLiteral("engine_version")).toInt())
                                    .arg(packageSchema.value(QStringLiteral("name")).toString(),
                                         packageSchema.value(QStringLiteral("version_hash")).toString());
    if (version != wantVersion)
        extra << QStringLiteral("_dlt_version row is %1, the package schema says %2").arg(version, wantVersion);
    const QString stored =
        psqlLines(QStringLiteral("select encode(convert_to(schema, 'UTF8'), 'hex') from \"%1\"._dlt_version "
                                 "order by inserted_at desc limit 1")
                      .arg(dataset))
            .value(0);
    const QJsonObject storedSchema = QJsonDocument::fromJson(QByteArray::fromHex(stored.toLatin1())).object();
    QStringList storedTables = storedSchema.value(QStringLiteral("tables")).toObject().keys();
    QStringList packageTables = packageSchema.value(QStringLiteral("tables")).toObject().keys();
    if (storedSchema.value(QStringLiteral("name")) != packageSchema.value(QStringLiteral("name")) ||
        storedSchema.value(QStringLiteral("version_hash")) != packageSchema.value(QStringLiteral("version_hash")) ||
        storedTables != packageTables)
        extra << QStringLiteral("_dlt_version.schema is not the package's schema as JSON (name %1, "
                                "hash %2, tables %3)")
                     .arg(storedSchema.value(QStringLiteral("name")).toString(),
                          storedSchema.value(QStringLiteral("version_hash")).toString(),
                          storedTables.join(QLatin1Char(',')));
    if (!extra.isEmpty()) {
        c.ok = false;
        lines << QStringLiteral("beyond compare_pg.py:") << extra;
    }
    c.report = lines.join(QLatin1Char('\n'));
    return c;
}

// ---------------------------------------------------------------------------------------------
// DDL as pg_dump prints it

/// pg_dump's text without what legitimately differs between two dumps of equal schemas (header,
/// `\restrict` keys, SET lines, comments, blank lines), with the statements in a canonical order:
/// CREATE SCHEMA first, then the CREATE TABLE blocks sorted, then ALTER statements sorted, then
/// anything else sorted. Column order inside a table is kept: it is part of the schema.
inline QStringList normalisedDdl(const QString &dump)
{
    QStringList statements;
    QStringList current;
    for (QString line : dump.split(QLatin1Char('\n'))) {
        while (line.endsWith(QLatin1Char('\r')) || line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        if (line.trimmed().isEmpty() || line.startsWith(QLatin1String("--")) ||
            line.startsWith(QLatin1String("\\restrict")) || line.startsWith(QLatin1String("\\unrestrict")) ||
            line.startsWith(QLatin1String("SET ")) || line.startsWith(QLatin1String("SELECT pg_catalog.set_config")))
            continue;
        current << line;
        if (line.endsWith(QLatin1Char(';'))) {
            statements << current.join(QLatin1Char('\n'));
            current.clear();
        }
    }
    if (!current.isEmpty())
        statements << current.join(QLatin1Char('\n'));
    QStringList schemas, tables, alters, others;
    for (const QString &s : std::as_const(statements)) {
        if (s.startsWith(QLatin1String("CREATE SCHEMA")))
            schemas << s;
        else if (s.startsWith(QLatin1String("CREATE TABLE")))
            tables << s;
        else if (s.startsWith(QLatin1String("ALTER ")))
            alters << s;
        else
            others << s;
    }
    tables.sort();
    alters.sort();
    others.sort();
    QStringList out;
    for (const QStringList *group : {&schemas, &tables, &alters, &others})
        for (const QString &s : *group)
            out << s.split(QLatin1Char('\n'));
    return out;
}

/// A line diff (longest common subsequence): `-` only in dlt's DDL, `+` only in Wharf's, two lines
/// of context around each change.
inline QString lineDiff(const QStringList &want, const QStringList &have)
{
    const qsizetype n = want.size(), m = have.size();
    std::vector<std::vector<int>> lcs(std::size_t(n + 1), std::vector<int>(std::size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[std::size_t(i)][std::size_t(j)] =
                want[i] == have[j]
                    ? lcs[std::size_t(i + 1)][std::size_t(j + 1)] + 1
                    : std::max(lcs[std::size_t(i + 1)][std::size_t(j)], lcs[std::size_t(i)][std::size_t(j + 1)]);
    QList<QPair<QChar, QString>> ops;
    qsizetype i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && want[i] == have[j]) {
            ops.append({QLatin1Char(' '), want[i]});
            ++i;
            ++j;
        } else if (j >= m ||
                   (i < n && lcs[std::size_t(i + 1)][std::size_t(j)] >= lcs[std::size_t(i)][std::size_t(j + 1)])) {
            ops.append({QLatin1Char('-'), want[i++]});
        } else {
            ops.append({QLatin1Char('+'), have[j++]});
        }
    }
    QStringList out;
    qsizetype lastShown = -1;
    for (qsizetype k = 0; k < ops.size(); ++k) {
        bool near = false;
        for (qsizetype d = std::max<qsizetype>(0, k - 2); d <= std::min(ops.size() - 1, k + 2) && !near; ++d)
            near = ops[d].first != QLatin1Char(' ');
        if (!near)
            continue;
        if (lastShown >= 0 && k > lastShown + 1)
            out << QStringLiteral("  ...");
        out << QString(ops[k].first) + QLatin1Char(' ') + ops[k].second;
        lastShown = k;
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace wharf::test::pg
