# Install rules and package files: headers, libraries, the tool, vnaudit.pc
# and vnauditConfig.cmake (find_package(vnaudit) -> vnaudit::vnaudit_shared,
# vnaudit::vnaudit_static).
include(CMakePackageConfigHelpers)

set(VNAUDIT_INSTALL_TARGETS vnaudit_static vnaudit_shared)
if(VNAUDIT_CLI)
  list(APPEND VNAUDIT_INSTALL_TARGETS vnaudit)
endif()
install(TARGETS ${VNAUDIT_INSTALL_TARGETS} EXPORT vnauditTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/vnaudit DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/vnaudit/version.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/vnaudit)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/vocab/ DESTINATION ${CMAKE_INSTALL_DATADIR}/vnaudit/vocab)
# the documents SARIF's helpUri and informationUri point to by default (VNAUDIT_DOCS_URL, VNAUDIT_HOMEPAGE)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/docs/VALIDATION.md
              ${PROJECT_SOURCE_DIR}/docs/CONTRACT.md ${PROJECT_SOURCE_DIR}/docs/ARCHIVE.md ${PROJECT_SOURCE_DIR}/docs/API.md
              ${PROJECT_SOURCE_DIR}/docs/SCALE.md ${PROJECT_SOURCE_DIR}/docs/CSV.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
if(VNAUDIT_CLI)
  install(FILES ${PROJECT_SOURCE_DIR}/docs/vnaudit.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${PROJECT_SOURCE_DIR}/completion/vnaudit.bash
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME vnaudit)
endif()

# vnaudit.pc is written at install time, from the prefix of that install
# (cmake --install build --prefix /tmp/x gives prefix=/tmp/x), not the
# prefix configured when the build was made.
set(VNAUDIT_PC_OUT ${PROJECT_BINARY_DIR}/pkgconfig-install/vnaudit.pc)
install(CODE "
  set(VNAUDIT_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  set(VNAUDIT_PC_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
  set(VNAUDIT_PC_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(PROJECT_VERSION \"${PROJECT_VERSION}\")
  set(VNAUDIT_READER_PC \"${VNAUDIT_READER_PC}\")
  foreach(d LIBDIR INCLUDEDIR)
    if(NOT IS_ABSOLUTE \"\${VNAUDIT_PC_\${d}}\")
      set(VNAUDIT_PC_\${d} \"\\\${prefix}/\${VNAUDIT_PC_\${d}}\")
    endif()
  endforeach()
  configure_file(\"${PROJECT_SOURCE_DIR}/cmake/vnaudit.pc.in\" \"${VNAUDIT_PC_OUT}\" @ONLY)
")
install(FILES ${VNAUDIT_PC_OUT} DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

set(VNAUDIT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/vnaudit)
install(EXPORT vnauditTargets NAMESPACE vnaudit:: DESTINATION ${VNAUDIT_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/vnauditConfig.cmake.in
  ${PROJECT_BINARY_DIR}/vnauditConfig.cmake INSTALL_DESTINATION ${VNAUDIT_CMAKE_DIR})
# 0.x: a minor release may break the API; from 1.0, the major version decides.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(VNAUDIT_COMPAT SameMinorVersion)
else()
  set(VNAUDIT_COMPAT SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/vnauditConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${VNAUDIT_COMPAT})
install(FILES ${PROJECT_BINARY_DIR}/vnauditConfig.cmake ${PROJECT_BINARY_DIR}/vnauditConfigVersion.cmake
  DESTINATION ${VNAUDIT_CMAKE_DIR})
