#pragma once

#include "TestSupport.h"

#include <QDir>

namespace wharf::test {

/// `<parent>/<name>/pkg`: a fresh copy of the typed-jsonl GitHub issues package (issues 100,
/// labels 34, assignees 31, and dlt's pipeline state); returns `<parent>/<name>`, or an empty
/// string when the copy failed.
inline QString issuesPackage(const QString &parent, const QString &name)
{
    const QString root = freshDir(parent, name);
    if (!copyTree(dataPath(QStringLiteral("packages/gh_issues_typed_jsonl")), root + QStringLiteral("/pkg")))
        return {};
    return root;
}

} // namespace wharf::test
