#!/usr/bin/env bash
# trinity-proxy serves a folder with the right types and isolation headers,
# answers /healthz, refuses to start without an app, stops on SIGTERM.
set -euo pipefail
proxy=$1 site=$2
fails=0
err=$(mktemp)
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; fails=$((fails + 1)); fi; }

# No app folder: a clear error, exit 1.
if "$proxy" --root /no/such/app --port 0 2>"$err"; then echo "FAILED: started without an app"; exit 1; fi
check "missing app folder is named" "grep -q \"/no/such/app' does not exist\" '$err'"

out=$(mktemp)
"$proxy" --root "$site" --port 0 --quiet >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out" "$err"' EXIT
for _ in $(seq 100); do grep -q 'http://' "$out" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*/' "$out" | head -1)
check "prints the URL" "[ -n '$url' ]"

h=$(curl -sS -D - -o /dev/null "$url")
check "COOP header" "grep -qi '^cross-origin-opener-policy: same-origin' <<<\"\$h\""
check "COEP header" "grep -qi '^cross-origin-embedder-policy: require-corp' <<<\"\$h\""
check "nosniff header" "grep -qi '^x-content-type-options: nosniff' <<<\"\$h\""
check "index served at /" "grep -q '200' <<<\"\$h\""
w=$(curl -sS -D - -o /dev/null "${url}app.wasm")
check "wasm MIME type" "grep -qi '^content-type: application/wasm' <<<\"\$w\""
check "healthz" "curl -sS '${url}healthz' | grep -q '\"status\":\"ok\"'"
check "404 for missing files" "[ \"\$(curl -s -o /dev/null -w '%{http_code}' '${url}nope.js')\" = 404 ]"
check "no path traversal" "[ \"\$(curl -s --path-as-is -o /dev/null -w '%{http_code}' '${url}../../../../etc/passwd')\" != 200 ]"

kill -TERM $pid
code=0
wait $pid || code=$?
check "exits 0 on SIGTERM" "[ $code = 0 ]"
trap - EXIT
rm -f "$out" "$err"
echo "$((11 - fails)) passed, $fails failed"
[ $fails -eq 0 ]
