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
#include "trinity/text/json_text.h"

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

// One chunk's batch of rows from an engine worker (event::encode_batch),
// delivered in chunk order. The bytes are copied before return.
EMSCRIPTEN_KEEPALIVE void trinity_evtx_batch(double id, const std::uint8_t* bytes, int size) {
    if (!g_app || !bytes || size < 0) return;
    g_app->evtx_batch(static_cast<trinity::evidence::EvidenceId>(id),
                      std::span(reinterpret_cast<const std::byte*>(bytes), static_cast<std::size_t>(size)));
}

// The code page workers decode ANSI strings of new EVTX files with.
EMSCRIPTEN_KEEPALIVE int trinity_ansi_codepage() { return g_app ? static_cast<int>(g_app->ansi_codepage()) : 1252; }

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
           ",\"warnings\":" + std::to_string(job->warnings) + "}";
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE void trinity_evtx_cancel(double id) {
    if (g_app) g_app->cancel_evtx(static_cast<trinity::evidence::EvidenceId>(id));
}

// The full event a worker read again for the selected row (JSON, or "null").
EMSCRIPTEN_KEEPALIVE void trinity_event_detail(double evidence, double offset, const char* json) {
    if (g_app && json) {
        g_app->event_detail(static_cast<trinity::evidence::EvidenceId>(evidence), static_cast<std::uint64_t>(offset),
                            json);
    }
}

// [SECTION] test hook: the Events view as tests see it

// Rows [start, start + count) of the Events view, as JSON.
EMSCRIPTEN_KEEPALIVE const char* trinity_events_view_json(double start, double count) {
    static std::string json;
    json = "[";
    if (g_app) {
        const auto& t = g_app->events();
        const auto& view = g_app->events_view();
        const auto first = static_cast<std::size_t>(start < 0 ? 0 : start);
        const auto n = static_cast<std::size_t>(count < 0 ? 0 : count);
        for (std::size_t i = first; i < view.size() && i < first + n; ++i) {
            const auto& r = t.row(view[i]);
            if (json.size() > 1) json += ',';
            json += "{\"evidence\":" + std::to_string(r.evidence) + ",\"record\":" + std::to_string(r.record) +
                    ",\"offset\":" + std::to_string(r.offset) + ",\"recovered\":" + (r.recovered ? "true" : "false") +
                    ",\"time\":" + trinity::text::json_string(t.time_text(r)) +
                    ",\"event_id\":" + trinity::text::json_string(t.text(r, trinity::event::EventTable::kEventId)) +
                    ",\"provider\":" + trinity::text::json_string(t.text(r, trinity::event::EventTable::kProvider)) +
                    ",\"computer\":" + trinity::text::json_string(t.text(r, trinity::event::EventTable::kComputer)) +
                    ",\"details\":" + trinity::text::json_string(t.text(r, trinity::event::EventTable::kDetails)) + "}";
        }
    }
    json += "]";
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE double trinity_events_view_size() {
    return g_app ? static_cast<double>(g_app->events_view().size()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE void trinity_select_event(double view_index) {
    if (g_app && view_index >= 0) g_app->select_event(static_cast<std::size_t>(view_index));
}

// The selected event's detail: {"state", "fields": [[name, value]...], "xml"}.
EMSCRIPTEN_KEEPALIVE const char* trinity_event_detail_json() {
    static std::string json;
    if (!g_app) return "null";
    const auto& d = g_app->detail();
    static constexpr const char* kStates[] = {"none", "loading", "ready", "missing"};
    json = "{\"state\":\"" + std::string(kStates[static_cast<int>(d.state)]) + "\",\"fields\":[";
    for (std::size_t i = 0; i < d.fields.size(); ++i) {
        if (i) json += ',';
        json += "[" + trinity::text::json_string(d.fields[i].first) + "," + trinity::text::json_string(d.fields[i].second) + "]";
    }
    json += "],\"xml\":" + trinity::text::json_string(d.xml) + "}";
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE void trinity_set_event_filter(const char* text) {
    if (g_app) g_app->set_event_filter(text ? text : "");
}

EMSCRIPTEN_KEEPALIVE void trinity_set_ansi_codepage(int codepage) {
    if (g_app && codepage > 0) g_app->set_ansi_codepage(static_cast<unsigned>(codepage));
}

EMSCRIPTEN_KEEPALIVE double trinity_event_count() { return g_app ? static_cast<double>(g_app->event_count()) : 0.0; }

// Frames drawn so far: the test hook waits for the first ones.
EMSCRIPTEN_KEEPALIVE double trinity_frame_count() {
    return g_app ? static_cast<double>(g_app->frames()) : 0.0;
}

// Bytes of wasm memory: tests check that big files never enter it.
EMSCRIPTEN_KEEPALIVE double trinity_heap_bytes() { return static_cast<double>(emscripten_get_heap_size()); }

}  // extern "C"
