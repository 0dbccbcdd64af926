# trinity_embed_file(TARGET target SYMBOL name FILE path)
# Compiles a file's bytes into `target` as
#   extern const unsigned char name[]; extern const std::size_t name_size;
# (declare them yourself). Used for fonts and other assets the app ships.
function(trinity_embed_file)
    cmake_parse_arguments(ARG "" "TARGET;SYMBOL;FILE" "" ${ARGN})
    set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded/${ARG_SYMBOL}.cpp")
    add_custom_command(OUTPUT "${out}"
        COMMAND ${CMAKE_COMMAND} -DINPUT=${ARG_FILE} -DOUTPUT=${out} -DSYMBOL=${ARG_SYMBOL}
                -P "${CMAKE_SOURCE_DIR}/cmake/embed_file.cmake"
        DEPENDS "${ARG_FILE}" "${CMAKE_SOURCE_DIR}/cmake/embed_file.cmake"
        COMMENT "Embedding ${ARG_FILE}")
    target_sources(${ARG_TARGET} PRIVATE "${out}")
endfunction()
