# wharf_add_destination(<name> CLASS <plugin class> [MODULE] [LIBRARIES <lib>...]
#                       [TEST_LIBRARIES <lib>...])
#
# Builds the destination in the calling folder (destinations/<name>/: every .cpp/.h there, and
# the <name>.json its plugin class names in Q_PLUGIN_METADATA) as target wharf_dest_<name>:
# - built in (the default): a static library that the wharf executable links and registers
#   through Qt's static plugins (app/BuiltinDestinations.cpp.in) - no file outside the folder
#   changes, and built-ins register exactly as plugins do;
# - MODULE: a plugin library installed into <libdir>/wharf/plugins, found at start-up (also
#   outside the Wharf tree, after find_package(Wharf)).
# LIBRARIES are the destination's own native client (found by its own CMakeLists.txt);
# TEST_LIBRARIES what its tests need beyond the conformance kit (a test server's Qt6::Network).
include(GNUInstallDirs)

function(wharf_add_destination name)
  cmake_parse_arguments(ARG "MODULE" "CLASS" "LIBRARIES;TEST_LIBRARIES" ${ARGN})
  if(NOT ARG_CLASS)
    message(FATAL_ERROR "wharf_add_destination(${name}): CLASS <plugin class> is required")
  endif()
  file(GLOB _sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/*.h
       ${CMAKE_CURRENT_SOURCE_DIR}/*.json)
  set(_target wharf_dest_${name})
  if(ARG_MODULE)
    add_library(${_target} MODULE ${_sources})
    install(TARGETS ${_target} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/wharf/plugins)
    # In the Wharf tree: where build/app/wharf looks (<prefix>/lib/wharf/plugins, the prefix
    # being the build folder), so that the built app and the tests load it as installed.
    if(NOT TARGET Wharf::wharf_core)
      # Installed in <libdir>/wharf/plugins: libwharf_core is one folder up.
      set_target_properties(${_target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib/wharf/plugins
                                                  INSTALL_RPATH "$ORIGIN/..")
      set_property(GLOBAL APPEND PROPERTY WHARF_PLUGIN_DESTINATIONS ${_target})
    endif()
  else()
    add_library(${_target} STATIC ${_sources})
    target_compile_definitions(${_target} PRIVATE QT_STATICPLUGIN)
    set_property(GLOBAL APPEND PROPERTY WHARF_BUILTIN_DESTINATIONS ${_target})
    set_property(GLOBAL APPEND PROPERTY WHARF_BUILTIN_PLUGIN_CLASSES ${ARG_CLASS})
  endif()
  # Position-independent: a built-in one may also be linked into a plugin (tests/plugins).
  set_target_properties(${_target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_include_directories(${_target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/..)
  # In the Wharf tree the core target is wharf_core; through find_package(Wharf), Wharf::wharf_core.
  if(TARGET Wharf::wharf_core)
    set(_core Wharf::wharf_core)
  else()
    set(_core wharf_core)
  endif()
  target_link_libraries(${_target} PUBLIC ${_core} PRIVATE ${ARG_LIBRARIES})

  # The destination's own tests (tests/tst_*.cpp in its folder): its conformance test binds the
  # conformance kit (tests/conformance) to its quirks. A built-in destination's test links it; a
  # plugin's test loads the plugin as the app does (from WHARF_TEST_PLUGINS), so that what is
  # tested is the plugin itself. Outside the Wharf tree the installed kit is used
  # (Wharf::wharf_conformance, with include(CTest) in the destination's CMakeLists.txt) and the
  # installed wharf runs the plugin from the build folder (WHARF_PLUGIN_PATH).
  # WHARF_DESTINATION_DIR (the destination's folder) lets a test find its own data.
  file(GLOB _tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/tst_*.cpp)
  if(NOT _tests OR NOT BUILD_TESTING)
    return()
  endif()
  if(TARGET Wharf::wharf_core)
    if(NOT TARGET Wharf::wharf_conformance)
      message(STATUS "wharf_add_destination(${name}): the installed Wharf has no conformance kit (or Qt Test "
                     "is missing); its tests are not built")
      return()
    endif()
    set(_kit Wharf::wharf_conformance)
    set(_plugins ${CMAKE_CURRENT_BINARY_DIR})
    set(_env "WHARF_TEST_PLUGINS=${_plugins};WHARF_PLUGIN_PATH=${_plugins};WHARF_TEST_DATA=${WHARF_CONFORMANCE_DATA};WHARF_BIN=${WHARF_EXECUTABLE}")
  else()
    set(_kit wharf_conformance)
    set(_env "WHARF_TEST_PLUGINS=${CMAKE_BINARY_DIR}/lib/wharf/plugins;WHARF_TEST_DATA=${CMAKE_SOURCE_DIR}/tests/data;WHARF_BIN=$<TARGET_FILE:wharf>")
  endif()
  foreach(_src IN LISTS _tests)
    get_filename_component(_test ${_src} NAME_WE)
    add_executable(${_test} ${_src})
    target_link_libraries(${_test} PRIVATE ${_kit} ${ARG_TEST_LIBRARIES})
    target_compile_definitions(${_test} PRIVATE WHARF_DESTINATION_DIR="${CMAKE_CURRENT_SOURCE_DIR}")
    if(ARG_MODULE)
      add_dependencies(${_test} ${_target})
    else()
      target_link_libraries(${_test} PRIVATE ${_target})
    endif()
    # The conformance test is conformance/<name>; any other is integration/<name>_<test>.
    if(_test MATCHES "Conformance$")
      set(_test_name conformance/${name})
      set(_label conformance)
    else()
      set(_test_name integration/${name}_${_test})
      set(_label integration)
    endif()
    add_test(NAME ${_test_name} COMMAND ${_test})
    # A destination's tests share its test server and may change its settings for a moment (the
    # MySQL one sets a global default engine): never two of them at once.
    set_tests_properties(${_test_name} PROPERTIES LABELS ${_label} TIMEOUT 300 ENVIRONMENT "${_env}"
                                                  RESOURCE_LOCK wharf_destination_${name})
  endforeach()
endfunction()
