#include "config/ConfigSpec.h"

namespace wharf {

namespace {

const ConfigField *findField(const QList<ConfigField> &fields, const QString &name)
{
    for (const ConfigField &field : fields) {
        if (field.name == name)
            return &field;
    }
    return nullptr;
}

} // namespace

const ConfigField *ConfigSpec::credentialField(const QString &name) const
{
    return findField(credentials, name);
}

const ConfigField *ConfigSpec::optionField(const QString &name) const
{
    return findField(options, name);
}

} // namespace wharf
