#include "load/LogCategories.h"

Q_LOGGING_CATEGORY(lcLoad, "wharf.load", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSchema, "wharf.schema", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "wharf.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDest, "wharf.destination", QtInfoMsg)
