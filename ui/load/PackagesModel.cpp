#include "load/PackagesModel.h"

#include "Error.h"
#include "common/StateColors.h"
#include "package/LoadPackage.h"
#include "package/PackageFinder.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHash>
#include <QLocale>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

namespace wharf::ui {

QString packageStateText(PackageState s)
{
    switch (s) {
    case PackageState::New:
        return QStringLiteral("new");
    case PackageState::Loaded:
        return QStringLiteral("loaded");
    case PackageState::Aborted:
        return QStringLiteral("aborted");
    case PackageState::PartiallyLoaded:
        return QStringLiteral("partially loaded");
    case PackageState::Unreadable:
        break;
    }
    return QStringLiteral("unreadable");
}

PackageSummary PackageSummary::summarize(const QString &packageDir)
{
    PackageSummary s;
    s.dir = QFileInfo(packageDir).absoluteFilePath();
    s.loadId = QFileInfo(packageDir).fileName();
    try {
        const LoadPackage package = LoadPackage::open(packageDir);
        s.loadId = package.loadId();
        s.pipelineName = package.pipelineName();
        if (s.pipelineName.isEmpty())
            s.pipelineName = package.loadSchema().name;
        s.datasetName = package.defaultDatasetName();
        int started = 0;
        QSet<QString> tables;
        for (const auto &job : package.allJobs()) {
            s.totalBytes += job.size;
            tables.insert(job.name.table);
            switch (job.folder) {
            case JobFolder::Started:
                ++started;
                [[fallthrough]];
            case JobFolder::New:
                ++s.newJobs;
                break;
            case JobFolder::Completed:
                ++s.completedJobs;
                break;
            case JobFolder::Failed:
                ++s.failedJobs;
                break;
            }
        }
        s.tables = QStringList(tables.begin(), tables.end());
        s.tables.sort();
        if (package.isCompleted())
            s.state =
                package.completionState() == QLatin1String("aborted") ? PackageState::Aborted : PackageState::Loaded;
        else if (s.completedJobs + s.failedJobs + started > 0)
            s.state = PackageState::PartiallyLoaded;
    } catch (const Error &e) {
        s.state = PackageState::Unreadable;
        s.error = e.fullText();
    }
    return s;
}

PackagesModel::PackagesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QStringList PackagesModel::scan(const QString &root)
{
    return packagefinder::find(root);
}

void PackagesModel::setRoots(const QStringList &roots)
{
    m_roots.clear();
    for (const auto &r : roots) {
        const QString abs = QDir(r).absolutePath();
        if (!m_roots.contains(abs))
            m_roots.append(abs);
    }
    refresh();
}

bool PackagesModel::addRoot(const QString &root)
{
    const QString abs = QDir(root).absolutePath();
    if (m_roots.contains(abs))
        return false;
    m_roots.append(abs);
    refresh();
    return true;
}

void PackagesModel::refresh()
{
    QStringList dirs;
    QSet<QString> seen;
    for (const auto &root : std::as_const(m_roots)) {
        for (const auto &dir : scan(root)) {
            const QString abs = QFileInfo(dir).absoluteFilePath();
            if (seen.contains(abs))
                continue;
            seen.insert(abs);
            dirs.append(abs);
        }
    }
    QHash<QString, PackageSummary> known;
    for (const PackageSummary &p : std::as_const(m_packages))
        known.insert(p.dir, p);
    beginResetModel();
    m_packages.clear();
    for (const QString &dir : std::as_const(dirs)) {
        PackageSummary row = known.value(dir);
        if (row.dir.isEmpty()) {
            row.dir = dir;
            row.loadId = QFileInfo(dir).fileName(); // the folder is named after the load id
        }
        row.reading = true;
        m_packages.append(row);
    }
    endResetModel();

    const quint64 generation = ++m_generation;
    m_reading = true;
    auto *watcher = new QFutureWatcher<QList<PackageSummary>>(this);
    connect(watcher, &QFutureWatcher<QList<PackageSummary>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation)
            applySummaries(watcher->result());
    });
    // Off the GUI thread: a listing and a stat per job file, thousands of them in big packages.
    watcher->setFuture(QtConcurrent::run([dirs] {
        QList<PackageSummary> out;
        out.reserve(dirs.size());
        for (const QString &dir : dirs)
            out.append(PackageSummary::summarize(dir));
        return out;
    }));
}

void PackagesModel::applySummaries(const QList<PackageSummary> &summaries)
{
    for (const PackageSummary &summary : summaries) {
        const int row = rowOf(summary.dir);
        if (row >= 0)
            m_packages[row] = summary;
    }
    m_reading = false;
    if (!m_packages.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_packages.size()) - 1, ColumnCount - 1));
    emit summariesRead();
}

int PackagesModel::rowOf(const QString &dir) const
{
    const QString abs = QFileInfo(dir).absoluteFilePath();
    for (int i = 0; i < m_packages.size(); ++i)
        if (m_packages[i].dir == abs)
            return i;
    return -1;
}

QString PackagesModel::dirOfLoadId(const QString &loadId) const
{
    for (const auto &p : m_packages)
        if (p.loadId == loadId)
            return p.dir;
    return {};
}

int PackagesModel::firstLoadableRow() const
{
    for (int i = 0; i < m_packages.size(); ++i)
        if (m_packages[i].isLoadable())
            return i;
    return -1;
}

int PackagesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_packages.size());
}

int PackagesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString jobsText(const PackageSummary &p)
{
    QString text = QStringLiteral("%1/%2").arg(p.completedJobs).arg(p.totalJobs());
    if (p.failedJobs > 0)
        text += QStringLiteral(" (%1 failed)").arg(p.failedJobs);
    return text;
}

QString tablesText(const PackageSummary &p)
{
    // dlt's own tables (_dlt_pipeline_state) say little; list the user's first.
    QStringList user, system;
    for (const auto &t : p.tables)
        (t.startsWith(QLatin1String("_dlt")) ? system : user).append(t);
    return (user + system).join(QStringLiteral(", "));
}

QColor stateColor(PackageState s)
{
    switch (s) {
    case PackageState::Loaded:
        return colors::success();
    case PackageState::Aborted:
    case PackageState::Unreadable:
        return colors::failure();
    case PackageState::PartiallyLoaded:
        return colors::warning();
    case PackageState::New:
        break;
    }
    return {};
}

} // namespace

QVariant PackagesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PackageSummary &p = m_packages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LoadIdColumn:
            return p.loadId;
        case PipelineColumn:
            return p.pipelineName;
        case StateColumn:
            return p.reading && p.pipelineName.isEmpty() ? tr("reading…") : packageStateText(p.state);
        case TablesColumn:
            return tablesText(p);
        case JobsColumn:
            return jobsText(p);
        case SizeColumn:
            return QLocale().formattedDataSize(p.totalBytes);
        case FolderColumn:
            return QDir::toNativeSeparators(QFileInfo(p.dir).absolutePath());
        }
        break;
    case Qt::ToolTipRole:
        if (!p.error.isEmpty())
            return p.error;
        if (index.column() == TablesColumn)
            return tablesText(p);
        return QDir::toNativeSeparators(p.dir);
    case Qt::ForegroundRole:
        if (index.column() == StateColumn) {
            const QColor c = stateColor(p.state);
            return c.isValid() ? QVariant(c) : QVariant();
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == JobsColumn || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case DirRole:
        return p.dir;
    case StateRole:
        return int(p.state);
    case SortRole:
        switch (index.column()) {
        case LoadIdColumn: {
            // dlt's load ids are Unix times ("1795476037.8625736"): newer sorts later.
            bool numeric = false;
            const double time = p.loadId.toDouble(&numeric);
            return numeric ? QVariant(time) : QVariant(p.loadId);
        }
        case JobsColumn:
            return p.totalJobs() > 0 ? double(p.completedJobs) / p.totalJobs() : 0.0;
        case SizeColumn:
            return p.totalBytes;
        case StateColumn:
            return packageStateText(p.state);
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant PackagesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LoadIdColumn:
        return tr("Load ID");
    case PipelineColumn:
        return tr("Pipeline");
    case StateColumn:
        return tr("State");
    case TablesColumn:
        return tr("Tables");
    case JobsColumn:
        return tr("Jobs done");
    case SizeColumn:
        return tr("Size");
    case FolderColumn:
        return tr("Folder");
    }
    return {};
}

} // namespace wharf::ui
