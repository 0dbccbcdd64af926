# Warnings for Trinity's own targets (never for third-party code).
function(trinity_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
        -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
        -Wnull-dereference -Wimplicit-fallthrough)
    if(TRINITY_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
