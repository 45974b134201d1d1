#pragma once

#include <QString>

namespace wharf {

/// Copies the sample package bundled with the app (a Qt resource folder such as
/// ":/wharf/sample") into a writable folder the first time, so that loading it (which moves
/// job files) never touches the bundled copy. Returns the folder holding the sample's
/// package(s); an existing copy is left as it is. Throws Error(Internal) when the copy fails.
QString installSamplePackages(const QString &bundledDir, const QString &targetDir);

/// `<generic data folder>/wharf/packages`: where the app keeps the sample and its copies.
QString defaultPackagesDir();

} // namespace wharf
