// What a package asks of the destination (core/load/LoadPlan.h), from real dlt schemas and job
// names: unsupported formats, refused strategies, staging, table chains, and merges that could
// not run refused before any DDL.
#include "Error.h"
#include "TestSupport.h"
#include "load/LoadPlan.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace wharf;

namespace {

QByteArray schemaJson(const QString &package)
{
    const QDir dir(test::dataPath(QStringLiteral("packages/") + package));
    for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(dir.filePath(sub + QStringLiteral("/schema.json")));
        if (f.open(QIODevice::ReadOnly))
            return f.readAll();
    }
    return {};
}

Capabilities caps()
{
    Capabilities c;
    c.supportedLoaderFileFormats = {QStringLiteral("insert_values"), QStringLiteral("jsonl")};
    c.supportedMergeStrategies = {QStringLiteral("delete-insert"), QStringLiteral("scd2")};
    c.supportedReplaceStrategies = {QStringLiteral("truncate-and-insert"), QStringLiteral("insert-from-staging")};
    return c;
}

QList<JobFileName> names(const QStringList &files)
{
    QList<JobFileName> out;
    for (const QString &f : files)
        out.append(JobFileName::parse(f));
    return out;
}

} // namespace

class tst_LoadPlan : public QObject {
    Q_OBJECT
private slots:
    void mergePackage()
    {
        const Schema schema = Schema::fromJson(schemaJson("gh_issues_merge_step1"), "merge");
        const LoadPlan plan(schema, caps(), LoadOptions(),
                            names({"issues.a.0.insert_values.gz", "issues__labels.b.0.jsonl",
                                   "issues__assignees.c.0.parquet", "_dlt_pipeline_state.d.0.insert_values"}));
        QVERIFY(plan.refusals().isEmpty());
        QVERIFY(!plan.isUnsupported(0));
        QVERIFY(plan.isUnsupported(2)); // parquet: the job fails on its own
        QVERIFY(plan.isStaged("issues"));
        QVERIFY(plan.isStaged("issues__labels"));
        QVERIFY(!plan.isStaged("_dlt_pipeline_state"));
        QCOMPARE(plan.strategyOf("issues__labels").disposition, WriteDisposition::Merge);
        QCOMPARE(plan.strategyOf("issues").strategy, QStringLiteral("delete-insert")); // the first supported
        const QStringList chain = plan.seenChain("issues");
        QCOMPARE(chain.first(), QStringLiteral("issues"));
        QVERIFY(chain.contains("issues__labels"));
        QCOMPARE(plan.stagingTruncatedTables(), chain);
        QVERIFY(plan.truncatedTables().isEmpty());
        QVERIFY(plan.migratedTables().contains("_dlt_loads"));
        plan.verify(); // keys present: nothing thrown
    }

    void unsupportedStrategiesAreRefused()
    {
        LoadOptions options;
        options.replaceStrategy = QStringLiteral("staging-optimized"); // not in caps(): dlt asserts
        const Schema schema = Schema::fromJson(schemaJson("gh_issues_replace_step1"), "replace");
        const LoadPlan plan(schema, caps(), options, names({"issues.a.0.insert_values.gz"}));
        QCOMPARE(plan.refusals().size(), 1);
        QVERIFY(plan.refusals().first().contains("staging-optimized"));

        QJsonObject s = QJsonDocument::fromJson(schemaJson("gh_issues_merge_step1")).object();
        QJsonObject tables = s["tables"].toObject();
        QJsonObject issues = tables["issues"].toObject();
        issues["x-merge-strategy"] = "upsert";
        tables["issues"] = issues;
        s["tables"] = tables;
        const Schema upsert = Schema::fromJson(QJsonDocument(s).toJson(), "merge");
        const LoadPlan merge(upsert, caps(), LoadOptions(), names({"issues__labels.b.0.jsonl"}));
        QCOMPARE(merge.refusals().size(), 1);
        QVERIFY2(merge.refusals().first().contains("upsert"), qPrintable(merge.refusals().first()));
    }

    void replaceStrategiesChooseStagingOrTruncation()
    {
        const Schema schema = Schema::fromJson(schemaJson("gh_issues_replace_step1"), "replace");
        const auto jobs = names({"issues.a.0.insert_values.gz"});
        const LoadPlan truncating(schema, caps(), LoadOptions(), jobs);
        QVERIFY(truncating.refusals().isEmpty());
        QCOMPARE(truncating.strategyOf("issues").strategy, QStringLiteral("truncate-and-insert"));
        QVERIFY(!truncating.isStaged("issues"));
        QVERIFY(truncating.truncatedTables().contains("issues"));
        QVERIFY(!truncating.anyStaged());

        LoadOptions options;
        options.replaceStrategy = QStringLiteral("insert-from-staging");
        const LoadPlan staged(schema, caps(), options, jobs);
        QVERIFY(staged.refusals().isEmpty());
        QVERIFY(staged.isStaged("issues"));
        QVERIFY(staged.truncatedTables().isEmpty());
        QVERIFY(staged.stagingTables().contains("issues"));
        QVERIFY(staged.stagingTruncatedTables().contains("issues"));
    }

    void aJobOfAnUnsupportedFormatStillCounts()
    {
        // dlt's init_client counts every new job: the replace table of a job that will fail for its
        // format is still emptied (and migrated), as dlt does.
        const Schema schema = Schema::fromJson(schemaJson("gh_issues_replace_step1"), "replace");
        const LoadPlan plan(schema, caps(), LoadOptions(), names({"issues.a.0.parquet"}));
        QVERIFY(plan.isUnsupported(0));
        QVERIFY(plan.truncatedTables().contains("issues"));
        QVERIFY(plan.migratedTables().contains("issues"));
    }

    void skipTablesLoadLikeAppend()
    {
        // dlt's own tables carry `skip`; a job for such a table loads as it is (no staging, no
        // truncation), as dlt's loader treats it.
        QJsonObject s = QJsonDocument::fromJson(schemaJson("gh_issues_merge_step1")).object();
        QJsonObject tables = s["tables"].toObject();
        QJsonObject issues = tables["issues"].toObject();
        issues["write_disposition"] = "skip";
        tables["issues"] = issues;
        s["tables"] = tables;
        const Schema schema = Schema::fromJson(QJsonDocument(s).toJson(), "skip");
        const LoadPlan plan(schema, caps(), LoadOptions(), names({"issues.a.0.insert_values.gz"}));
        QVERIFY(plan.refusals().isEmpty());
        QCOMPARE(plan.strategyOf("issues").disposition, WriteDisposition::Skip);
        QVERIFY(!plan.isStaged("issues"));
        QVERIFY(plan.truncatedTables().isEmpty());
    }

    void refreshDropsAndTruncatesWhatThePackageSays()
    {
        const QJsonObject state = QJsonDocument::fromJson(R"({"created_at": "2024-01-01T00:00:00+00:00",
            "dropped_tables": [{"name": "old", "columns": {}}, {"name": "old__items"}],
            "truncated_tables": [{"name": "issues"}, {"name": "not_in_any_chain"}]})")
                                      .object();
        const RefreshRequest refresh = RefreshRequest::fromPackageState(state);
        QCOMPARE(refresh.droppedTables, (QStringList{"old", "old__items"}));
        const Schema schema = Schema::fromJson(schemaJson("gh_issues_merge_step1"), "merge");
        LoadOptions options;
        const LoadPlan plan(schema, caps(), options, names({"issues.a.0.insert_values.gz"}), refresh);
        QCOMPARE(plan.droppedTables(), refresh.droppedTables);
        // Truncation follows dlt: only tables in the chains of tables with jobs.
        QCOMPARE(plan.truncatedTables(), QStringList{"issues"});
    }

    void mergeWithoutRootKeyIsRefusedBeforeAnyDdl()
    {
        QJsonObject s = QJsonDocument::fromJson(schemaJson("gh_issues_merge_step1")).object();
        QJsonObject tables = s["tables"].toObject();
        QJsonObject labels = tables["issues__labels"].toObject();
        QJsonObject columns = labels["columns"].toObject();
        for (const QString &c : columns.keys()) {
            QJsonObject col = columns[c].toObject();
            col.remove("root_key");
            col.remove("parent_key");
            columns[c] = col;
        }
        labels["columns"] = columns;
        tables["issues__labels"] = labels;
        s["tables"] = tables;
        const Schema schema = Schema::fromJson(QJsonDocument(s).toJson(), "merge");
        const LoadPlan plan(schema, caps(), LoadOptions(), names({"issues__labels.b.0.jsonl"}));
        try {
            plan.verify();
            QFAIL("a merge chain without a root key was accepted");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains("issues__labels"), qPrintable(e.fullText()));
        }
    }
};

QTEST_GUILESS_MAIN(tst_LoadPlan)
#include "tst_LoadPlan.moc"
