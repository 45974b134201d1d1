# Fails when core/, destinations/ or services/ reach for Qt Widgets or Gui (ARCHITECTURE.md
# section 2).
# Runs at configure time (wharf_check_layers) and as a test in script mode
# (cmake -DWHARF_SOURCE_DIR=<repo> -P cmake/LayerCheck.cmake), so an include added without
# re-configuring is caught by ctest too.
function(wharf_check_layers)
  set(_root ${CMAKE_SOURCE_DIR})
  if(DEFINED WHARF_SOURCE_DIR)
    set(_root ${WHARF_SOURCE_DIR})
  endif()
  file(GLOB_RECURSE _sources ${_root}/core/*.h ${_root}/core/*.cpp
       ${_root}/destinations/*.h ${_root}/destinations/*.cpp ${_root}/services/*.h ${_root}/services/*.cpp)
  foreach(_f IN LISTS _sources)
    file(STRINGS ${_f} _hits REGEX "#[ \t]*include[ \t]*[<\"](QtWidgets|QtGui|QWidget|QMainWindow|QPixmap|QImage|QIcon|QApplication|QGuiApplication)")
    if(_hits)
      message(FATAL_ERROR "Layer violation: ${_f} includes Qt Widgets/Gui (${_hits}). core/, destinations/ and services/ may only use QtCore.")
    endif()
  endforeach()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE)
  wharf_check_layers()
  message(STATUS "layer check passed: core/, destinations/ and services/ use QtCore only")
endif()
