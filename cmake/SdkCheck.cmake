cmake_policy(SET CMP0057 NEW)
# Fails when a destination includes a core header that is not in the SDK (cmake/WharfSdk.cmake),
# or an SDK header includes a core header outside it. Runs at configure time (wharf_check_sdk)
# and as a test in script mode (cmake -DWHARF_SOURCE_DIR=<repo> -P cmake/SdkCheck.cmake).
function(wharf_check_sdk)
  set(_root ${CMAKE_SOURCE_DIR})
  if(DEFINED WHARF_SOURCE_DIR)
    set(_root ${WHARF_SOURCE_DIR})
  endif()
  include(${_root}/cmake/WharfSdk.cmake)
  file(GLOB _files ${_root}/destinations/*/*.h ${_root}/destinations/*/*.cpp ${_root}/destinations/*/tests/*.h
       ${_root}/destinations/*/tests/*.cpp)
  foreach(_h IN LISTS WHARF_SDK_HEADERS)
    list(APPEND _files ${_root}/core/${_h})
  endforeach()
  foreach(_f IN LISTS _files)
    file(STRINGS ${_f} _lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(_line IN LISTS _lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" _inc "${_line}")
      if(EXISTS ${_root}/core/${_inc} AND NOT _inc IN_LIST WHARF_SDK_HEADERS)
        message(FATAL_ERROR "SDK violation: ${_f} includes core/${_inc}, which is not in the Wharf SDK "
                            "(cmake/WharfSdk.cmake). A destination may use only the SDK headers (its tests also the "
                            "conformance kit's).")
      endif()
    endforeach()
  endforeach()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE)
  wharf_check_sdk()
  message(STATUS "SDK check passed: destinations/ include only SDK headers, and the SDK is closed")
endif()
