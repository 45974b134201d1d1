#pragma once

#include "config/ConfigResolver.h"
#include "sql/SqlJobClient.h"

namespace wharf::templ {

/// Steps 6-8 of the guide: the job client. Schema migration, `_dlt_version`, `_dlt_loads`,
/// merge and replace SQL come from SqlJobClient; a destination writes runJob(): the job file's
/// rows into the table, in one transaction, calling ctx.beforeCommit last.
class TemplateJobClient : public SqlJobClient {
public:
    TemplateJobClient(Capabilities caps, const ResolvedConfig &config, const QString &dataset);

    JobResult runJob(const JobContext &ctx) override;
};

} // namespace wharf::templ
