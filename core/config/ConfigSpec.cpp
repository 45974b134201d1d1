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

ConfigField configField(const char *name, FieldType type, QVariant defaultValue, bool required, bool secret,
                        const char *description)
{
    ConfigField field;
    field.name = QLatin1String(name);
    field.type = type;
    field.defaultValue = std::move(defaultValue);
    field.required = required;
    field.secret = secret;
    field.description = QLatin1String(description);
    return field;
}

} // namespace wharf
