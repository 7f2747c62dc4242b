# The man page and the shell completion scripts of the retort command, generated at build time
# by the command itself from its verb table (`retort __man`, `retort completion SHELL`), so they
# never drift from `retort --help`, and installed where man and the shells look for them.
# Included from cmake/RetortInstall.cmake after the `retort` target is defined.
include(GNUInstallDirs)

set(RETORT_DOCS_DIR ${CMAKE_CURRENT_BINARY_DIR}/share)
set(RETORT_MAN_PAGE ${RETORT_DOCS_DIR}/man/man1/retort.1)
set(RETORT_BASH_COMPLETION ${RETORT_DOCS_DIR}/bash-completion/completions/retort)
set(RETORT_ZSH_COMPLETION ${RETORT_DOCS_DIR}/zsh/vendor-completions/_retort)
set(RETORT_FISH_COMPLETION ${RETORT_DOCS_DIR}/fish/vendor_completions.d/retort.fish)

add_custom_command(
  OUTPUT ${RETORT_MAN_PAGE} ${RETORT_BASH_COMPLETION} ${RETORT_ZSH_COMPLETION}
         ${RETORT_FISH_COMPLETION}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${RETORT_DOCS_DIR}/man/man1
          ${RETORT_DOCS_DIR}/bash-completion/completions ${RETORT_DOCS_DIR}/zsh/vendor-completions
          ${RETORT_DOCS_DIR}/fish/vendor_completions.d
  COMMAND $<TARGET_FILE:retort> __man > ${RETORT_MAN_PAGE}
  COMMAND $<TARGET_FILE:retort> completion bash > ${RETORT_BASH_COMPLETION}
  COMMAND $<TARGET_FILE:retort> completion zsh > ${RETORT_ZSH_COMPLETION}
  COMMAND $<TARGET_FILE:retort> completion fish > ${RETORT_FISH_COMPLETION}
  DEPENDS retort
  COMMENT "Generating the retort(1) man page and shell completions"
  VERBATIM)
add_custom_target(retort_docs ALL
  DEPENDS ${RETORT_MAN_PAGE} ${RETORT_BASH_COMPLETION} ${RETORT_ZSH_COMPLETION}
          ${RETORT_FISH_COMPLETION})

install(FILES ${RETORT_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
install(FILES ${RETORT_BASH_COMPLETION}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT cli)
install(FILES ${RETORT_ZSH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT cli)
install(FILES ${RETORT_FISH_COMPLETION}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d COMPONENT cli)
