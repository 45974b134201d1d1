#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <QStringList>

namespace wharf::ui {

/// Where a package stands, from its folders: nothing started, done (package_completed.json
/// says loaded or aborted), or some jobs moved on without the package completing.
enum class PackageState { New, Loaded, Aborted, PartiallyLoaded, Unreadable };
QString packageStateText(PackageState s); ///< "new", "loaded", "partially loaded", ...

/// What the packages list shows about one load package. Read by summarize() from the package
/// folder through core's LoadPackage (cheap: a directory listing and two small JSON files).
struct PackageSummary {
    QString dir; ///< absolute package folder
    QString loadId;
    QString pipelineName; ///< pipeline name, or the schema name when the package has no state
    PackageState state = PackageState::New;
    int newJobs = 0;       ///< new_jobs/ + started_jobs/
    int completedJobs = 0; ///< completed_jobs/
    int failedJobs = 0;    ///< failed_jobs/
    qint64 totalBytes = 0; ///< size of every job file
    QStringList tables;    ///< tables the job files load into, sorted
    QString datasetName;   ///< where a load goes by default (dlt's: the pipeline's dataset_name)
    QString error;         ///< why it is Unreadable
    /// Being read (again): the other fields are the last known ones, or empty.
    bool reading = false;

    int totalJobs() const { return newJobs + completedJobs + failedJobs; }
    /// Can Run load it? (not completed, readable, and known not to be)
    bool isLoadable() const
    {
        return !reading && (state == PackageState::New || state == PackageState::PartiallyLoaded);
    }

    /// Never throws: problems give state Unreadable with `error` set.
    static PackageSummary summarize(const QString &packageDir);
};

/// The load packages found under a list of folders ("roots"): see packagefinder::find for the
/// layouts (a package, a folder of packages, a dlt pipeline folder with load/normalized and
/// load/loaded, ~/.dlt/pipelines, the sample's `<root>/<pipeline>/<load_id>`). The folders are
/// listed at once; the summaries (a package of ten thousand jobs takes ~100 ms to read) are
/// read on a pool thread, rows showing their last known summary ("reading…") meanwhile, and
/// `summariesRead` follows. GUI thread only.
class PackagesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        LoadIdColumn,
        PipelineColumn,
        StateColumn,
        TablesColumn,
        JobsColumn,
        SizeColumn,
        FolderColumn,
        ColumnCount
    };
    /// Qt::UserRole: the package folder (QString), on every column.
    static constexpr int DirRole = Qt::UserRole;
    /// Qt::UserRole + 1: int(PackageState).
    static constexpr int StateRole = Qt::UserRole + 1;
    /// Qt::UserRole + 2: what a column sorts by (the load id as a number, sizes in bytes, jobs
    /// done as a fraction), for a QSortFilterProxyModel.
    static constexpr int SortRole = Qt::UserRole + 2;

    explicit PackagesModel(QObject *parent = nullptr);

    /// Replaces the roots and rescans.
    void setRoots(const QStringList &roots);
    /// Adds a root (ignored if already there) and rescans; returns true if it was new.
    bool addRoot(const QString &root);
    const QStringList &roots() const { return m_roots; }

    /// Lists every root again (a model reset; views keep their selection via DirRole) and
    /// starts reading the summaries.
    void refresh();
    /// Summaries are being read; rows are not final yet.
    bool isReading() const { return m_reading; }

    const PackageSummary &package(int row) const { return m_packages.at(row); }
    /// Row of the package folder `dir`, or -1.
    int rowOf(const QString &dir) const;
    /// Folder of the first package with load id `loadId`, or empty.
    QString dirOfLoadId(const QString &loadId) const;
    /// The first package Run can load, or -1.
    int firstLoadableRow() const;

    /// Every package folder under `root` (see class comment), sorted by load id within a folder.
    static QStringList scan(const QString &root);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// The summaries of the last refresh() are in (once per refresh that was not overtaken).
    void summariesRead();

private:
    void applySummaries(const QList<PackageSummary> &summaries);

    QStringList m_roots;
    QList<PackageSummary> m_packages;
    quint64 m_generation = 0; ///< drops the summaries of a refresh overtaken by another
    bool m_reading = false;
};

} // namespace wharf::ui
