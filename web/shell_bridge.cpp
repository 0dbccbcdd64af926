// Functions the page calls. Names are C so JS finds them as Module._name;
// every pointer argument belongs to the caller and is copied before return.
// Strings returned stay valid until the next call of the same function.
#include "shell_bridge.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include <emscripten/emscripten.h>
#include <emscripten/heap.h>

#include "app.h"
#include "trinity/artifact/sniff.h"
#include "trinity/hash/digests.h"
#include "trinity/text/json_text.h"

namespace trinity::web {
namespace {
App* g_app = nullptr;
}

void attach_app(App* app) { g_app = app; }
App* attached_app() { return g_app; }

}  // namespace trinity::web

using trinity::web::g_app;

namespace {

std::span<const std::byte> bytes_of(const std::uint8_t* p, int size) {
    if (!p || size <= 0) return {};
    return {reinterpret_cast<const std::byte*>(p), static_cast<std::size_t>(size)};
}

trinity::web::Workspace* ws() { return g_app ? &g_app->workspace() : nullptr; }

std::string job_json(const trinity::web::Job* job) {
    if (!job) return "null";
    using trinity::text::json_string;
    return "{\"id\":" + std::to_string(job->id) + ",\"state\":" + json_string(trinity::web::to_string(job->state)) +
           ",\"chunks\":" + std::to_string(job->total) + ",\"total\":" + std::to_string(job->total) +
           ",\"done\":" + std::to_string(job->done) + ",\"records\":" + std::to_string(job->records) +
           ",\"recovered\":" + std::to_string(job->recovered) + ",\"rejected\":" + std::to_string(job->rejected) +
           ",\"warnings\":" + std::to_string(job->warnings) + "}";
}

}  // namespace

extern "C" {

// [SECTION] Evidence

// A dropped or picked file: `head` holds its first `head_size` bytes (the
// page reads no more than the sniffing head; the File itself stays in JS).
// Returns the evidence id, or 0 if the app is not running.
EMSCRIPTEN_KEEPALIVE double trinity_add_file(const char* name, double size, const std::uint8_t* head,
                                             int head_size) {
    if (!ws() || !name) return 0;
    const auto bytes = bytes_of(head, head_size);
    return static_cast<double>(ws()->add_file(name, static_cast<std::uint64_t>(size),
                                              bytes.first(std::min(bytes.size(), trinity::artifact::kSniffHeadBytes))));
}

// A file the page could not read, with the browser's reason.
EMSCRIPTEN_KEEPALIVE double trinity_add_unreadable(const char* name, double size, const char* reason) {
    if (!ws() || !name) return 0;
    return static_cast<double>(ws()->add_unreadable(name, static_cast<std::uint64_t>(size), reason ? reason : "unreadable"));
}

// The evidence list as JSON, for the page's test hook.
EMSCRIPTEN_KEEPALIVE const char* trinity_evidence_json() {
    static std::string json;
    json = ws() ? trinity::evidence::to_json(ws()->evidence()) : "[]";
    return json.c_str();
}

// The detected format of evidence `id` ("evtx", "text", ...), or "".
EMSCRIPTEN_KEEPALIVE const char* trinity_evidence_format(double id) {
    static std::string format;
    const auto* e = ws() ? ws()->evidence().find(static_cast<trinity::evidence::EvidenceId>(id)) : nullptr;
    format = e && !e->error ? std::string(trinity::artifact::to_string(e->sniff.format)) : std::string();
    return format.c_str();
}

// [SECTION] Jobs: work the page runs in engine workers

// EVTX: the page sends the file header; returns the job id, or 0 when the
// file is not EVTX after all. Batches then come in chunk order.
EMSCRIPTEN_KEEPALIVE double trinity_evtx_begin(double id, const std::uint8_t* header, int size, double file_size) {
    if (!ws()) return 0;
    return ws()->evtx_begin(static_cast<trinity::evidence::EvidenceId>(id), bytes_of(header, size),
                            static_cast<std::uint64_t>(file_size));
}

// One batch of timeline rows from a worker (event::encode_batch).
EMSCRIPTEN_KEEPALIVE void trinity_event_batch(double job, const std::uint8_t* bytes, int size) {
    if (ws()) ws()->add_event_batch(static_cast<trinity::web::JobId>(job), bytes_of(bytes, size));
}

EMSCRIPTEN_KEEPALIVE void trinity_job_end(double job) {
    if (ws()) ws()->end_job(static_cast<trinity::web::JobId>(job));
}

// 1 when the analyst cancelled (or removed) the job's file: the page stops.
EMSCRIPTEN_KEEPALIVE int trinity_job_cancelled(double job) {
    return !ws() || ws()->job_cancelled(static_cast<trinity::web::JobId>(job)) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void trinity_job_cancel(double job) {
    if (ws()) ws()->cancel_job(static_cast<trinity::web::JobId>(job));
}

// The latest EVTX job of evidence `id`, as JSON (test hook).
EMSCRIPTEN_KEEPALIVE const char* trinity_evtx_job_json(double id) {
    static std::string json;
    json = job_json(ws() ? ws()->job_for(static_cast<trinity::evidence::EvidenceId>(id), trinity::web::Job::Kind::evtx)
                         : nullptr);
    return json.c_str();
}

// The code page workers decode ANSI strings of new EVTX files with.
EMSCRIPTEN_KEEPALIVE int trinity_ansi_codepage() { return ws() ? static_cast<int>(ws()->ansi_codepage()) : 1252; }

EMSCRIPTEN_KEEPALIVE void trinity_set_ansi_codepage(int codepage) {
    if (ws() && codepage > 0) ws()->set_ansi_codepage(static_cast<unsigned>(codepage));
}

// [SECTION] Events

// The full event a worker read again for the selected row (JSON, or "null").
EMSCRIPTEN_KEEPALIVE void trinity_event_detail(double evidence, double offset, const char* json) {
    if (ws() && json) {
        ws()->event_detail(static_cast<trinity::evidence::EvidenceId>(evidence), static_cast<std::uint64_t>(offset), json);
    }
}

EMSCRIPTEN_KEEPALIVE double trinity_event_count() { return ws() ? static_cast<double>(ws()->events().size()) : 0.0; }

// Rows [start, start + count) of the Events view, as JSON (test hook).
EMSCRIPTEN_KEEPALIVE const char* trinity_events_view_json(double start, double count) {
    static std::string json;
    json = "[";
    if (g_app) {
        using trinity::event::EventTable;
        using trinity::text::json_string;
        const auto& t = g_app->workspace().events();
        const auto& view = g_app->events_view().rows();
        const auto first = static_cast<std::size_t>(start < 0 ? 0 : start);
        const auto n = static_cast<std::size_t>(count < 0 ? 0 : count);
        for (std::size_t i = first; i < view.size() && i < first + n; ++i) {
            const auto& r = t.row(view[i]);
            if (json.size() > 1) json += ',';
            json += "{\"evidence\":" + std::to_string(r.evidence) + ",\"record\":" + std::to_string(r.record) +
                    ",\"offset\":" + std::to_string(r.offset) + ",\"recovered\":" + (r.recovered ? "true" : "false") +
                    ",\"time\":" + json_string(t.time_text(r)) +
                    ",\"event_id\":" + json_string(t.text(r, EventTable::kEventId)) +
                    ",\"provider\":" + json_string(t.text(r, EventTable::kProvider)) +
                    ",\"computer\":" + json_string(t.text(r, EventTable::kComputer)) +
                    ",\"details\":" + json_string(t.text(r, EventTable::kDetails)) + "}";
        }
    }
    json += "]";
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE double trinity_events_view_size() {
    return g_app ? static_cast<double>(g_app->events_view().rows().size()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE void trinity_select_event(double view_index) {
    if (g_app && view_index >= 0) g_app->events_view().select(static_cast<std::size_t>(view_index));
}

// The selected event's detail: {"state", "fields": [[name, value]...], "xml"}.
EMSCRIPTEN_KEEPALIVE const char* trinity_event_detail_json() {
    static std::string json;
    if (!ws()) return "null";
    using trinity::text::json_string;
    const auto& d = ws()->detail();
    static constexpr const char* kStates[] = {"none", "loading", "ready", "missing"};
    json = "{\"state\":\"" + std::string(kStates[static_cast<int>(d.state)]) + "\",\"fields\":[";
    for (std::size_t i = 0; i < d.fields.size(); ++i) {
        if (i) json += ',';
        json += "[" + json_string(d.fields[i].first) + "," + json_string(d.fields[i].second) + "]";
    }
    json += "],\"xml\":" + json_string(d.xml) + "}";
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE void trinity_set_event_filter(const char* text) {
    if (g_app) g_app->events_view().set_filter(text ? text : "");
}

// [SECTION] Hashes: every added file, hashed once in the page's hashing worker

// Starts the hash job of evidence `id`; returns its id (0: no such evidence).
EMSCRIPTEN_KEEPALIVE double trinity_hash_begin(double id) {
    return ws() ? ws()->hash_begin(static_cast<trinity::evidence::EvidenceId>(id)) : 0;
}

EMSCRIPTEN_KEEPALIVE void trinity_hash_progress(double job, double done) {
    if (ws()) ws()->hash_progress(static_cast<trinity::web::JobId>(job), static_cast<std::uint64_t>(done));
}

// 1 while the app parses something: the hashing worker pauses meanwhile.
EMSCRIPTEN_KEEPALIVE int trinity_parsing() { return ws() && ws()->parsing() ? 1 : 0; }

// The worker's result: hash::to_json, or {"error": "..."}.
EMSCRIPTEN_KEEPALIVE void trinity_hash_done(double job, const char* json) {
    if (ws() && json) ws()->hash_done(static_cast<trinity::web::JobId>(job), json);
}

// Evidence `id`'s hashing as JSON (test hook): {"state", "done", "total",
// "digests": {...} or null, "error"}; "state" is "none" before hashing starts.
EMSCRIPTEN_KEEPALIVE const char* trinity_hash_json(double id) {
    static std::string json;
    const auto evidence = static_cast<trinity::evidence::EvidenceId>(id);
    const trinity::web::Job* job = ws() ? ws()->job_for(evidence, trinity::web::Job::Kind::hash) : nullptr;
    const trinity::hash::Digests* d = ws() ? ws()->digests(evidence) : nullptr;
    json = "{\"state\":" + trinity::text::json_string(job ? trinity::web::to_string(job->state) : "none") +
           ",\"done\":" + std::to_string(job ? job->done : 0) + ",\"total\":" + std::to_string(job ? job->total : 0) +
           ",\"digests\":" + (d ? trinity::hash::to_json(*d) : std::string("null")) + ",\"error\":" +
           (job && !job->warning_lines.empty() ? trinity::text::json_string(job->warning_lines.front()) : "null") + "}";
    return json.c_str();
}

// Selects evidence `id` in the Evidence view, showing its digests (test hook).
EMSCRIPTEN_KEEPALIVE void trinity_select_evidence(double id) {
    if (ws()) ws()->select_evidence(static_cast<trinity::evidence::EvidenceId>(id));
}

// [SECTION] The app

// Frames drawn so far: the test hook waits for the first ones.
EMSCRIPTEN_KEEPALIVE double trinity_frame_count() { return g_app ? static_cast<double>(g_app->frames()) : 0.0; }

// Bytes of wasm memory: tests check that big files never enter it.
EMSCRIPTEN_KEEPALIVE double trinity_heap_bytes() { return static_cast<double>(emscripten_get_heap_size()); }

}  // extern "C"
