// Functions the page calls. Names are C so JS finds them as Module._name;
// every pointer argument belongs to the caller and is copied before return.
#include "shell_bridge.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include <emscripten/emscripten.h>
#include <emscripten/heap.h>

#include "app.h"
#include "trinity/artifact/sniff.h"

namespace trinity::web {
namespace {
App* g_app = nullptr;
}

void attach_app(App* app) { g_app = app; }

}  // namespace trinity::web

using trinity::web::g_app;

extern "C" {

// A dropped or picked file: `head` holds its first `head_size` bytes (the
// page reads no more than the sniffing head; the File itself stays in JS).
// Returns the evidence id, or 0 if the app is not running.
EMSCRIPTEN_KEEPALIVE double trinity_add_file(const char* name, double size, const std::uint8_t* head,
                                             int head_size) {
    if (!g_app || !name || head_size < 0) return 0;
    const auto bytes = std::span(reinterpret_cast<const std::byte*>(head), static_cast<std::size_t>(head_size))
                           .first(std::min<std::size_t>(static_cast<std::size_t>(head_size),
                                                        trinity::artifact::kSniffHeadBytes));
    return static_cast<double>(g_app->add_file(name, static_cast<std::uint64_t>(size), bytes));
}

// A file the page could not read, with the browser's reason.
EMSCRIPTEN_KEEPALIVE double trinity_add_unreadable(const char* name, double size, const char* reason) {
    if (!g_app || !name) return 0;
    return static_cast<double>(g_app->add_unreadable(name, static_cast<std::uint64_t>(size),
                                                     reason ? reason : "unreadable"));
}

// The evidence list as JSON, for the page's test hook. The string stays
// valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* trinity_evidence_json() {
    static std::string json;
    json = g_app ? trinity::evidence::to_json(g_app->evidence()) : "[]";
    return json.c_str();
}

// Frames drawn so far: the test hook waits for the first ones.
EMSCRIPTEN_KEEPALIVE double trinity_frame_count() {
    return g_app ? static_cast<double>(g_app->frames()) : 0.0;
}

// Bytes of wasm memory: tests check that big files never enter it.
EMSCRIPTEN_KEEPALIVE double trinity_heap_bytes() { return static_cast<double>(emscripten_get_heap_size()); }

}  // extern "C"
