#include "destination/WriteStrategy.h"

#include "Error.h"

namespace wharf {

bool WriteStrategy::throughStaging() const
{
    if (disposition == WriteDisposition::Merge)
        return !strategy.isEmpty(); // a destination without merge strategies takes the rows as they are
    return disposition == WriteDisposition::Replace &&
           (strategy == QLatin1String("insert-from-staging") || strategy == QLatin1String("staging-optimized"));
}

bool WriteStrategy::truncatesFirst() const
{
    return disposition == WriteDisposition::Replace && strategy == QLatin1String("truncate-and-insert");
}

QString resolveMergeStrategy(const Table &root, const Capabilities &caps)
{
    const QStringList &supported = caps.supportedMergeStrategies;
    // dlt's resolve_merge_strategy: a destination with no merge strategies (a custom sink) gets
    // the merge rows as they are, without staging or follow-up SQL.
    if (supported.isEmpty())
        return {};
    const QString wanted = root.mergeStrategy.isEmpty() ? supported.value(0) : root.mergeStrategy;
    if (wanted.isEmpty() || !supported.contains(wanted))
        throw Error(ErrorKind::Terminal,
                    QStringLiteral("merge strategy '%1' of table %2 is not supported by this destination "
                                   "(supported: %3)")
                        .arg(wanted, root.name, supported.join(QStringLiteral(", "))));
    return wanted;
}

QString resolveReplaceStrategy(const QString &configured, const Capabilities &caps)
{
    const QStringList &supported = caps.supportedReplaceStrategies;
    const QString wanted = configured.isEmpty() ? supported.value(0) : configured;
    if (wanted.isEmpty() || !supported.contains(wanted))
        throw Error(ErrorKind::Config, QStringLiteral("replace_strategy '%1' is not supported by this destination "
                                                      "(supported: %2)")
                                           .arg(wanted, supported.join(QStringLiteral(", "))));
    return wanted;
}

WriteStrategy resolveWriteStrategy(const Schema &schema, const QString &table, const Capabilities &caps,
                                   const QString &configuredReplaceStrategy)
{
    WriteStrategy w;
    const Table *root = schema.rootOf(table);
    if (!root)
        return w;
    w.disposition = schema.effectiveDisposition(root->name);
    if (w.disposition == WriteDisposition::Merge)
        w.strategy = resolveMergeStrategy(*root, caps);
    else if (w.disposition == WriteDisposition::Replace)
        w.strategy = resolveReplaceStrategy(configuredReplaceStrategy, caps);
    return w;
}

} // namespace wharf
