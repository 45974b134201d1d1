#pragma once

#include <QString>

namespace wharf {

/// One loader per package: an exclusive lock on `<package>/.wharf.lock`, held by the loader's
/// run (or by Retry / Abort) for as long as it works on the package. The lock is the kernel's
/// (flock): it disappears with the process that holds it, so a lock left by a killed Wharf is
/// simply taken over, and two loaders started together cannot both get it. The file holds the
/// holder's pid, host and start time, for the message the second one shows. POSIX only.
///
/// Movable, not copyable; the destructor releases. Not thread-safe (one owner).
class PackageLock {
public:
    PackageLock() = default;
    PackageLock(PackageLock &&other) noexcept;
    PackageLock &operator=(PackageLock &&other) noexcept;
    PackageLock(const PackageLock &) = delete;
    PackageLock &operator=(const PackageLock &) = delete;
    ~PackageLock();

    /// Takes the lock of the package in `packageDir` without waiting. Throws Error(Terminal)
    /// naming the holder ("being loaded by pid 123 on host h since 2026-12-04 18:00:00 UTC")
    /// when another process has it, and for a folder that cannot be written (permission
    /// denied, naming the folder).
    static PackageLock acquire(const QString &packageDir);

    bool isHeld() const { return m_fd >= 0; }
    /// The package folder moved (archived into load/loaded/, or taken back): the lock file
    /// moved with it, and release() must remove it there.
    void setPackageDir(const QString &packageDir) { m_dir = packageDir; }
    /// Removes the lock file and releases the lock. Never throws.
    void release() noexcept;

    static QString fileName(); ///< ".wharf.lock"

private:
    int m_fd = -1;
    QString m_dir;
};

} // namespace wharf
