// A shared library in the plugin folder that is not a plugin: Wharf must report and skip it.
extern "C" int wharf_not_a_plugin_answer()
{
    return 42;
}
