#!/usr/bin/env bash
# test.sh: set up this machine, build every preset, and run every test:
# native GoogleTest suites, CLI and proxy tests, browser end-to-end tests in
# headless Chromium, the same GoogleTest suites compiled to wasm under Node,
# the whole native suite under ASan + UBSan, and the libFuzzer targets.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TRINITY_ROOT"

bash scripts/setup.sh

logs=build/test-logs
mkdir -p "$logs"
passed=0 failed=0

# build PRESET: configure and build with warnings as errors.
build() {
    log "building $1"
    cmake --preset "$1" -DTRINITY_WERROR=ON >"$logs/configure-$1.log" 2>&1 \
        || { cat "$logs/configure-$1.log"; die "configuring $1 failed"; }
    cmake --build --preset "$1" -j "$JOBS"
}

# run_tests PRESET: ctest, counting its results for the summary.
run_tests() {
    log "testing $1"
    local status=0
    ctest --preset "$1" -j "$JOBS" 2>&1 | tee "$logs/ctest-$1.log" || status=$?
    local line
    line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$logs/ctest-$1.log" | tail -1 || true)
    if [ -n "$line" ]; then
        local total bad
        total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
        bad=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
        passed=$((passed + total - bad))
        failed=$((failed + bad))
    elif [ "$status" -ne 0 ]; then
        failed=$((failed + 1))
    fi
    [ "$status" -eq 0 ] || log "$1: some tests failed (log: $logs/ctest-$1.log)"
}

build native-release
build wasm-release          # the e2e tests in native-release serve this build
run_tests native-release
run_tests wasm-release
build native-asan
run_tests native-asan
build native-fuzz
run_tests native-fuzz

echo
echo "trinity: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
