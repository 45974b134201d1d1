#include "package/LoadPackage.h"

#include "Error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <zlib.h>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace wharf {

namespace {

const QString kSchemaFile = QStringLiteral("schema.json");
const QString kSchemaUpdates = QStringLiteral("schema_updates.json");
const QString kAppliedUpdates = QStringLiteral("applied_schema_updates.json");
const QString kCompleted = QStringLiteral("package_completed.json");
const QString kPackageState = QStringLiteral("load_package_state.json");
const QString kPending = QStringLiteral(".pending_transitions");
const QString kExceptionSuffix = QStringLiteral(".exception");

// A rename or an unlink is on disk only once its folder is: fsync the folder itself.
void syncDirectory(const QString &path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return; // a folder that is not there has nothing to keep
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        throw Error(ErrorKind::Internal, QStringLiteral("cannot flush the folder %1 to disk").arg(path));
#else
    Q_UNUSED(path);
#endif
}

void writeAtomically(const QString &path, const QByteArray &content)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size() || !f.commit())
        throw Error(ErrorKind::Internal, QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
}

QJsonObject readJsonObject(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QByteArray inflateZlib(const QByteArray &in)
{
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK)
        return {};
    QByteArray out;
    char buf[16384];
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    zs.avail_in = uInt(in.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef *>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
        out.append(buf, qsizetype(sizeof buf - zs.avail_out));
    }
    inflateEnd(&zs);
    return rc == Z_STREAM_END ? out : QByteArray();
}

} // namespace

QString jobFolderName(JobFolder f)
{
    switch (f) {
    case JobFolder::New:
        return QStringLiteral("new_jobs");
    case JobFolder::Started:
        return QStringLiteral("started_jobs");
    case JobFolder::Completed:
        return QStringLiteral("completed_jobs");
    case JobFolder::Failed:
        break;
    }
    return QStringLiteral("failed_jobs");
}

bool LoadPackage::looksLikePackage(const QString &dir)
{
    QDir d(dir);
    return d.exists(kSchemaFile) || d.exists(QStringLiteral("new_jobs"));
}

QStringList LoadPackage::findPackages(const QString &dir)
{
    if (looksLikePackage(dir))
        return {QDir(dir).absolutePath()};
    QStringList out;
    QDir base(dir);
    if (base.exists(QStringLiteral("load/normalized")))
        base.setPath(base.filePath(QStringLiteral("load/normalized")));
    const auto entries = base.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const auto &e : entries)
        if (looksLikePackage(e.absoluteFilePath()))
            out.append(e.absoluteFilePath());
    // load ids are float timestamps; dlt sorts them as strings, which is what QDir::Name gives.
    return out;
}

LoadPackage LoadPackage::open(const QString &dir)
{
    QFileInfo info(QDir::cleanPath(QDir(dir).absolutePath()));
    if (!info.exists())
        throw Error(ErrorKind::Terminal, QStringLiteral("package folder does not exist"),
                    SourceLocation{dir, 0, 0, {}});
    if (!info.isDir())
        throw Error(ErrorKind::Terminal, QStringLiteral("not a folder"), SourceLocation{dir, 0, 0, {}});
    if (!info.isReadable() || !info.isExecutable())
        throw Error(ErrorKind::Terminal, QStringLiteral("permission denied: cannot read the package folder"),
                    SourceLocation{dir, 0, 0, {}});
    if (!looksLikePackage(dir))
        throw Error(ErrorKind::Terminal, QStringLiteral("not a dlt load package (no schema.json and no new_jobs/)"),
                    SourceLocation{dir, 0, 0, {}});
    LoadPackage p;
    p.m_dir = info.absoluteFilePath();
    p.m_loadId = info.fileName();
    QDir d(p.m_dir);
    for (auto f : {JobFolder::New, JobFolder::Started, JobFolder::Completed, JobFolder::Failed}) {
        if (!d.exists(jobFolderName(f)) && !d.mkpath(jobFolderName(f)) && !p.isCompleted())
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("cannot create %1 (is the folder writable?)").arg(jobFolderName(f)),
                        SourceLocation{p.m_dir, 0, 0, {}});
    }
    d.mkpath(kPending);
    return p;
}

QString LoadPackage::schemaPath() const
{
    return QDir(m_dir).filePath(kSchemaFile);
}

Schema LoadPackage::loadSchema() const
{
    return Schema::fromFile(schemaPath());
}

QString LoadPackage::folderPath(JobFolder f) const
{
    return QDir(m_dir).filePath(jobFolderName(f));
}

QList<JobFile> LoadPackage::jobs(JobFolder folder) const
{
    QList<JobFile> out;
    QDir d(folderPath(folder));
    if (!d.exists())
        return out;
    if (!QFileInfo(d.path()).isReadable())
        throw Error(ErrorKind::Terminal, QStringLiteral("job folder is not readable"),
                    SourceLocation{d.path(), 0, 0, {}});
    // Everything in the folder, not only files: a folder, a link or an unreadable file where a
    // job should be is refused by name instead of being skipped while the package ends LOADED.
    const auto entries =
        d.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const auto &e : entries) {
        if (folder == JobFolder::Failed && e.fileName().endsWith(kExceptionSuffix))
            continue;
        const SourceLocation where{e.absoluteFilePath(), 0, 0, {}};
        if (e.isSymLink())
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("%1 holds a symbolic link, not a job file; move the file itself there")
                            .arg(jobFolderName(folder)),
                        where);
        if (e.isDir())
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("%1 holds a folder, not a job file").arg(jobFolderName(folder)), where);
        if (!e.isFile())
            throw Error(ErrorKind::Terminal,
                        QStringLiteral("%1 holds something that is not a regular file").arg(jobFolderName(folder)),
                        where);
        if (!e.isReadable())
            throw Error(ErrorKind::Terminal, QStringLiteral("permission denied: cannot read the job file"), where);
        JobFile job;
        job.path = e.absoluteFilePath();
        job.name = JobFileName::parse(e.fileName());
        job.folder = folder;
        job.size = e.size();
        out.append(job);
    }
    return out;
}

QList<JobFile> LoadPackage::allJobs() const
{
    QList<JobFile> out;
    for (auto f : {JobFolder::New, JobFolder::Started, JobFolder::Completed, JobFolder::Failed})
        out += jobs(f);
    return out;
}

QString LoadPackage::moveJob(const JobFile &job, JobFolder to)
{
    QDir().mkpath(folderPath(to));
    const QString target = QDir(folderPath(to)).filePath(job.name.fileName());
    if (!QFile::rename(job.path, target))
        throw Error(ErrorKind::Internal,
                    QStringLiteral("cannot move job file %1 to %2").arg(job.path, jobFolderName(to)));
    return target;
}

QString LoadPackage::requeueForRetry(const JobFile &job)
{
    const QString target = QDir(folderPath(JobFolder::New)).filePath(job.name.nextRetry().fileName());
    if (!QFile::rename(job.path, target))
        throw Error(ErrorKind::Internal, QStringLiteral("cannot move job file %1 back to new_jobs").arg(job.path));
    return target;
}

void LoadPackage::writeFailedMessage(const QString &jobFileName, const QString &message)
{
    writeAtomically(QDir(folderPath(JobFolder::Failed)).filePath(jobFileName + kExceptionSuffix), message.toUtf8());
}

QString LoadPackage::failedMessage(const QString &jobFileName) const
{
    QFile f(QDir(folderPath(JobFolder::Failed)).filePath(jobFileName + kExceptionSuffix));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

void LoadPackage::removeFailedMessage(const QString &jobFileName)
{
    QFile::remove(QDir(folderPath(JobFolder::Failed)).filePath(jobFileName + kExceptionSuffix));
}

void LoadPackage::writePendingTransition(const PendingTransition &t)
{
    QJsonObject o;
    o[QStringLiteral("state")] = t.completed ? QStringLiteral("completed") : QStringLiteral("failed");
    o[QStringLiteral("failed_message")] = t.completed ? QJsonValue(QJsonValue::Null) : QJsonValue(t.failedMessage);
    QDir(m_dir).mkpath(kPending);
    writeAtomically(QDir(m_dir).filePath(kPending + QLatin1Char('/') + t.fileName),
                    QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void LoadPackage::removePendingTransition(const QString &jobFileName)
{
    QFile::remove(QDir(m_dir).filePath(kPending + QLatin1Char('/') + jobFileName));
}

QList<PendingTransition> LoadPackage::pendingTransitions() const
{
    QList<PendingTransition> out;
    QDir d(QDir(m_dir).filePath(kPending));
    const auto entries = d.entryInfoList(QDir::Files | QDir::Hidden, QDir::Name);
    for (const auto &e : entries) {
        QFile f(e.absoluteFilePath());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        QJsonParseError err{};
        const auto doc = QJsonDocument::fromJson(f.readAll(), &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            throw Error(ErrorKind::Terminal, QStringLiteral("corrupt pending transition marker"),
                        SourceLocation{e.absoluteFilePath(), 0, 0, {}});
        PendingTransition t;
        t.fileName = e.fileName();
        t.completed = doc.object().value(QStringLiteral("state")).toString() == QLatin1String("completed");
        t.failedMessage = doc.object().value(QStringLiteral("failed_message")).toString();
        out.append(t);
    }
    return out;
}

bool LoadPackage::needsSchemaMigration() const
{
    return QDir(m_dir).exists(kSchemaUpdates);
}

void LoadPackage::commitSchemaUpdate(const QJsonObject &applied)
{
    writeAtomically(QDir(m_dir).filePath(kAppliedUpdates), QJsonDocument(applied).toJson(QJsonDocument::Compact));
    QFile::remove(QDir(m_dir).filePath(kSchemaUpdates));
    // Durable before any job commits: after a power cut, a package that still has
    // schema_updates.json counts as never started, and its ledger rows would be forgotten.
    syncDirectory(m_dir);
}

void LoadPackage::syncJobFolders() const
{
    for (const JobFolder f : {JobFolder::New, JobFolder::Started, JobFolder::Completed, JobFolder::Failed})
        syncDirectory(folderPath(f));
    syncDirectory(QDir(m_dir).filePath(kPending));
    syncDirectory(m_dir);
}

QStringList LoadPackage::schemaUpdateTables() const
{
    QJsonObject o = readJsonObject(QDir(m_dir).filePath(kSchemaUpdates));
    if (o.isEmpty())
        o = readJsonObject(QDir(m_dir).filePath(kAppliedUpdates));
    return o.keys();
}

bool LoadPackage::isCompleted() const
{
    return QDir(m_dir).exists(kCompleted);
}

QString LoadPackage::completionState() const
{
    QFile f(QDir(m_dir).filePath(kCompleted));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    // dlt writes the bare word; be lenient about quotes and whitespace (spec Q1).
    QString s = QString::fromUtf8(f.readAll()).trimmed();
    s.remove(QLatin1Char('"'));
    return s;
}

void LoadPackage::markCompleted(bool aborted)
{
    if (isCompleted())
        throw Error(ErrorKind::Internal, QStringLiteral("package %1 already completed").arg(m_loadId));
    writeAtomically(QDir(m_dir).filePath(kCompleted), aborted ? "aborted" : "loaded");
}

QString LoadPackage::archive()
{
    QDir parent(QFileInfo(m_dir).absolutePath());
    if (parent.dirName() != QLatin1String("normalized"))
        return m_dir;
    QDir load(QFileInfo(parent.absolutePath()).absolutePath());
    if (load.dirName() != QLatin1String("load"))
        return m_dir;
    load.mkpath(QStringLiteral("loaded"));
    const QString target = load.filePath(QStringLiteral("loaded/") + m_loadId);
    if (!QDir().rename(m_dir, target))
        throw Error(ErrorKind::Internal, QStringLiteral("cannot move package %1 to %2").arg(m_dir, target));
    m_dir = target;
    return m_dir;
}

QString LoadPackage::reopenAborted()
{
    if (!isCompleted() || completionState() != QLatin1String("aborted"))
        throw Error(ErrorKind::Terminal,
                    QStringLiteral("package %1 is %2, not aborted: only an aborted package can be taken back")
                        .arg(m_loadId, isCompleted() ? completionState() : QStringLiteral("not completed")),
                    SourceLocation{m_dir, 0, 0, {}});
    QDir parent(QFileInfo(m_dir).absolutePath());
    if (parent.dirName() == QLatin1String("loaded")) {
        QDir load(QFileInfo(parent.absolutePath()).absolutePath());
        if (load.dirName() == QLatin1String("load")) {
            load.mkpath(QStringLiteral("normalized"));
            const QString target = load.filePath(QStringLiteral("normalized/") + m_loadId);
            if (QFileInfo::exists(target))
                throw Error(ErrorKind::Terminal,
                            QStringLiteral("cannot take package %1 back: %2 exists").arg(m_loadId, target),
                            SourceLocation{m_dir, 0, 0, {}});
            if (!QDir().rename(m_dir, target))
                throw Error(ErrorKind::Internal,
                            QStringLiteral("cannot move package %1 back to %2").arg(m_dir, target));
            m_dir = target;
        }
    }
    // The marker goes last: a crash before this leaves an aborted package, still consistent.
    if (!QFile::remove(QDir(m_dir).filePath(kCompleted)))
        throw Error(ErrorKind::Internal, QStringLiteral("cannot remove %1").arg(QDir(m_dir).filePath(kCompleted)));
    return m_dir;
}

QJsonObject LoadPackage::packageState() const
{
    return readJsonObject(QDir(m_dir).filePath(kPackageState));
}

void LoadPackage::saveLoadMetrics(const QJsonObject &metrics) const
{
    QJsonObject state = packageState();
    state[QStringLiteral("load_metrics")] = metrics;
    writeAtomically(QDir(m_dir).filePath(kPackageState), QJsonDocument(state).toJson(QJsonDocument::Compact));
}

QString LoadPackage::createdAt() const
{
    // dlt writes the package state with its typed JSON: a datetime is prefixed with U+F027 (the
    // private-use markers run from U+F026, decimal, to U+F02D, time).
    QString v = packageState().value(QStringLiteral("created_at")).toString();
    if (!v.isEmpty() && v.front().unicode() >= 0xF026 && v.front().unicode() <= 0xF02D)
        v.remove(0, 1);
    return v;
}

QJsonObject LoadPackage::pipelineState() const
{
    const QJsonObject ps = packageState().value(QStringLiteral("pipeline_state")).toObject();
    const QString encoded = ps.value(QStringLiteral("state")).toString();
    if (encoded.isEmpty())
        return {};
    const QByteArray raw = inflateZlib(QByteArray::fromBase64(encoded.toLatin1()));
    return QJsonDocument::fromJson(raw).object();
}

// The pipeline's own state file, when the package sits where dlt keeps it: next to the package
// (how ../shared/packages lay them out) or at <pipelines_dir>/<pipeline>/state.json for
// <pipeline>/load/normalized/<load_id>.
static QJsonObject pipelineFileState(const QString &packageDir)
{
    const QDir parent(QFileInfo(packageDir).absolutePath());
    QJsonObject o = readJsonObject(parent.filePath(QStringLiteral("pipeline_state.json")));
    if (!o.isEmpty())
        return o;
    const QDir pipelineDir(QFileInfo(packageDir).absolutePath() + QStringLiteral("/../.."));
    return readJsonObject(pipelineDir.filePath(QStringLiteral("state.json")));
}

QString LoadPackage::pipelineName() const
{
    const QString key = QStringLiteral("pipeline_name");
    QString name = pipelineFileState(m_dir).value(key).toString();
    if (!name.isEmpty())
        return name;
    name = packageState().value(QStringLiteral("pipeline_state")).toObject().value(key).toString();
    if (!name.isEmpty())
        return name;
    return pipelineState().value(key).toString();
}

QString LoadPackage::defaultDatasetName() const
{
    const QString key = QStringLiteral("dataset_name");
    QString name = pipelineFileState(m_dir).value(key).toString();
    if (!name.isEmpty())
        return name;
    name = pipelineState().value(key).toString();
    if (!name.isEmpty())
        return name;
    QString base = pipelineName();
    if (base.isEmpty()) {
        try {
            base = loadSchema().name;
        } catch (const Error &) {
            base = QStringLiteral("wharf");
        }
    }
    return base + QStringLiteral("_dataset");
}

} // namespace wharf
