# Installation of onsite-hq and its Debian package (docs/DEPLOY.md).
#
#   cmake --install build --prefix /opt/onsite     bin/onsite-hq, share/onsite-hq/web (where
#                                                  serve finds the console by default),
#                                                  sbin/onsite-hq-admin, docs and examples
#   cpack --config build/CPackConfig.cmake         onsite-hq_<version>_<arch>.deb: the same
#                                                  under /usr, plus the systemd unit and
#                                                  /etc/onsite/onsite-hq.env
#
# The tablet app and onsite-field are not installed. The unit and the settings file live
# at absolute paths (/lib/systemd/system, /etc/onsite) and belong to the component
# "system", which a plain `cmake --install` leaves out (it would write outside the prefix);
# the package installs every component.
if(NOT TARGET onsite-hq)
  return()
endif()

set(onsite_deploy ${PROJECT_SOURCE_DIR}/deploy)
set(onsite_docdir share/doc/onsite-hq)

install(PROGRAMS ${onsite_deploy}/onsite-hq-admin DESTINATION sbin)
install(FILES ${PROJECT_SOURCE_DIR}/docs/DEPLOY.md ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${onsite_docdir})
install(FILES ${onsite_deploy}/nginx/onsite.conf DESTINATION ${onsite_docdir}/examples/nginx)
install(FILES ${onsite_deploy}/systemd/onsite-hq.service ${onsite_deploy}/onsite-hq.env
        DESTINATION ${onsite_docdir}/examples)

# onsite-hq@PORT.service: one more process on 127.0.0.1:PORT with the same settings, for
# several processes on one PostgreSQL database behind nginx (docs/DEPLOY.md). Made from the
# unit above so that both keep the same sandbox.
file(READ ${onsite_deploy}/systemd/onsite-hq.service onsite_unit)
string(REPLACE "--listen \${ONSITE_LISTEN}" "--listen 127.0.0.1:%i" onsite_template "${onsite_unit}")
string(REPLACE "Description=Onsite HQ service (onsite-hq serve)" "Description=Onsite HQ service on 127.0.0.1:%i"
       onsite_template "${onsite_template}")
if(onsite_template STREQUAL onsite_unit OR NOT onsite_template MATCHES "127.0.0.1:%i\n")
  message(FATAL_ERROR "deploy/systemd/onsite-hq.service changed: cmake/packaging.cmake cannot make onsite-hq@.service")
endif()
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/deploy/onsite-hq@.service CONTENT "${onsite_template}" @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${onsite_deploy}/systemd/onsite-hq.service)
install(FILES ${onsite_deploy}/systemd/onsite-hq.service ${PROJECT_BINARY_DIR}/deploy/onsite-hq@.service
        DESTINATION /lib/systemd/system COMPONENT system EXCLUDE_FROM_ALL)
install(FILES ${onsite_deploy}/onsite-hq.env DESTINATION /etc/onsite
        PERMISSIONS OWNER_READ OWNER_WRITE COMPONENT system EXCLUDE_FROM_ALL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME onsite-hq)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Onsite")
set(CPACK_PACKAGE_CONTACT "Onsite maintainers <onsite@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Onsite HQ service: sync for the field tablets, the HQ console and admin commands")
set(CPACK_PACKAGE_DESCRIPTION
    "onsite-hq keeps a quantified assessment campaign at HQ: it syncs the inspection groups' tablets, serves the browser console (results, findings, follow-up) and runs the admin commands (imports, results, exports). Data in SQLite under /var/lib/onsite or in PostgreSQL.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_SET_DESTDIR OFF)
# One package of every component, the EXCLUDE_FROM_ALL "system" one included.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL Unspecified system)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Not seen by dpkg-shlibdeps: Qt's offscreen platform plugin (serve and export load it),
# the report fonts, adduser for the postinst.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, adduser, fonts-wqy-microhei | fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-wqy-microhei, fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx, postgresql")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${onsite_deploy}/debian/postinst ${onsite_deploy}/debian/prerm ${onsite_deploy}/debian/postrm
    ${onsite_deploy}/debian/conffiles)
include(CPack)

if(ONSITE_BUILD_TESTS)
  add_subdirectory(${PROJECT_SOURCE_DIR}/tests/deploy ${PROJECT_BINARY_DIR}/tests/deploy)
endif()
