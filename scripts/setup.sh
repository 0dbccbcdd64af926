#!/usr/bin/env bash
# setup.sh: everything Trinity needs on a Debian 12 machine, idempotently.
#
#   1. Debian packages (compilers, Emscripten, libraries, Chromium, fonts).
#   2. The Debian *source* packages of imgui, yaml-cpp, openssl, re2 and
#      googletest, built with Emscripten into $TRINITY_WASM_DEPS (outside the
#      repository; one stamp per library, so a second run skips them).
#   3. npm packages for the browser tests (playwright-core, from the lock file).
#
# A second run with nothing changed takes a few seconds. Run as root, or as a
# user with sudo.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "run as root, or install sudo"
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

# [SECTION] Debian packages ---------------------------------------------------

PACKAGES=(
    # native toolchain and build
    build-essential cmake ninja-build pkg-config git curl ca-certificates xz-utils
    clang-14 lld-14 libclang-rt-14-dev
    # native libraries
    libyaml-cpp-dev nlohmann-json3-dev libssl-dev libre2-dev libcpp-httplib-dev
    libsqlite3-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev zlib1g-dev
    # wasm toolchain (emcc 3.1.6) and what its JS optimizer needs
    emscripten node-acorn nodejs npm
    # building the wasm dependencies from Debian sources
    dpkg-dev patch unicode-data python3 python3-six perl
    # browser tests, fonts embedded in the app, EVTX reference tool
    chromium fonts-dejavu-core libevtx-utils
    # the public suffix list embedded for indicator extraction
    publicsuffix
    # ssdeep: the reference the fuzzy-hash tests compare against
    ssdeep
)

missing_packages() {
    local pkg status
    for pkg in "${PACKAGES[@]}"; do
        status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
        [ "$status" = "install ok installed" ] || printf '%s\n' "$pkg"
    done
}

APT_UPDATED=0
apt_update_once() {
    if [ "$APT_UPDATED" -eq 0 ]; then
        log "apt-get update"
        $SUDO apt-get update -qq
        APT_UPDATED=1
    fi
}

# Node and npm may come from a vendor repository on some machines; only ask
# apt for them when the commands are absent.
command -v node >/dev/null && PACKAGES=("${PACKAGES[@]/nodejs/}")
command -v npm >/dev/null && PACKAGES=("${PACKAGES[@]/npm/}")
PACKAGES=($(printf '%s\n' "${PACKAGES[@]}" | sed '/^$/d'))

mapfile -t MISSING < <(missing_packages)
if [ "${#MISSING[@]}" -gt 0 ]; then
    apt_update_once
    log "installing ${#MISSING[@]} Debian packages: ${MISSING[*]}"
    $SUDO apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >/dev/null
fi

# [SECTION] Debian source packages, built for wasm ----------------------------

# Native wasm exceptions, no -pthread: with Debian's emcc 3.1.6 + clang 14 the
# two together break every typed catch (docs/building.md, "Threads").
WASM_FLAGS="-O2 -fwasm-exceptions"
SRC_DIR=$TRINITY_WASM_DEPS/src
BUILD_DIR=$TRINITY_WASM_DEPS/build
PREFIX=$TRINITY_WASM_DEPS/prefix
LOG_DIR=$TRINITY_WASM_DEPS/logs

# Source packages come from the same archive as the machine's binary
# packages: a deb-src twin of each deb entry.
ensure_deb_src() {
    local list=/etc/apt/sources.list.d/trinity-deb-src.sources
    [ -f "$list" ] || [ -f "${list%.sources}.list" ] && return 0
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        sed -e 's/^Types: .*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
            | $SUDO tee "$list" >/dev/null
    elif [ -f /etc/apt/sources.list ]; then
        grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
            | $SUDO tee "${list%.sources}.list" >/dev/null
    else
        die "no Debian archive configured in /etc/apt (debian.sources or sources.list)"
    fi
    APT_UPDATED=0
}

# Version of the source package apt would fetch (e.g. 1.86+ds-1).
source_version() {
    apt-get source --print-uris -qq "$1" 2>/dev/null \
        | awk -v p="$1" '$2 ~ /\.dsc$/ {v = $2; sub("^" p "_", "", v); sub(/\.dsc$/, "", v); print v; exit}'
}

# Fetches and unpacks a source package into $SRC_DIR/<pkg>, with Debian's
# patches applied. apt-get's own `source` can 404 on a security pocket's
# .dsc while the tarballs arrive, so fetch the tarballs it names and check
# their SHA-256 ourselves.
fetch_source() {
    local pkg=$1 dest=$SRC_DIR/$1 dl=$SRC_DIR/.download/$1
    rm -rf "$dest" "$dl"
    mkdir -p "$dest" "$dl"
    local uri file size sum
    while read -r uri file size sum; do
        uri=${uri//\'/}
        case "$file" in *.dsc|*.asc) continue ;; esac
        if ! curl -sSfL --retry 3 -o "$dl/$file" "$uri"; then
            # Only the upstream tarball is indispensable; the security pocket
            # sometimes lacks the Debian files it lists.
            case "$file" in *.orig.tar.*) die "could not download $uri" ;; esac
            log "warning: $file is missing from the archive; building $pkg without Debian's patches"
            rm -f "$dl/$file"
            continue
        fi
        if [ "${sum#SHA256:}" != "$sum" ]; then
            echo "${sum#SHA256:}  $dl/$file" | sha256sum -c --quiet - || die "checksum mismatch: $file"
        fi
    done < <(apt-get source --print-uris -qq "$pkg")
    local orig
    orig=$(ls "$dl"/*.orig.tar.* 2>/dev/null | head -1)
    [ -n "$orig" ] || die "no source tarball for $pkg (is deb-src configured?)"
    tar -xf "$orig" -C "$dest" --strip-components=1
    local deb
    deb=$(ls "$dl"/*.debian.tar.* 2>/dev/null | head -1 || true)
    if [ -n "$deb" ]; then
        tar -xf "$deb" -C "$dest"
        if [ -f "$dest/debian/patches/series" ]; then
            local p
            while read -r p _; do
                case "$p" in ''|'#'*) continue ;; esac
                patch -d "$dest" -p1 -N -s < "$dest/debian/patches/$p" >/dev/null \
                    || die "Debian patch $p does not apply to $pkg"
            done < "$dest/debian/patches/series"
        fi
    fi
    rm -rf "$dl"
}

emcmake_build() {
    local name=$1; shift
    local b=$BUILD_DIR/$name
    rm -rf "$b"
    emcmake cmake -S "$SRC_DIR/$name" -B "$b" -G Ninja \
        -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX="$PREFIX" \
        -DCMAKE_C_FLAGS="$WASM_FLAGS" -DCMAKE_CXX_FLAGS="$WASM_FLAGS" \
        "$@"
    cmake --build "$b" -j "$JOBS"
    cmake --install "$b"
}

build_googletest() {
    # No -pthread in the wasm ABI, so no threads in gtest (its CMake package
    # would otherwise add Threads::Threads, i.e. -pthread, to every test).
    emcmake_build googletest -DBUILD_GMOCK=ON -DINSTALL_GTEST=ON -Dgtest_disable_pthreads=ON
}

build_yaml_cpp() {
    emcmake_build yaml-cpp -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF \
        -DYAML_CPP_BUILD_CONTRIB=OFF -DYAML_BUILD_SHARED_LIBS=OFF
}

build_re2() {
    # The +dfsg source drops RE2's generated Unicode tables; Debian's patch
    # makes the generators read the system's unicode-data instead.
    local d=$SRC_DIR/re2/re2
    (cd "$d" && /usr/bin/python3 make_unicode_casefold.py > unicode_casefold.cc \
             && /usr/bin/python3 make_unicode_groups.py > unicode_groups.cc \
             && perl make_perl_groups.pl > perl_groups.cc)
    emcmake_build re2 -DRE2_BUILD_TESTING=OFF -DBUILD_SHARED_LIBS=OFF
}

build_imgui() {
    # imgui has no build system of its own: compile the library and the two
    # backends the web app uses (Emscripten's GLFW, OpenGL3/WebGL2).
    local s=$SRC_DIR/imgui b=$BUILD_DIR/imgui
    rm -rf "$b" && mkdir -p "$b"
    local objs=() f
    for f in imgui.cpp imgui_draw.cpp imgui_tables.cpp imgui_widgets.cpp imgui_demo.cpp \
             backends/imgui_impl_glfw.cpp backends/imgui_impl_opengl3.cpp; do
        em++ $WASM_FLAGS -sUSE_GLFW=3 -I"$s" -c "$s/$f" -o "$b/$(basename "${f%.cpp}").o" &
        objs+=("$b/$(basename "${f%.cpp}").o")
    done
    wait
    mkdir -p "$PREFIX/lib" "$PREFIX/include/imgui"
    rm -f "$PREFIX/lib/libimgui.a"
    emar rcs "$PREFIX/lib/libimgui.a" "${objs[@]}"
    cp "$s"/imgui.h "$s"/imconfig.h "$s"/imgui_internal.h "$s"/imstb_*.h \
       "$s"/backends/imgui_impl_glfw.h "$s"/backends/imgui_impl_opengl3.h \
       "$s"/backends/imgui_impl_opengl3_loader.h "$PREFIX/include/imgui/"
}

build_openssl() {
    # libcrypto and libssl only, no assembly, no threads inside OpenSSL (each
    # worker keeps its own contexts), no sockets: the recipe in DESIGN.md.
    local s=$SRC_DIR/openssl
    (cd "$s" && CC=emcc CXX=em++ AR=emar RANLIB=emranlib CFLAGS="$WASM_FLAGS" \
        ./Configure linux-generic32 no-asm no-threads no-shared no-dso no-engine \
        no-tests no-sock no-afalgeng no-ui-console --prefix="$PREFIX" --openssldir=/etc/ssl \
        && emmake make -j "$JOBS" CROSS_COMPILE= build_libs)
    mkdir -p "$PREFIX/lib" "$PREFIX/include"
    cp "$s"/libcrypto.a "$s"/libssl.a "$PREFIX/lib/"
    rm -rf "$PREFIX/include/openssl"
    cp -r "$s"/include/openssl "$PREFIX/include/openssl"
}

build_zlib() {
    # The inflate/deflate core only (no gz* file I/O), compiled directly like
    # imgui: zlib's CMake insists on a shared library too.
    local s=$SRC_DIR/zlib b=$BUILD_DIR/zlib
    rm -rf "$b" && mkdir -p "$b"
    local objs=() f
    for f in adler32 compress crc32 deflate infback inffast inflate inftrees trees uncompr zutil; do
        emcc $WASM_FLAGS -O2 -I"$s" -c "$s/$f.c" -o "$b/$f.o"
        objs+=("$b/$f.o")
    done
    mkdir -p "$PREFIX/lib" "$PREFIX/include"
    rm -f "$PREFIX/lib/libz.a"
    emar rcs "$PREFIX/lib/libz.a" "${objs[@]}"
    cp "$s"/zlib.h "$s"/zconf.h "$PREFIX/include/"
}

WASM_LIBS=(googletest yaml-cpp re2 imgui openssl zlib)

wasm_stamp() { printf '%s/.stamp-%s-%s' "$PREFIX" "$1" "$2"; }

build_wasm_deps() {
    mkdir -p "$SRC_DIR" "$BUILD_DIR" "$PREFIX" "$LOG_DIR"
    # Fast path: every library already built (stamps exist for some version).
    local lib todo=()
    for lib in "${WASM_LIBS[@]}"; do
        compgen -G "$PREFIX/.stamp-$lib-*" >/dev/null || todo+=("$lib")
    done
    [ "${#todo[@]}" -eq 0 ] && return 0

    ensure_deb_src
    apt_update_once
    for lib in "${todo[@]}"; do
        local version
        version=$(source_version "$lib")
        [ -n "$version" ] || die "apt knows no source package '$lib' (deb-src entries missing?)"
        log "wasm: building $lib $version (log: $LOG_DIR/$lib.log)"
        local started=$SECONDS
        if ! ( fetch_source "$lib" && "build_${lib//-/_}" ) > "$LOG_DIR/$lib.log" 2>&1; then
            tail -n 40 "$LOG_DIR/$lib.log" >&2
            die "building $lib for wasm failed; full log in $LOG_DIR/$lib.log"
        fi
        touch "$(wasm_stamp "$lib" "$version")"
        log "wasm: $lib done in $((SECONDS - started)) s"
    done
}

build_wasm_deps

# Builds of older recipes are never used again.
for old in "$TRINITY_CACHE"/wasm-deps-*; do
    [ -d "$old" ] && [ "$old" != "$TRINITY_WASM_DEPS" ] && rm -rf "$old"
done

# nlohmann/json is header-only: the wasm build uses Debian's headers, copied
# so the wasm include path never sees the native /usr/include.
if ! diff -rq /usr/include/nlohmann "$PREFIX/include/nlohmann" >/dev/null 2>&1; then
    mkdir -p "$PREFIX/include"
    rm -rf "$PREFIX/include/nlohmann"
    cp -r /usr/include/nlohmann "$PREFIX/include/nlohmann"
fi

# [SECTION] npm packages for browser tests -----------------------------------

cd "$TRINITY_ROOT"
if [ -f package-lock.json ]; then
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        log "npm ci (playwright-core; browsers come from Debian, never downloaded)"
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null
    fi
fi

log "setup complete"
