// Hashing in the engine worker (shell/worker_hash.js): a file's digests
// computed over slices the worker reads one after another, through a handle:
// begin, update per slice, end. The worker holds one slice at a time; the
// hasher's state is a few hundred bytes, so a file never sits in memory.
#include <cstdint>
#include <map>
#include <string>

#include <emscripten/emscripten.h>

#include "engine_result.h"
#include "trinity/hash/multi_hasher.h"
#include "trinity/text/json_text.h"

namespace {

std::map<int, trinity::hash::MultiHasher> g_hashers;
int g_next_handle = 1;

std::string error_json(const std::string& message) { return "{\"error\":" + trinity::text::json_string(message) + "}"; }

}  // namespace

extern "C" {

// Starts hashing a file of `size` bytes with every algorithm; returns a
// handle (> 0), or 0 when the hasher cannot start.
EMSCRIPTEN_KEEPALIVE int trinity_engine_hash_begin(double size) {
    auto hasher = trinity::hash::MultiHasher::create(trinity::hash::AlgorithmSet::all(),
                                                     static_cast<std::uint64_t>(size));
    if (!hasher) return 0;
    const int handle = g_next_handle++;
    g_hashers.emplace(handle, std::move(*hasher));
    return handle;
}

// Hashes the next slice; returns "" (the result buffer) or an error as JSON.
EMSCRIPTEN_KEEPALIVE const char* trinity_engine_hash_update(int handle, const std::uint8_t* bytes, int size) {
    auto it = g_hashers.find(handle);
    if (it == g_hashers.end()) return trinity::web::engine::result(error_json("no hash in progress"));
    auto done = it->second.update(trinity::web::engine::bytes_of(bytes, size));
    return trinity::web::engine::result(done ? std::string() : error_json(done.error().describe()));
}

// Ends the hash: its digests as JSON (hash::to_json), or {"error"}.
EMSCRIPTEN_KEEPALIVE const char* trinity_engine_hash_end(int handle) {
    auto it = g_hashers.find(handle);
    if (it == g_hashers.end()) return trinity::web::engine::result(error_json("no hash in progress"));
    auto digests = it->second.finish();
    g_hashers.erase(it);
    return trinity::web::engine::result(digests ? trinity::hash::to_json(*digests)
                                                : error_json(digests.error().describe()));
}

// Drops a hash that will not be finished (cancelled, or the file failed).
EMSCRIPTEN_KEEPALIVE void trinity_engine_hash_abort(int handle) { g_hashers.erase(handle); }

}  // extern "C"
