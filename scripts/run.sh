#!/usr/bin/env bash
# run.sh: set up this machine, build Trinity, and serve the app.
#
#   scripts/run.sh            serves at http://127.0.0.1:8080/
#   TRINITY_PORT=9000 TRINITY_BIND=0.0.0.0 scripts/run.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TRINITY_ROOT"

bash scripts/setup.sh

log "building native (CLI, proxy)"
cmake --preset native-release >/dev/null
cmake --build --preset native-release -j "$JOBS"
log "building the web app (wasm)"
cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release -j "$JOBS"

log "Trinity: open the URL below in a browser; Ctrl+C stops the server"
exec build/native-release/server-proxy/trinity-proxy \
    --root build/wasm-release/dist \
    --bind "${TRINITY_BIND:-127.0.0.1}" --port "${TRINITY_PORT:-8080}"
