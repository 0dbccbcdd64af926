#!/usr/bin/env bash
# bench.sh: Trinity's benchmarks, each against a peer measured in the same run.
#
#   scripts/bench.sh            every benchmark
#   scripts/bench.sh evtx       EVTX parsing: Trinity native and wasm vs evtxexport
#   scripts/bench.sh iocs       indicator extraction: native and wasm vs one RE2 per type and grep -oE
#   scripts/bench.sh intel      threat-intel feed loads and judge() vs a naive scan
#   scripts/bench.sh sigma      Sigma matching: events/s with 100, 1,000 and all Windows rules,
#                               native and wasm, vs the same engine without its prefilter
#   scripts/bench.sh hash       hashing: multi-hash and each digest, native and wasm, vs
#                               openssl dgst, sha256sum, md5sum, ssdeep on the same 256 MiB
#
# Prints a table of MB/s, records/s and ratios (machines are noisy; ratios
# measured in one run are what to compare).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TRINITY_ROOT"
what=${1:-all}

bash scripts/setup.sh
for preset in native-release wasm-release; do
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j "$JOBS" --target trinity_bench_evtx trinity_bench_ioc trinity_bench_intel trinity_bench_hash trinity_bench_sigma >/dev/null
done

corpus=${TRINITY_CORPUS_DIR:-$TRINITY_ROOT/../shared/corpus}

# table TITLE BASELINE_ENGINE [records] < json lines (ratios of MB/s, or of records/s)
table() {
    node -e '
      const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").filter(Boolean).map(JSON.parse);
      const [title, baseName, by] = process.argv.slice(1);
      const base = lines.find((l) => l.engine.startsWith(baseName));
      console.log(`\n${title}`);
      console.log("| engine | MB/s | records/s | × " + baseName + " |");
      console.log("|---|---:|---:|---:|");
      for (const l of lines) {
        const ratio = !base ? "-" : (by === "records" ? l.records_per_s / base.records_per_s : l.mb_per_s / base.mb_per_s).toFixed(1) + "×";
        const rps = l.records_per_s ? Math.round(l.records_per_s).toLocaleString("en-US") : "-";
        console.log(`| ${l.engine} | ${l.mb_per_s.toFixed(1)} | ${rps} | ${ratio} |`);
      }' "$1" "$2" "${3:-mb}"
}

if [ "$what" = all ] || [ "$what" = evtx ]; then
    mapfile -t files < <(find "$corpus/evtx" -name '*.evtx' 2>/dev/null | sort)
    if [ "${#files[@]}" -eq 0 ]; then
        log "evtx: no EVTX files under $corpus/evtx; skipped"
    else
        bytes=$(cat "${files[@]}" | wc -c)
        log "evtx: ${#files[@]} files, $bytes bytes, best of 5 runs"
        {
            build/native-release/bench/trinity_bench_evtx --repeat 5 --reference /usr/bin/evtxexport "${files[@]}"
            node --no-experimental-fetch build/wasm-release/bench/trinity_bench_evtx.js --repeat 5 "${files[@]}"
        } | table "EVTX parsing (${#files[@]} corpus files, $((bytes / 1000000)) MB)" "evtxexport"
    fi
fi

if [ "$what" = all ] || [ "$what" = iocs ]; then
    sample=build/native-release/bench/ioc-sample.txt
    build/native-release/bench/trinity_bench_ioc --generate "$sample" --mb "${IOC_BENCH_MB:-64}"
    log "iocs: generated log text, $(wc -c < "$sample") bytes, best of 3 runs"
    {
        build/native-release/bench/trinity_bench_ioc --repeat 3 --grep "$sample"
        node --no-experimental-fetch build/wasm-release/bench/trinity_bench_ioc.js --repeat 3 "$sample"
    } | table "Indicator extraction (generated logs with command lines, URLs, addresses, hashes)" "naive RE2 per type, all types"
fi

if [ "$what" = all ] || [ "$what" = intel ]; then
    log "intel: generated 200k-indicator CSV and STIX feeds, best of 3 runs"
    out=$(build/native-release/bench/trinity_bench_intel --repeat 3
          node --no-experimental-fetch build/wasm-release/bench/trinity_bench_intel.js --repeat 3)
    grep -v lookups <<<"$out" | table "Threat-intel feed loading (200k indicators; records = indicators)" "nlohmann::json::parse native" records
    grep lookups <<<"$out" | table "FeedSet::judge() (records = lookups)" "naive linear scan native" records
fi

if [ "$what" = all ] || [ "$what" = hash ]; then
    mib=${TRINITY_BENCH_HASH_MIB:-256}
    data=$(mktemp -d)/hash_bench.bin
    build/native-release/bench/trinity_bench_hash --mib "$mib" --write "$data"
    cat "$data" >/dev/null  # in the page cache, as Trinity's buffer is in memory
    log "hash: $mib MiB, best of 3 runs"
    # peer NAME COMMAND...: best wall time of 3 runs over $data, as a JSON line.
    peer() {
        local name=$1 best=0 t0 t1 ns
        shift
        for _ in 1 2 3; do
            t0=$(date +%s%N); "$@" "$data" >/dev/null; t1=$(date +%s%N)
            ns=$((t1 - t0)); { [ "$best" -eq 0 ] || [ "$ns" -lt "$best" ]; } && best=$ns
        done
        node -e 'const [n, ns, b] = process.argv.slice(1); const s = ns / 1e9;
          console.log(JSON.stringify({engine: n, seconds: s, bytes: +b, mb_per_s: b / 1e6 / s}))' \
          "$name" "$best" "$((mib * 1048576))"
    }
    {
        peer "openssl dgst -sha256" openssl dgst -sha256
        peer "openssl dgst -md5" openssl dgst -md5
        peer "openssl dgst -sha1" openssl dgst -sha1
        peer "openssl dgst -sha512" openssl dgst -sha512
        peer "sha256sum" sha256sum
        peer "md5sum" md5sum
        if command -v ssdeep >/dev/null; then peer "ssdeep" ssdeep; fi
        build/native-release/bench/trinity_bench_hash --mib "$mib" --label native
        node --no-experimental-fetch build/wasm-release/bench/trinity_bench_hash.js --mib "$mib" --label wasm
    } | table "Hashing ($mib MiB in memory; peers read the same bytes from a cached file)" "openssl dgst -sha256"
    rm -rf "$(dirname "$data")"
fi

if [ "$what" = all ] || [ "$what" = sigma ]; then
    sigma=$corpus/sigma
    if [ ! -d "$sigma/rules" ]; then
        log "sigma: no rules under $sigma; skipped"
    else
        # Every `windows` folder of the rule trees (emerging threats keep theirs per year and family).
        mapfile -t rules < <(find "$sigma"/rules* -type d -name windows -prune | sort)
        mapfile -t events < <(find "$corpus/evtx" "$sigma/regression_data" -name '*.evtx' | sort)
        log "sigma: the Windows rules of ${#rules[@]} folders; events of ${#events[@]} corpus EVTX files, replayed to 200k; best of 3"
        {
            build/native-release/bench/trinity_bench_sigma --rules "${rules[@]}" --events "${events[@]}" --repeat 3
            node --no-experimental-fetch build/wasm-release/bench/trinity_bench_sigma.js --rules "${rules[@]}" --events "${events[@]}" --repeat 3
        } | node -e '
          const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").filter(Boolean).map(JSON.parse);
          console.log("\nSigma matching, one thread (native: CPU time; wasm: wall time)");
          console.log("| engine | rules | events/s | rules evaluated per event | × no-prefilter | cost × 100 rules |");
          console.log("|---|---:|---:|---:|---:|---:|");
          for (const l of lines) {
            const platform = l.engine.split(" ")[1];
            const peer = lines.find((p) => p.engine === "no-prefilter " + platform && p.rules === l.rules);
            const base = lines.find((p) => p.engine === l.engine && p.rules === 100);
            const vsPeer = peer && l !== peer ? (l.events_per_s / peer.events_per_s).toFixed(1) + "×" : "-";
            const cost = base ? (base.events_per_s / l.events_per_s).toFixed(2) + "×" : "-";
            console.log(`| ${l.engine} | ${l.loaded} | ${Math.round(l.events_per_s).toLocaleString("en-US")} | ${l.evaluated_per_event.toFixed(1)} | ${vsPeer} | ${cost} |`);
          }'
    fi
fi
