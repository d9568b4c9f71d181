# Per-target warnings, as curl's PickyWarnings and cmark's
# cmark_add_compile_options: never switched off wholesale.
function(vnaudit_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wpointer-arith -Wformat=2 -Wundef -Wvla -Wno-unused-parameter)
  if(VNAUDIT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
