#pragma once

#include <QLoggingCategory>

/// Logging categories of the load path; the UI's log dock and `--log-level` filter on them.
Q_DECLARE_LOGGING_CATEGORY(lcLoad)   // wharf.load
Q_DECLARE_LOGGING_CATEGORY(lcSchema) // wharf.schema
Q_DECLARE_LOGGING_CATEGORY(lcConfig) // wharf.config
Q_DECLARE_LOGGING_CATEGORY(lcDest)   // wharf.destination
