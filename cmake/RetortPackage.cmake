# CPack: the retort command as a Debian package (`cpack -G DEB` in the build directory writes
# retort_<version>_<arch>.deb). It holds the cli install component (cmake/RetortInstall.cmake):
# /usr/bin/retort, and the man page and completions once they are installed there. The library
# and headers (component dev) are not in it: programs that embed retort build it with
# find_package or FetchContent (docs/library.md).
#
# Dependencies, from the Debian packages the command uses:
#   Depends     what dpkg-shlibdeps reads off the binary: libc6 only, since Lua, SQLite and the
#               C++ runtime are linked statically (CMakeLists.txt says why).
#   Recommends  libpq5 and libmariadb3: retort dlopen()s them on the first postgresql:// or
#               mysql:// connection, so the command runs without them (SQLite needs neither) and
#               says which package to install when one is missing. Recommends is what Debian
#               uses for "needed by most users, not by all": apt installs them by default, and
#               `--no-install-recommends` gives a SQLite-only machine the command alone.
if(NOT RETORT_BUILD_CLI)
  return()
endif()

set(RETORT_PACKAGE_MAINTAINER "retort maintainers" CACHE STRING
  "The Maintainer field of the retort .deb (Name <email>)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME retort)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "database schema migrations in the spirit of Alembic")
set(CPACK_PACKAGE_CONTACT "${RETORT_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # the package carries no debug information (a RelWithDebInfo build would)
# One package, of the cli component only: a package per component, and cli the only component
# packed (a single monolithic package would take every component, the library's too).
set(CPACK_COMPONENTS_ALL cli)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_CLI_PACKAGE_NAME retort)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The summary line comes from CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the extended text.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "retort applies versioned revision scripts written in Lua (upgrade and downgrade,
with op.* and sa.* APIs like Alembic's) to SQLite, PostgreSQL and MySQL/MariaDB
databases, and writes the next revision by comparing models with the live schema
(revision --autogenerate). One binary; DDL runs in a transaction where the
database allows, and operations that would destroy data are refused unless allowed.")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libpq5, libmariadb3")

include(CPack)
