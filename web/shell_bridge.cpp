// Functions the page calls. Names are C so JS finds them as Module._name;
// every pointer argument belongs to the caller and is copied before return.
#include "shell_bridge.h"

#include <algorithm>
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

// The detected format of evidence `id` ("evtx", "text", ...), or "".
EMSCRIPTEN_KEEPALIVE const char* trinity_evidence_format(double id) {
    static std::string format;
    const auto* e = g_app ? g_app->evidence().find(static_cast<trinity::evidence::EvidenceId>(id)) : nullptr;
    format = e && !e->error ? std::string(trinity::artifact::to_string(e->sniff.format)) : std::string();
    return format.c_str();
}

// EVTX streaming: the page sends the file header, then each 64 KiB chunk as
// it reads it from the File, then the end. Returns 0 if not EVTX after all.
EMSCRIPTEN_KEEPALIVE int trinity_evtx_begin(double id, const std::uint8_t* header, int size, double file_size) {
    if (!g_app || !header || size < 0) return 0;
    return g_app->evtx_begin(static_cast<trinity::evidence::EvidenceId>(id),
                             std::span(reinterpret_cast<const std::byte*>(header), static_cast<std::size_t>(size)),
                             static_cast<std::uint64_t>(file_size))
               ? 1
               : 0;
}

EMSCRIPTEN_KEEPALIVE void trinity_evtx_chunk(double id, int index, const std::uint8_t* chunk, int size) {
    if (!g_app || !chunk || size < 0 || index < 0) return;
    const auto n = std::min<std::size_t>(static_cast<std::size_t>(size), trinity::evtx::kChunkSize);
    g_app->evtx_chunk(static_cast<trinity::evidence::EvidenceId>(id), static_cast<std::uint32_t>(index),
                      std::span(reinterpret_cast<const std::byte*>(chunk), n));
}

EMSCRIPTEN_KEEPALIVE void trinity_evtx_end(double id) {
    if (g_app) g_app->evtx_end(static_cast<trinity::evidence::EvidenceId>(id));
}

// 1 when the analyst cancelled (or cleared) the file: the page stops reading.
EMSCRIPTEN_KEEPALIVE int trinity_evtx_cancelled(double id) {
    return !g_app || g_app->evtx_cancelled(static_cast<trinity::evidence::EvidenceId>(id)) ? 1 : 0;
}

// The state of an EVTX job as JSON, for the test hook.
EMSCRIPTEN_KEEPALIVE const char* trinity_evtx_job_json(double id) {
    static std::string json;
    const auto* job = g_app ? g_app->evtx_job(static_cast<trinity::evidence::EvidenceId>(id)) : nullptr;
    if (!job) return "null";
    static constexpr const char* kStates[] = {"parsing", "done", "cancelled", "failed"};
    json = "{\"state\":\"" + std::string(kStates[static_cast<int>(job->state)]) + "\",\"chunks\":" +
           std::to_string(job->chunks) + ",\"done\":" + std::to_string(job->done) + ",\"records\":" +
           std::to_string(job->stats.records) + ",\"recovered\":" + std::to_string(job->stats.recovered) +
           ",\"warnings\":" + std::to_string(job->warnings.size()) + "}";
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE void trinity_evtx_cancel(double id) {
    if (g_app) g_app->cancel_evtx(static_cast<trinity::evidence::EvidenceId>(id));
}

EMSCRIPTEN_KEEPALIVE double trinity_event_count() { return g_app ? static_cast<double>(g_app->event_count()) : 0.0; }

// Frames drawn so far: the test hook waits for the first ones.
EMSCRIPTEN_KEEPALIVE double trinity_frame_count() {
    return g_app ? static_cast<double>(g_app->frames()) : 0.0;
}

// Bytes of wasm memory: tests check that big files never enter it.
EMSCRIPTEN_KEEPALIVE double trinity_heap_bytes() { return static_cast<double>(emscripten_get_heap_size()); }

}  // extern "C"
