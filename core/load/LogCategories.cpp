#include "load/LogCategories.h"

Q_LOGGING_CATEGORY(lcLoad, "wharf.load")
Q_LOGGING_CATEGORY(lcSchema, "wharf.schema")
Q_LOGGING_CATEGORY(lcConfig, "wharf.config")
Q_LOGGING_CATEGORY(lcDest, "wharf.destination")
