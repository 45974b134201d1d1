#pragma once

#include "load/LoadEvents.h"

#include <functional>

namespace wharf::ui {

/// Replaces secrets in a text with "***". Must be safe to call from any thread (package reads
/// run on a pool thread).
using SecretMasker = std::function<QString(const QString &)>;

/// Passwords in URLs (scheme://user:password@host) and `password=` pairs, whatever the
/// destination: the last line of defence for messages that quote a connection string.
QString maskGenericSecrets(QString text);
/// `error` with message, detail, hint, statement and location passed through `mask`.
ErrorInfo maskError(ErrorInfo error, const SecretMasker &mask);
/// `job` with its error masked.
JobEvent maskJob(JobEvent job, const SecretMasker &mask);

} // namespace wharf::ui
