# The one place that decides the platform. Code chooses per-platform files by
# these variables (foo_native.cpp / foo_web.cpp), not by #ifdef forests; the
# TRINITY_OS_WEB macro exists for the rare line that cannot be split.
if(EMSCRIPTEN)
    set(TRINITY_OS_WEB ON)
    add_compile_definitions(TRINITY_OS_WEB=1)
    # Every wasm object shares one ABI: native wasm exceptions (yaml-cpp and
    # nlohmann/json throw) and no -pthread. Debian's emcc 3.1.6 with clang 14
    # addresses the landing-pad context as a plain global while its threaded
    # libunwind makes it thread_local, so with -pthread no typed catch ever
    # matches (tests/core/exceptions_test.cpp guards this). Parallel work in
    # the browser runs in Web Workers, each with its own instance.
    add_compile_options(-fwasm-exceptions)
    add_link_options(-fwasm-exceptions)
else()
    set(TRINITY_OS_WEB OFF)
endif()

if(TRINITY_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()

if(TRINITY_FUZZ)
    # Coverage instrumentation for everything the fuzzers reach, not only the
    # harnesses; the fuzzer runtime itself is linked into the harnesses.
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()
