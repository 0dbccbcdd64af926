# Third-party libraries. Native builds use Debian's packages; wasm builds use
# the Debian source packages that scripts/setup.sh compiled with Emscripten
# into TRINITY_WASM_DEPS (outside the repository).

if(TRINITY_OS_WEB)
    if(NOT TRINITY_WASM_DEPS)
        # Same default as scripts/env.sh, whose recipe revision names the cache.
        file(STRINGS "${CMAKE_SOURCE_DIR}/scripts/env.sh" recipe_line REGEX "^TRINITY_WASM_RECIPE=")
        string(REGEX REPLACE "^TRINITY_WASM_RECIPE=" "" recipe "${recipe_line}")
        set(TRINITY_WASM_DEPS "$ENV{HOME}/.cache/trinity/wasm-deps-${recipe}")
    endif()
    set(TRINITY_WASM_DEPS "${TRINITY_WASM_DEPS}" CACHE PATH "wasm builds of the dependencies (scripts/setup.sh)" FORCE)
    set(prefix "${TRINITY_WASM_DEPS}/prefix")
    if(NOT EXISTS "${prefix}/lib/libimgui.a" OR NOT EXISTS "${prefix}/lib/libcrypto.a" OR NOT EXISTS "${prefix}/lib/libz.a")
        message(FATAL_ERROR "wasm dependencies not found in ${prefix}: run scripts/setup.sh first")
    endif()
    # Emscripten's toolchain confines find_package() to its sysroot; add ours.
    list(APPEND CMAKE_FIND_ROOT_PATH "${prefix}")
    list(APPEND CMAKE_PREFIX_PATH "${prefix}")

    add_library(trinity_third_party_json INTERFACE)
    target_include_directories(trinity_third_party_json SYSTEM INTERFACE "${prefix}/include")
    add_library(nlohmann_json::nlohmann_json ALIAS trinity_third_party_json)

    add_library(imgui STATIC IMPORTED GLOBAL)
    set_target_properties(imgui PROPERTIES IMPORTED_LOCATION "${prefix}/lib/libimgui.a"
        INTERFACE_INCLUDE_DIRECTORIES "${prefix}/include/imgui")

    add_library(OpenSSL::Crypto STATIC IMPORTED GLOBAL)
    set_target_properties(OpenSSL::Crypto PROPERTIES IMPORTED_LOCATION "${prefix}/lib/libcrypto.a"
        INTERFACE_INCLUDE_DIRECTORIES "${prefix}/include")

    add_library(ZLIB::ZLIB STATIC IMPORTED GLOBAL)
    set_target_properties(ZLIB::ZLIB PROPERTIES IMPORTED_LOCATION "${prefix}/lib/libz.a"
        INTERFACE_INCLUDE_DIRECTORIES "${prefix}/include")

    add_library(trinity_third_party_yaml STATIC IMPORTED GLOBAL)
    set_target_properties(trinity_third_party_yaml PROPERTIES IMPORTED_LOCATION "${prefix}/lib/libyaml-cpp.a"
        INTERFACE_INCLUDE_DIRECTORIES "${prefix}/include")
    add_library(trinity::yaml ALIAS trinity_third_party_yaml)

    add_library(trinity_third_party_re2 STATIC IMPORTED GLOBAL)
    set_target_properties(trinity_third_party_re2 PROPERTIES IMPORTED_LOCATION "${prefix}/lib/libre2.a"
        INTERFACE_INCLUDE_DIRECTORIES "${prefix}/include")
    add_library(trinity::re2 ALIAS trinity_third_party_re2)

    if(TRINITY_BUILD_TESTS)
        find_package(GTest CONFIG REQUIRED)
    endif()
else()
    find_package(nlohmann_json 3.10 REQUIRED)
    find_package(OpenSSL 3 REQUIRED)
    # zlib: inflating zip archives (rule packs, collected evidence).
    find_package(ZLIB REQUIRED)
    # yaml-cpp (rules, playbooks, connectors) and RE2 (linear-time regexes on
    # hostile logs), as trinity::yaml and trinity::re2 on both platforms.
    find_package(yaml-cpp 0.7 CONFIG REQUIRED)
    add_library(trinity_third_party_yaml INTERFACE)
    target_link_libraries(trinity_third_party_yaml INTERFACE yaml-cpp)
    add_library(trinity::yaml ALIAS trinity_third_party_yaml)
    find_package(PkgConfig REQUIRED)
    pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
    add_library(trinity_third_party_re2 INTERFACE)
    target_link_libraries(trinity_third_party_re2 INTERFACE PkgConfig::RE2)
    add_library(trinity::re2 ALIAS trinity_third_party_re2)
    if(NOT TRINITY_FUZZ)
        find_package(CLI11 CONFIG REQUIRED)
        # Debian ships cpp-httplib compiled (with OpenSSL) and a pkg-config file.
        pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
        if(TRINITY_BUILD_TESTS)
            find_package(GTest REQUIRED)
        endif()
    endif()
endif()
