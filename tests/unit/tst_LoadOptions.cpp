// The [load] settings (core/load/LoadOptions.h, spec 2.2) read through the config resolver
// from a temporary project folder, a temporary ~/.dlt and a constructed environment.
#include "Error.h"
#include "config/ConfigResolver.h"
#include "load/LoadOptions.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <optional>

using namespace wharf;

Q_DECLARE_METATYPE(std::optional<wharf::ParallelismStrategy>)

namespace {

using EnvMap = QMap<QString, QString>;

/// A project folder and a fake ~/.dlt inside one temporary folder; never the real ones.
class Fixture {
public:
    Fixture()
    {
        QDir(m_root.path()).mkpath(QStringLiteral("project/.dlt"));
        QDir(m_root.path()).mkpath(QStringLiteral("home/.dlt"));
    }
    bool isValid() const { return m_root.isValid(); }
    QString projectConfig() const { return m_root.filePath("project/.dlt/config.toml"); }
    QString projectSecrets() const { return m_root.filePath("project/.dlt/secrets.toml"); }
    QString globalConfig() const { return m_root.filePath("home/.dlt/config.toml"); }

    static bool write(const QString &path, const QString &toml)
    {
        if (toml.isEmpty())
            return true;
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        return f.write(toml.toUtf8()) == toml.toUtf8().size();
    }

    ConfigLocations locations(const EnvMap &env) const
    {
        ConfigLocations out;
        out.projectDir = m_root.filePath("project");
        out.globalDir = m_root.filePath("home/.dlt");
        out.environment = QProcessEnvironment(); // empty, not the process environment
        for (auto it = env.cbegin(); it != env.cend(); ++it)
            out.environment.insert(it.key(), it.value());
        return out;
    }

private:
    QTemporaryDir m_root;
};

using PS = std::optional<ParallelismStrategy>;

} // namespace

class tst_LoadOptions : public QObject {
    Q_OBJECT
private slots:
    void automaticWorkersFollowTheCores()
    {
        const int n = LoadOptions::automaticWorkers();
        QCOMPARE(n, std::clamp(2 * QThread::idealThreadCount(), 2, 20));
        QVERIFY(n >= 2 && n <= 20);
        QCOMPARE(LoadOptions{}.workers, n);
    }
    void fromConfig_data()
    {
        QTest::addColumn<QString>("projectToml");
        QTest::addColumn<QString>("globalToml");
        QTest::addColumn<EnvMap>("env");
        QTest::addColumn<int>("workers");
        QTest::addColumn<bool>("raiseOnFailedJobs");
        QTest::addColumn<int>("raiseOnMaxRetries");
        QTest::addColumn<PS>("strategy");

        QTest::newRow("defaults") << ""
                                  << "" << EnvMap{} << LoadOptions::automaticWorkers() << true << 5 << PS{};
        QTest::newRow("project config.toml")
            << "[load]\nworkers = 4\nraise_on_failed_jobs = false\nraise_on_max_retries = 0\n"
               "parallelism_strategy = \"table-sequential\"\n"
            << "" << EnvMap{} << 4 << false << 0 << PS{ParallelismStrategy::TableSequential};
        QTest::newRow("global config.toml") << ""
                                            << "[load]\nworkers = 3\nraise_on_max_retries = 2\n"
                                            << EnvMap{} << 3 << true << 2 << PS{};
        QTest::newRow("project wins over global") << "[load]\nworkers = 6\n"
                                                  << "[load]\nworkers = 3\nraise_on_max_retries = 9\n"
                                                  << EnvMap{} << 6 << true << 9 << PS{};
        QTest::newRow("env LOAD__WORKERS") << ""
                                           << "" << EnvMap{{"LOAD__WORKERS", "7"}} << 7 << true << 5 << PS{};
        QTest::newRow("env wins over config.toml")
            << "[load]\nworkers = 4\nraise_on_failed_jobs = true\n"
            << "" << EnvMap{{"LOAD__WORKERS", "12"}, {"LOAD__RAISE_ON_FAILED_JOBS", "false"}} << 12 << false << 5
            << PS{};
        QTest::newRow("env strings are trimmed and case-insensitive bools")
            << ""
            << ""
            << EnvMap{{"LOAD__WORKERS", " 2 "},
                      {"LOAD__RAISE_ON_FAILED_JOBS", "False"},
                      {"LOAD__RAISE_ON_MAX_RETRIES", "10"},
                      {"LOAD__PARALLELISM_STRATEGY", "sequential"}}
            << 2 << false << 10 << PS{ParallelismStrategy::Sequential};
        QTest::newRow("parallel strategy") << "[load]\nparallelism_strategy = \"parallel\"\n"
                                           << "" << EnvMap{} << LoadOptions::automaticWorkers() << true << 5 << PS{ParallelismStrategy::Parallel};
        QTest::newRow("quoted number in toml") << "[load]\nworkers = \"8\"\n"
                                               << "" << EnvMap{} << 8 << true << 5 << PS{};
        QTest::newRow("other sections do not leak") << "[extract]\nworkers = 2\n[normalize]\nworkers = 3\n"
                                                    << "" << EnvMap{} << LoadOptions::automaticWorkers() << true << 5 << PS{};
    }
    void fromConfig()
    {
        QFETCH(QString, projectToml);
        QFETCH(QString, globalToml);
        QFETCH(EnvMap, env);
        Fixture fx;
        QVERIFY(fx.isValid());
        QVERIFY(Fixture::write(fx.projectConfig(), projectToml));
        QVERIFY(Fixture::write(fx.globalConfig(), globalToml));
        const ConfigResolver resolver(fx.locations(env));
        const LoadOptions o = LoadOptions::fromConfig(resolver);
        QTEST(o.workers, "workers");
        QTEST(o.raiseOnFailedJobs, "raiseOnFailedJobs");
        QTEST(o.raiseOnMaxRetries, "raiseOnMaxRetries");
        QTEST(o.parallelismStrategy, "strategy");
        QVERIFY(o.datasetName.isEmpty());
    }

    void explicitValueWins()
    {
        Fixture fx;
        QVERIFY(Fixture::write(fx.projectConfig(), "[load]\nworkers = 4\n"));
        ConfigResolver resolver(fx.locations({{"LOAD__WORKERS", "5"}}));
        resolver.setExplicit(QStringLiteral("load.workers"), 9);
        QCOMPARE(LoadOptions::fromConfig(resolver).workers, 9);
    }

    void badValues_data()
    {
        QTest::addColumn<QString>("projectToml");
        QTest::addColumn<EnvMap>("env");
        QTest::addColumn<QString>("key");

        QTest::newRow("workers word") << "[load]\nworkers = \"many\"\n" << EnvMap{} << "load.workers";
        QTest::newRow("workers negative") << "[load]\nworkers = -1\n" << EnvMap{} << "load.workers";
        QTest::newRow("workers fraction") << "[load]\nworkers = 2.5\n" << EnvMap{} << "load.workers";
        QTest::newRow("workers env word") << "" << EnvMap{{"LOAD__WORKERS", "abc"}} << "load.workers";
        QTest::newRow("workers env empty") << "" << EnvMap{{"LOAD__WORKERS", ""}} << "load.workers";
        QTest::newRow("raise_on_max_retries word") << "[load]\nraise_on_max_retries = \"often\"\n"
                                                   << EnvMap{} << "load.raise_on_max_retries";
        QTest::newRow("raise_on_max_retries negative env")
            << "" << EnvMap{{"LOAD__RAISE_ON_MAX_RETRIES", "-3"}} << "load.raise_on_max_retries";
        QTest::newRow("raise_on_failed_jobs word") << "[load]\nraise_on_failed_jobs = \"maybe\"\n"
                                                   << EnvMap{} << "load.raise_on_failed_jobs";
        QTest::newRow("raise_on_failed_jobs env word")
            << "" << EnvMap{{"LOAD__RAISE_ON_FAILED_JOBS", "sometimes"}} << "load.raise_on_failed_jobs";
        QTest::newRow("parallelism_strategy unknown") << "[load]\nparallelism_strategy = \"fast\"\n"
                                                      << EnvMap{} << "load.parallelism_strategy";
        QTest::newRow("parallelism_strategy env unknown")
            << "" << EnvMap{{"LOAD__PARALLELISM_STRATEGY", "Parallel!"}} << "load.parallelism_strategy";
    }
    void badValues()
    {
        QFETCH(QString, projectToml);
        QFETCH(EnvMap, env);
        QFETCH(QString, key);
        Fixture fx;
        QVERIFY(Fixture::write(fx.projectConfig(), projectToml));
        const ConfigResolver resolver(fx.locations(env));
        try {
            LoadOptions::fromConfig(resolver);
            QFAIL("accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Config);
            QVERIFY2(e.message().contains(key), qPrintable(e.message()));
            // The message also says where the value came from.
            const QString where = env.isEmpty() ? QStringLiteral("config.toml") : env.firstKey();
            QVERIFY2(e.message().contains(where), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(tst_LoadOptions)
#include "tst_LoadOptions.moc"
