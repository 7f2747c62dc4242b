# What `cmake --install` puts in the prefix, in two components:
#   cli  bin/retort (and, from branch cli-pkg, its man page and shell completions): the .deb
#   dev  the library, include/retort/, the CMake package (lib/cmake/retort) and retort.pc
# Included by CMakeLists.txt when RETORT_INSTALL is ON (the default for retort's own checkout).
include(CMakePackageConfigHelpers)

set(RETORT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/retort)

# ---- The command -------------------------------------------------------------------------------
if(RETORT_BUILD_CLI)
  install(TARGETS retort RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)

  # The command's man page and shell completions, in COMPONENT cli, so that both
  # `cmake --install` and the .deb (cmake/RetortPackage.cmake packs the cli component) carry them.
  include(${PROJECT_SOURCE_DIR}/cmake/RetortDocsInstall.cmake)
endif()

# ---- The library -------------------------------------------------------------------------------
install(TARGETS retort_library EXPORT retortTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev NAMELINK_COMPONENT dev
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/retort ${PROJECT_BINARY_DIR}/include/retort
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev
  FILES_MATCHING PATTERN "*.hpp")

# The CMake package: find_package(retort) gives retort::retort and retort_embed_migrations().
install(EXPORT retortTargets NAMESPACE retort:: DESTINATION ${RETORT_CMAKE_DIR} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/retortConfig.cmake.in
  ${PROJECT_BINARY_DIR}/retortConfig.cmake INSTALL_DESTINATION ${RETORT_CMAKE_DIR})
# 0.x: a minor release may break the API, so 0.1 satisfies only 0.1.*; from 1.0, SameMajorVersion.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(RETORT_COMPATIBILITY SameMinorVersion)
else()
  set(RETORT_COMPATIBILITY SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/retortConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${RETORT_COMPATIBILITY})
install(FILES ${PROJECT_BINARY_DIR}/retortConfig.cmake ${PROJECT_BINARY_DIR}/retortConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/RetortEmbed.cmake ${PROJECT_SOURCE_DIR}/cmake/RetortEmbedGenerate.cmake
  DESTINATION ${RETORT_CMAKE_DIR} COMPONENT dev)

# retort.pc, relocatable (the prefix is found from the file's own place). A static libretort
# needs Lua and SQLite in every link, so they are plain Requires; a shared one links them itself
# (Requires.private, for `pkg-config --static`).
set(RETORT_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${RETORT_PC_DIR}")
  message(FATAL_ERROR "retort.pc: CMAKE_INSTALL_LIBDIR must be relative to the prefix")
endif()
string(REGEX REPLACE "[^/]+" ".." RETORT_PC_UP "${RETORT_PC_DIR}")
set(RETORT_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
set(RETORT_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
if(BUILD_SHARED_LIBS)
  set(RETORT_PC_REQUIRES "Requires.private: lua5.4-c++ sqlite3")
  set(RETORT_PC_LIBS "")
else()
  set(RETORT_PC_REQUIRES "Requires: lua5.4-c++ sqlite3")
  set(RETORT_PC_LIBS "")
  foreach(lib IN LISTS CMAKE_DL_LIBS)
    string(APPEND RETORT_PC_LIBS " -l${lib}")
  endforeach()
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/retort.pc.in ${PROJECT_BINARY_DIR}/retort.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/retort.pc DESTINATION ${RETORT_PC_DIR} COMPONENT dev)
