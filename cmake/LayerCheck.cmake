# Fails the configure step when core/ or destinations/ reach for Qt Widgets or Gui
# (ARCHITECTURE.md section 2). Re-run on every configure; tests/ also has a test doing the
# same scan so that a build without re-configuring still catches it.
function(wharf_check_layers)
  file(GLOB_RECURSE _sources CONFIGURE_DEPENDS
       ${CMAKE_SOURCE_DIR}/core/*.h ${CMAKE_SOURCE_DIR}/core/*.cpp
       ${CMAKE_SOURCE_DIR}/destinations/*.h ${CMAKE_SOURCE_DIR}/destinations/*.cpp)
  foreach(_f IN LISTS _sources)
    file(STRINGS ${_f} _hits REGEX "#[ \t]*include[ \t]*[<\"](QtWidgets|QtGui|QWidget|QMainWindow|QPixmap|QImage|QIcon|QApplication|QGuiApplication)")
    if(_hits)
      message(FATAL_ERROR "Layer violation: ${_f} includes Qt Widgets/Gui (${_hits}). core/ and destinations/ may only use QtCore.")
    endif()
  endforeach()
endfunction()
