# retort_embed_migrations(): compile a project's revision scripts (and models) into a program.
#
#   retort_embed_migrations(TARGET app
#     DIRECTORY migrations            # the script_location of retort.toml
#     [VERSIONS dir...]               # default: DIRECTORY/versions (version_locations)
#     [MODELS migrations/models.lua]  # or a schema.sql; default: none
#     [FUNCTION app_migrations])      # default: embedded_migrations
#
# Generates FUNCTION.hpp and FUNCTION.cpp in the build tree, adds the .cpp to TARGET and the
# header's folder to TARGET's include path (PRIVATE). The header declares
#
#   std::vector<retort::ScriptText> FUNCTION();          // for Config::embedded_scripts
#   std::optional<retort::ScriptText> FUNCTION_models(); // for Config::embedded_models
#
# The scripts are copied byte for byte (as arrays, so any text is safe: `)"`, CRLF, non-UTF-8),
# named by their path relative to the calling CMakeLists.txt (as error messages print them).
# The .cpp is regenerated when a script changes; a script added or removed is seen at the next
# build (the file list is globbed with CONFIGURE_DEPENDS). Only CMake itself runs at build time.
# Call it in the CMakeLists.txt that creates TARGET (CMake attaches the generating rule to the
# targets of that directory). TARGET must link retort::retort. Shipped in the installed package
# (find_package(retort)), and defined for add_subdirectory/FetchContent users by retort's own
# CMakeLists.txt.
include_guard(GLOBAL)

function(retort_embed_migrations)
  # Beside this file. Not a variable set when the file is included: with add_subdirectory that
  # would live in retort's directory scope, out of sight of the program's CMakeLists.txt.
  set(generator "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/RetortEmbedGenerate.cmake")
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;DIRECTORY;MODELS;FUNCTION" "VERSIONS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "retort_embed_migrations: unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_TARGET OR NOT TARGET "${arg_TARGET}")
    message(FATAL_ERROR "retort_embed_migrations: TARGET must name an existing target "
      "(got '${arg_TARGET}')")
  endif()
  if(NOT arg_DIRECTORY)
    message(FATAL_ERROR "retort_embed_migrations: DIRECTORY (the migrations folder) is required")
  endif()
  if(NOT arg_FUNCTION)
    set(arg_FUNCTION embedded_migrations)
  endif()
  if(NOT arg_FUNCTION MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "retort_embed_migrations: FUNCTION '${arg_FUNCTION}' is not a C++ name")
  endif()
  cmake_path(ABSOLUTE_PATH arg_DIRECTORY BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
    NORMALIZE OUTPUT_VARIABLE directory)
  set(versions "")
  if(arg_VERSIONS)
    foreach(v IN LISTS arg_VERSIONS)
      cmake_path(ABSOLUTE_PATH v BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
      list(APPEND versions "${v}")
    endforeach()
  else()
    set(versions "${directory}/versions")
  endif()

  # The files the retort command would read: *.lua and *.sql (plain SQL revisions) in each
  # versions folder, not hidden, sorted.
  set(scripts "")
  foreach(v IN LISTS versions)
    if(NOT IS_DIRECTORY "${v}")
      message(FATAL_ERROR "retort_embed_migrations: no versions directory at ${v}")
    endif()
    file(GLOB found LIST_DIRECTORIES false CONFIGURE_DEPENDS "${v}/*.lua" "${v}/*.sql")
    list(FILTER found EXCLUDE REGEX "/\\.[^/]*$")
    list(SORT found)
    list(APPEND scripts ${found})
  endforeach()
  set(models "")
  if(arg_MODELS)
    cmake_path(ABSOLUTE_PATH arg_MODELS BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE
      OUTPUT_VARIABLE models)
    if(NOT EXISTS "${models}")
      message(FATAL_ERROR "retort_embed_migrations: MODELS file ${models} does not exist")
    endif()
  endif()

  # The name each script carries in messages: its path from the project (the calling folder),
  # or from the migrations folder's parent when it lives outside the project.
  cmake_path(GET directory PARENT_PATH directory_parent)
  set(names "")
  foreach(f IN LISTS scripts models)
    file(RELATIVE_PATH name "${CMAKE_CURRENT_SOURCE_DIR}" "${f}")
    if(name MATCHES "^\\.\\./")
      file(RELATIVE_PATH name "${directory_parent}" "${f}")
    endif()
    list(APPEND names "${name}")
  endforeach()

  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/retort_embed/${arg_TARGET}")
  set(header "${out_dir}/${arg_FUNCTION}.hpp")
  set(source "${out_dir}/${arg_FUNCTION}.cpp")
  set(manifest "${out_dir}/${arg_FUNCTION}.manifest.cmake")
  # The manifest and the header change only when the list of files does (file(CONFIGURE) leaves
  # an unchanged file alone, so nothing rebuilds needlessly).
  set(content "set(RETORT_EMBED_FUNCTION [==[${arg_FUNCTION}]==])\n")
  string(APPEND content "set(RETORT_EMBED_SCRIPTS [==[${scripts}]==])\n")
  string(APPEND content "set(RETORT_EMBED_MODELS [==[${models}]==])\n")
  string(APPEND content "set(RETORT_EMBED_NAMES [==[${names}]==])\n")
  file(CONFIGURE OUTPUT "${manifest}" CONTENT "${content}")
  file(CONFIGURE OUTPUT "${header}" CONTENT
"// Generated by retort_embed_migrations() from ${directory}; do not edit.
#pragma once

#include <optional>
#include <vector>

#include <retort/config.hpp>

// The revision scripts, in memory: assign to retort::Config::embedded_scripts.
std::vector<retort::ScriptText> ${arg_FUNCTION}();
// The models file (models.lua or schema.sql), for Config::embedded_models; nullopt when
// retort_embed_migrations() was given no MODELS.
std::optional<retort::ScriptText> ${arg_FUNCTION}_models();
")
  add_custom_command(
    OUTPUT "${source}"
    COMMAND "${CMAKE_COMMAND}" "-DMANIFEST=${manifest}" "-DOUTPUT=${source}"
            -P "${generator}"
    DEPENDS ${scripts} ${models} "${manifest}" "${generator}"
    COMMENT "Embedding the retort migrations of ${arg_DIRECTORY} in ${arg_TARGET}"
    VERBATIM)
  target_sources(${arg_TARGET} PRIVATE "${source}" "${header}")
  target_include_directories(${arg_TARGET} PRIVATE "${out_dir}")
endfunction()
