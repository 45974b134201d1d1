# Installers: a .deb whose dependencies dpkg-shlibdeps computes, and a .tar.gz.
include(GNUInstallDirs)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/wharf.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/wharf.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/wharf.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

set(CPACK_PACKAGE_NAME "wharf")
set(CPACK_PACKAGE_VENDOR "Wharf developers")
set(CPACK_PACKAGE_CONTACT "Wharf developers <wharf@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Load dlt load packages into databases, natively and with a GUI")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "database")
# Qt loads its platform plugins at run time, so shlibdeps cannot see them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_STRIP_FILES ON)
include(CPack)
