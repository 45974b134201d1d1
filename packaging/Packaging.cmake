# Installers: a .deb whose dependencies dpkg-shlibdeps computes, and a .tar.gz.
include(GNUInstallDirs)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/wharf.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/wharf.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/wharf.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# What Debian asks of a package (lintian checks it in CI): the copyright file, the changelog and
# a man page, compressed reproducibly; and the documentation the About dialog links to.
set(WHARF_VERSION ${PROJECT_VERSION})
set(_pkgdir ${CMAKE_BINARY_DIR}/packaging)
set(_docdir ${CMAKE_INSTALL_DATADIR}/doc/wharf) # CMAKE_INSTALL_DOCDIR would say "Wharf"
configure_file(${CMAKE_SOURCE_DIR}/packaging/wharf.1 ${_pkgdir}/wharf.1 @ONLY)
configure_file(${CMAKE_SOURCE_DIR}/packaging/changelog.in ${_pkgdir}/changelog @ONLY)
foreach(_f wharf.1 changelog)
  add_custom_command(OUTPUT ${_pkgdir}/${_f}.gz COMMAND gzip -9nf -k ${_pkgdir}/${_f}
                     DEPENDS ${_pkgdir}/${_f} VERBATIM)
endforeach()
add_custom_target(wharf_package_docs ALL DEPENDS ${_pkgdir}/wharf.1.gz ${_pkgdir}/changelog.gz)
install(FILES ${_pkgdir}/wharf.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${_pkgdir}/changelog.gz ${CMAKE_SOURCE_DIR}/packaging/copyright ${CMAKE_SOURCE_DIR}/README.md
        DESTINATION ${_docdir})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${_docdir} FILES_MATCHING PATTERN "*.md"
        PATTERN "screenshots" EXCLUDE)

set(CPACK_PACKAGE_NAME "wharf")
set(CPACK_PACKAGE_VENDOR "Wharf developers")
set(CPACK_PACKAGE_CONTACT "Wharf developers <wharf@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Load dlt load packages into databases, natively and with a GUI")
# The .deb's extended description (lintian: extended-description-is-empty).
# CPack puts the summary above it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Wharf reads the load packages that the Python library dlt leaves on disk and
loads them into SQLite, PostgreSQL, MySQL or MariaDB (or hands them to an HTTP
endpoint or a command) the way dlt's load stage does, with the same tables,
columns, types and system tables. A package is reported LOADED only when every
row is in the destination exactly once; otherwise it can be resumed.
.
A desktop window configures destinations, loads packages while every job is
shown, and browses the loaded tables; the wharf command does the same headless.
Destination plugins build against the SDK and conformance kit shipped here.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "database")
# Qt loads its platform plugins at run time, so shlibdeps cannot see them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_LICENSE "Apache-2.0")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
include(CPack)
