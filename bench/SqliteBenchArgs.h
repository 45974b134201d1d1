#pragma once
// The command line the SQLite benchmarks share (wharf_bench_sqlite, wharf_bench_export):
// --rows, --work, --wharf, --sqlite3, and the scratch folder with its child-output log.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

namespace wharf::bench {

struct SqliteBenchArgs {
    QList<qint64> rows;
    QString work; ///< scratch folder (a temporary one unless --work)
    QString log;  ///< where the children's output goes
    QString wharf;
    QString sqlite3;
    std::shared_ptr<QTemporaryDir> tmp; ///< keeps the temporary scratch folder alive
};

inline SqliteBenchArgs parseSqliteBenchArgs(const QCoreApplication &app, const QString &description)
{
    QCommandLineParser p;
    p.setApplicationDescription(description);
    p.addHelpOption();
    QCommandLineOption rowsOpt(QStringLiteral("rows"), QStringLiteral("row counts, comma separated"),
                               QStringLiteral("N[,N]"), QStringLiteral("100000,1000000"));
    QCommandLineOption workOpt(QStringLiteral("work"), QStringLiteral("scratch folder"), QStringLiteral("DIR"));
    QCommandLineOption wharfOpt(QStringLiteral("wharf"), QStringLiteral("wharf binary"), QStringLiteral("PATH"),
                                QStringLiteral(WHARF_DEFAULT_BIN));
    QCommandLineOption sqliteOpt(QStringLiteral("sqlite3"), QStringLiteral("sqlite3 shell"), QStringLiteral("PATH"),
                                 QStringLiteral("sqlite3"));
    p.addOptions({rowsOpt, workOpt, wharfOpt, sqliteOpt});
    p.process(app);
    SqliteBenchArgs args;
    for (const QString &n : p.value(rowsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts))
        args.rows.append(n.toLongLong());
    args.tmp = std::make_shared<QTemporaryDir>();
    args.work = p.isSet(workOpt) ? p.value(workOpt) : args.tmp->path();
    QDir().mkpath(args.work);
    args.log = QDir(args.work).filePath(QStringLiteral("bench.log"));
    args.wharf = p.value(wharfOpt);
    args.sqlite3 = p.value(sqliteOpt);
    return args;
}

} // namespace wharf::bench
