# Sourced by Trinity's scripts: where things live. Nothing here runs work.

TRINITY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The wasm builds of third-party libraries live outside the repository, in a
# cache keyed by the recipe revision: bump it when the recipe in setup.sh
# changes and every machine rebuilds them.
TRINITY_WASM_RECIPE=r2
TRINITY_CACHE=${TRINITY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/trinity}
TRINITY_WASM_DEPS=${TRINITY_WASM_DEPS:-$TRINITY_CACHE/wasm-deps-$TRINITY_WASM_RECIPE}

# Debian's emscripten runs its JS optimizer with the machine's node, which
# finds Debian's node-acorn only here.
export NODE_PATH=/usr/share/nodejs
export TRINITY_ROOT TRINITY_CACHE TRINITY_WASM_DEPS

JOBS=${JOBS:-$(nproc)}

log() { printf '\033[1m[trinity]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[trinity] error:\033[0m %s\n' "$*" >&2; exit 1; }
