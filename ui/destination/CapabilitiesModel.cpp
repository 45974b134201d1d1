#include "destination/CapabilitiesModel.h"

#include "Error.h"
#include "common/StateColors.h"
#include "config/DestinationConfigWriter.h"
#include "config/TomlDocumentEditor.h"
#include "destination/Destination.h"
#include "load/LoadOptions.h"

#include <QFileInfo>
#include <QFont>
#include <QHash>
#include <limits>
#include <memory>

namespace wharf::ui {

namespace {

using Kind = TunableCapability::Kind;

const QList<ParallelismStrategy> kStrategies{ParallelismStrategy::Parallel, ParallelismStrategy::TableSequential,
                                             ParallelismStrategy::Sequential};

QStringList strategyNames()
{
    QStringList out;
    for (const ParallelismStrategy s : kStrategies)
        out << parallelismStrategyName(s);
    return out;
}

std::optional<ParallelismStrategy> strategyFromName(const QString &name)
{
    for (const ParallelismStrategy s : kStrategies) {
        if (parallelismStrategyName(s) == name)
            return s;
    }
    return std::nullopt;
}

/// The largest value a count may take: what the code reading it can hold (LoadOptions reads
/// workers with toInt(), Capabilities keeps max_rows_per_insert in an int).
qint64 maximumFor(const TunableCapability &t)
{
    if (t.capability == QLatin1String(capability_names::kMaxQueryLength))
        return std::numeric_limits<qint64>::max();
    return std::numeric_limits<int>::max();
}

bool samePath(const QString &a, const QString &b)
{
    return QFileInfo(a).absoluteFilePath() == QFileInfo(b).absoluteFilePath();
}

} // namespace

QString CapabilitiesModel::caption(const QString &dltName)
{
    static const QHash<QString, QString> captions{
        {QStringLiteral("preferred_loader_file_format"), tr("Preferred file format")},
        {QStringLiteral("supported_loader_file_formats"), tr("File formats loaded")},
        {QStringLiteral("casefold_identifier"), tr("Name case folding")},
        {QStringLiteral("has_case_sensitive_identifiers"), tr("Case-sensitive names")},
        {QStringLiteral("decimal_precision"), tr("Decimal precision, scale")},
        {QStringLiteral("wei_precision"), tr("Wei precision, scale")},
        {QStringLiteral("max_identifier_length"), tr("Longest table name")},
        {QStringLiteral("max_column_identifier_length"), tr("Longest column name")},
        {QStringLiteral("max_query_length"), tr("Longest SQL statement")},
        {QStringLiteral("max_text_data_type_length"), tr("Longest text column")},
        {QStringLiteral("supports_transactions"), tr("Transactions")},
        {QStringLiteral("supports_ddl_transactions"), tr("Schema changes in transactions")},
        {QStringLiteral("alter_add_multi_column"), tr("Several columns per ALTER")},
        {QStringLiteral("supports_truncate_command"), tr("TRUNCATE")},
        {QStringLiteral("supports_multiple_statements"), tr("Several statements per call")},
        {QStringLiteral("supports_native_boolean"), tr("Native booleans")},
        {QStringLiteral("timestamp_precision"), tr("Timestamp precision")},
        {QStringLiteral("max_rows_per_insert"), tr("Rows per INSERT")},
        {QStringLiteral("max_parallel_load_jobs"), tr("Most jobs at once")},
        {QStringLiteral("loader_parallelism_strategy"), tr("Parallelism")},
        {QStringLiteral("supported_merge_strategies"), tr("Merge strategies")},
        {QStringLiteral("supported_replace_strategies"), tr("Replace strategies")},
        {QStringLiteral("workers"), tr("Parallel jobs (workers)")},
    };
    const auto it = captions.constFind(dltName);
    if (it != captions.cend())
        return *it;
    QString text = dltName;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

CapabilitiesModel::CapabilitiesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void CapabilitiesModel::setDestination(const QString &name, const ConfigLocations &locations)
{
    const bool hadEdits = !m_pending.isEmpty();
    m_pending.clear();
    beginResetModel();
    m_name = name;
    m_locations = locations;
    QString error;
    m_rows = readRows(&error);
    endResetModel();
    setLastError(error);
    if (hadEdits)
        emit editedChanged();
}

QString CapabilitiesModel::configPath() const
{
    return DestinationConfigWriter(m_locations.projectDir).configPath();
}

void CapabilitiesModel::reload()
{
    QString error;
    QList<Row> rows = readRows(&error);
    if (!rows.isEmpty() && rows.size() == m_rows.size()) {
        m_rows = std::move(rows);
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    setLastError(error);
}

QList<CapabilitiesModel::Row> CapabilitiesModel::readRows(QString *error)
{
    using namespace capability_names;
    m_readable = false;
    m_defaults = Capabilities{};
    if (m_name.isEmpty())
        return {};

    // An unreadable file still leaves the defaults worth showing; only editing needs it.
    std::unique_ptr<ConfigResolver> resolver;
    try {
        resolver = std::make_unique<ConfigResolver>(m_locations);
    } catch (const Error &e) {
        *error = e.fullText();
    }
    std::shared_ptr<const Destination> destination;
    try {
        destination = DestinationRegistry::instance().create(resolver ? resolver->destinationType(m_name) : m_name);
    } catch (const Error &e) {
        *error = e.fullText();
        return {};
    }
    m_defaults = destination->capabilities();

    // Applied one by one so that an invalid override marks its own row and the others still show.
    Capabilities effective = m_defaults;
    QMap<QString, ResolvedValue> configured;
    QMap<QString, QString> problems;
    const QList<TunableCapability> tunables = tunableCapabilities(m_name);
    if (resolver) {
        configured = resolveCapabilityOverrides(*resolver, m_name);
        for (auto it = configured.cbegin(); it != configured.cend(); ++it) {
            try {
                effective = applyCapabilityOverrides(effective, {{it.key(), *it}});
            } catch (const Error &e) {
                problems.insert(it.key(), e.message());
            }
        }
    }

    // The [load] settings, read as LoadOptions::fromConfig reads them (lookup(), so a bare
    // `workers` key counts too), but one at a time for the same reason.
    int workers = LoadOptions{}.workers;
    for (const TunableCapability &t : tunables) {
        if (!t.isLoadSetting() || !resolver)
            continue;
        const auto value = resolver->lookup(t.sections, t.key);
        if (!value)
            continue;
        configured.insert(t.capability, *value);
        const QString text = value->value.toString().trimmed();
        if (t.kind == Kind::Strategy) {
            if (const auto s = strategyFromName(text))
                effective.parallelismStrategy = *s;
            else
                problems.insert(t.capability, tr("%1 must be %2, got '%3' (%4)")
                                                  .arg(t.configKey(), strategyNames().join(tr(", ")), text,
                                                       value->source.describe()));
        } else {
            bool ok = false;
            const int n = text.toInt(&ok);
            if (ok && n >= 0)
                workers = std::max(1, n); // LoadOptions takes 0 as 1
            else
                problems.insert(t.capability, tr("%1 must be a non-negative integer, got '%2' (%3)")
                                                  .arg(t.configKey(), text, value->source.describe()));
        }
    }

    QStringList projectKeys;
    try {
        const TomlDocumentEditor project = TomlDocumentEditor::load(configPath());
        for (const TunableCapability &t : tunables) {
            if (project.contains(t.path()))
                projectKeys << t.capability;
        }
        m_readable = resolver != nullptr;
    } catch (const Error &e) {
        *error = e.fullText();
    }

    const auto makeRow = [&](const QString &name, const QString &value, const QString &defaultValue,
                             const QString &meaning) {
        Row row{name, value, defaultValue, meaning, {}, {}, {}, {}, false, {}};
        for (const TunableCapability &t : tunables) {
            if (t.capability == name)
                row.tunable = t;
        }
        if (!row.tunable)
            return row;
        const TunableCapability &t = *row.tunable;
        if (t.isLoadSetting())
            row.meaning += tr(" ([load] setting, for every destination)");
        if (name == QLatin1String(kPreferredFormat)) {
            row.editValue = effective.preferredLoaderFileFormat;
            row.choices = m_defaults.supportedLoaderFileFormats;
        } else if (name == QLatin1String(kMaxQueryLength)) {
            row.editValue = qlonglong(effective.maxQueryLength);
        } else if (name == QLatin1String(kMaxRowsPerInsert)) {
            row.editValue = effective.maxRowsPerInsert;
        } else if (name == QLatin1String(kWorkers)) {
            row.editValue = workers;
        } else if (name == QLatin1String(kParallelism)) {
            row.editValue = parallelismStrategyName(effective.parallelismStrategy);
            row.choices = strategyNames();
        }
        if (const auto it = configured.constFind(name); it != configured.cend())
            row.configured = *it;
        row.problem = problems.value(name);
        if (!row.problem.isEmpty())
            row.value = row.configured->value.toString();
        row.inProjectFile = projectKeys.contains(name);
        return row;
    };

    QList<Row> rows;
    const QList<Capabilities::Entry> defaults = m_defaults.describe();
    const QList<Capabilities::Entry> entries = effective.describe();
    const QString workersMeaning =
        tr("load jobs running at once, one connection each (at most max_parallel_load_jobs; 1 when sequential)");
    const QString workersValue = QString::number(workers);
    const QString workersDefault = QString::number(LoadOptions{}.workers);
    bool workersShown = false;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Capabilities::Entry &e = entries.at(i);
        workersShown = workersShown || e.name == QLatin1String(kWorkers);
        rows << makeRow(e.name, e.value, i < defaults.size() ? defaults.at(i).value : QString(), e.meaning);
        // Next to the capability that caps it.
        if (e.name == QLatin1String("max_parallel_load_jobs") && !workersShown) {
            rows << makeRow(QLatin1String(kWorkers), workersValue, workersDefault, workersMeaning);
            workersShown = true;
        }
    }
    if (!workersShown)
        rows << makeRow(QLatin1String(kWorkers), workersValue, workersDefault, workersMeaning);
    return rows;
}

bool CapabilitiesModel::isEditable(const Row &row) const
{
    if (!row.tunable || !m_readable)
        return false;
    if (!row.configured)
        return true;
    // The project's config.toml wins over ~/.dlt/config.toml, but not over the environment,
    // secrets.toml, the keychain or a pipeline-scoped key: an edit there would not take effect.
    const ValueSource &source = row.configured->source;
    if (source.kind != ValueSource::Kind::ConfigToml)
        return false;
    const QString pipeline = m_locations.pipelineName;
    return pipeline.isEmpty() || !source.key.startsWith(pipeline + QLatin1Char('.'));
}

QString CapabilitiesModel::sourceText(const Row &row) const
{
    if (!row.configured)
        return tr("default");
    const ValueSource &source = row.configured->source;
    switch (source.kind) {
    case ValueSource::Kind::ConfigToml:
    case ValueSource::Kind::SecretsToml: {
        const QString where = samePath(QFileInfo(source.file).absolutePath(), QFileInfo(configPath()).absolutePath())
                                  ? tr("project")
                                  : tr("global");
        QString text = tr("%1 (%2)").arg(QFileInfo(source.file).fileName(), where);
        if (row.tunable && source.key != row.tunable->configKey())
            text += QLatin1Char(' ') + source.key;
        return text;
    }
    default:
        return source.describe();
    }
}

int CapabilitiesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CapabilitiesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CapabilitiesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    const bool overridden = row.configured.has_value();
    const auto pending = m_pending.constFind(row.name);
    const bool isPending = pending != m_pending.cend();
    if (isPending && (role == Qt::DisplayRole || role == Qt::EditRole) && column == ValueColumn)
        return pending->has_value() ? pending->value() : QVariant(row.defaultValue);
    if (isPending && role == Qt::DisplayRole && column == SourceColumn)
        return pending->has_value() ? tr("typed here (not saved)") : tr("reset (not saved)");
    if (isPending && role == Qt::FontRole && (column == NameColumn || column == ValueColumn)) {
        QFont font;
        font.setItalic(true);
        return font;
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (column) {
        case NameColumn:
            return caption(row.name);
        case ValueColumn:
            return role == Qt::EditRole && row.tunable && row.problem.isEmpty() ? row.editValue : row.value;
        case DefaultColumn:
            return row.defaultValue;
        case SourceColumn:
            return row.tunable || overridden ? sourceText(row) : QString();
        case MeaningColumn:
            return row.meaning;
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
        case MeaningColumn:
            if (row.tunable)
                return tr("%1 (dlt: %2)\n%3\n\nCan be changed: %4 in config.toml")
                    .arg(caption(row.name), row.name, row.meaning, row.tunable->configKey());
            return tr("%1 (dlt: %2)\n%3").arg(caption(row.name), row.name, row.meaning);
        case ValueColumn:
            if (!row.problem.isEmpty())
                return tr("Invalid, loads will fail: %1").arg(row.problem);
            if (row.tunable && !isEditable(row) && overridden)
                return tr("Set by %1, which the project's config.toml cannot override; change it there")
                    .arg(row.configured->source.describe());
            if (row.tunable && m_readable)
                return tr("Double-click to change; saved in %1").arg(configPath());
            return {};
        case SourceColumn:
            return overridden ? row.configured->source.describe() : QVariant();
        }
        return {};
    case DltNameRole:
        return row.name;
    case Qt::FontRole:
        if (overridden && (column == NameColumn || column == ValueColumn)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (column == ValueColumn && !row.problem.isEmpty())
            return colors::failure();
        if (column == ValueColumn && isEditable(row))
            return colors::running(); // the colour of a link: this one can be changed
        if (column == SourceColumn && !overridden)
            return colors::neutral();
        return {};
    case EditorKindRole:
        if (column != ValueColumn || !isEditable(row))
            return int(EditorKind::None);
        return int(row.tunable->kind == Kind::Count ? EditorKind::Integer : EditorKind::Choice);
    case ChoicesRole:
        return row.choices;
    case MinimumRole:
        return row.tunable ? row.tunable->minimum : QVariant();
    case MaximumRole:
        return row.tunable ? int(std::min<qint64>(maximumFor(*row.tunable), std::numeric_limits<int>::max()))
                           : QVariant();
    case SpecialValueTextRole:
        // Capabilities.h: max_rows_per_insert 0 = no limit (the one count whose minimum is 0).
        return row.tunable && row.tunable->kind == Kind::Count && row.tunable->minimum == 0 ? tr("no limit")
                                                                                            : QString();
    case TunableRole:
        return row.tunable.has_value();
    case OverriddenRole:
        return overridden;
    case ResettableRole:
        return row.inProjectFile;
    case ConfigKeyRole:
        return row.tunable ? row.tunable->configKey() : QString();
    case ProblemRole:
        return row.problem;
    }
    return {};
}

QVariant CapabilitiesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Capability");
    case ValueColumn:
        return tr("Value");
    case DefaultColumn:
        return tr("Default");
    case SourceColumn:
        return tr("Source");
    case MeaningColumn:
        return tr("Meaning");
    }
    return {};
}

Qt::ItemFlags CapabilitiesModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == ValueColumn && isEditable(m_rows.at(index.row())))
        f |= Qt::ItemIsEditable;
    return f;
}

std::optional<QVariant> CapabilitiesModel::validate(const Row &row, const QVariant &value, QString *error) const
{
    const TunableCapability &t = *row.tunable;
    const QString text = value.toString().trimmed();
    QVariant out;
    switch (t.kind) {
    case Kind::Count: {
        bool ok = false;
        const qint64 n = text.toLongLong(&ok);
        if (!ok) {
            *error = tr("%1 must be a whole number, got '%2'").arg(t.capability, text);
            return std::nullopt;
        }
        if (n < t.minimum) {
            *error = tr("%1 must be at least %2, got %3").arg(t.capability).arg(t.minimum).arg(n);
            return std::nullopt;
        }
        if (n > maximumFor(t)) {
            *error = tr("%1 must be at most %2, got %3").arg(t.capability).arg(maximumFor(t)).arg(n);
            return std::nullopt;
        }
        out = qlonglong(n);
        break;
    }
    case Kind::FileFormat:
    case Kind::Strategy:
        if (!row.choices.contains(text)) {
            *error = tr("%1 must be one of %2, got '%3'").arg(t.capability, row.choices.join(tr(", ")), text);
            return std::nullopt;
        }
        out = text;
        break;
    }
    if (!t.isLoadSetting()) {
        // core has the last word on what the loader will accept.
        try {
            applyCapabilityOverrides(m_defaults, {{t.capability, ResolvedValue{out, {}, false}}});
        } catch (const Error &e) {
            *error = e.message();
            return std::nullopt;
        }
    }
    return out;
}

bool CapabilitiesModel::writeConfig(const QStringList &path, const QVariant &value)
{
    try {
        DestinationConfigWriter(m_locations.projectDir).setConfigValue(path, value);
    } catch (const Error &e) {
        setLastError(e.fullText());
        return false;
    }
    return true;
}

bool CapabilitiesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        index.column() != ValueColumn)
        return false;
    const Row &row = m_rows.at(index.row());
    if (!row.tunable)
        return false;
    if (!isEditable(row)) {
        setLastError(row.configured ? tr("%1 is set by %2, which wins over the project's config.toml")
                                          .arg(row.name, row.configured->source.describe())
                                    : tr("%1 cannot be changed: the configuration could not be read").arg(row.name));
        return false;
    }
    QString error;
    const auto checked = validate(row, value, &error);
    if (!checked) {
        setLastError(error);
        return false;
    }
    const TunableCapability tunable = *row.tunable; // reload() replaces `row`
    if (m_pendingMode) {
        m_pending.insert(row.name, *checked);
        emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
        emit editedChanged();
        return true;
    }
    if (!writeConfig(tunable.path(), *checked))
        return false;
    reload();
    if (!m_lastError.isEmpty())
        return true; // written, but the files do not read back: reload() says why
    const int now = rowOf(tunable.capability);
    const std::optional<ResolvedValue> &source = now >= 0 ? m_rows.at(now).configured : std::nullopt;
    if (source &&
        (source->source.kind != ValueSource::Kind::ConfigToml || !samePath(source->source.file, configPath())))
        setLastError(tr("%1 was saved in %2, but %3 still decides its value")
                         .arg(tunable.configKey(), configPath(), source->source.describe()));
    return true;
}

bool CapabilitiesModel::isResettable(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).inProjectFile;
}

bool CapabilitiesModel::resetToDefault(int row)
{
    if (m_pendingMode && row >= 0 && row < m_rows.size() && m_pending.contains(m_rows.at(row).name) &&
        !m_rows.at(row).inProjectFile) {
        m_pending.remove(m_rows.at(row).name); // only typed: forget it
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        emit editedChanged();
        return true;
    }
    if (m_pendingMode && isResettable(row)) {
        m_pending.insert(m_rows.at(row).name, std::nullopt);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        emit editedChanged();
        return true;
    }
    if (!isResettable(row)) {
        setLastError(tr("there is no override to remove in %1").arg(configPath()));
        return false;
    }
    if (!writeConfig(m_rows.at(row).tunable->path(), QVariant()))
        return false;
    reload();
    return true;
}

bool CapabilitiesModel::save()
{
    const auto pending = m_pending;
    m_pending.clear();
    bool ok = true;
    for (auto it = pending.cbegin(); it != pending.cend() && ok; ++it) {
        const int row = rowOf(it.key());
        if (row < 0 || !m_rows.at(row).tunable)
            continue;
        ok = writeConfig(m_rows.at(row).tunable->path(), it.value().value_or(QVariant()));
    }
    reload();
    emit editedChanged();
    return ok;
}

void CapabilitiesModel::revert()
{
    if (m_pending.isEmpty())
        return;
    m_pending.clear();
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    emit editedChanged();
}

int CapabilitiesModel::rowOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).name == name)
            return int(i);
    }
    return -1;
}

void CapabilitiesModel::setLastError(const QString &message)
{
    if (message.isEmpty() && m_lastError.isEmpty())
        return;
    m_lastError = message;
    emit lastErrorChanged(message);
}

} // namespace wharf::ui
