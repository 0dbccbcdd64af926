// Functions the page calls for indicators and threat-intel feeds
// (shell/ioc_jobs.js). Conventions as in shell_bridge.cpp.
#include <string>

#include <emscripten/emscripten.h>

#include "app.h"
#include "engine/engine_result.h"
#include "shell_bridge.h"
#include "trinity/ioc/address_class.h"
#include "trinity/text/json_text.h"

namespace {

using trinity::evidence::EvidenceId;
using trinity::web::JobId;
using trinity::web::engine::bytes_of;

trinity::web::Workspace* ws() {
    auto* app = trinity::web::attached_app();
    return app ? &app->workspace() : nullptr;
}

}  // namespace

extern "C" {

// What the page does with evidence `id`: "scan" (indicators), "feed"
// (read whole as threat intel) or "".
EMSCRIPTEN_KEEPALIVE const char* trinity_evidence_role(double id) {
    if (!ws()) return "";
    switch (ws()->role(static_cast<EvidenceId>(id))) {
        case trinity::web::Workspace::EvidenceRole::scan: return "scan";
        case trinity::web::Workspace::EvidenceRole::feed: return "feed";
        case trinity::web::Workspace::EvidenceRole::none: break;
    }
    return "";
}

// The SHA-256 of evidence `id`, or "" until it has been hashed.
EMSCRIPTEN_KEEPALIVE const char* trinity_evidence_sha256(double id) {
    static std::string sha;
    const auto* e = ws() ? ws()->evidence().find(static_cast<EvidenceId>(id)) : nullptr;
    sha = e ? e->sha256 : std::string();
    return sha.c_str();
}

// Starts the indicator scan of evidence `id`; the job id, or 0.
EMSCRIPTEN_KEEPALIVE double trinity_iocs_begin(double id, double size) {
    return ws() ? ws()->iocs_begin(static_cast<EvidenceId>(id), static_cast<std::uint64_t>(size)) : 0;
}

EMSCRIPTEN_KEEPALIVE void trinity_job_progress(double job, double done) {
    if (ws() && done >= 0) ws()->job_progress(static_cast<JobId>(job), static_cast<std::uint64_t>(done));
}

// The worker's answer (bytes of web/engine/ioc_exports.cpp's text), or
// nothing when the scan never ran; ends the job.
EMSCRIPTEN_KEEPALIVE void trinity_iocs_end(double job, const std::uint8_t* text, int size) {
    if (!ws()) return;
    const auto bytes = bytes_of(text, size);
    ws()->iocs_end(static_cast<JobId>(job),
                   std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

// A whole feed file; 1 when it loaded.
EMSCRIPTEN_KEEPALIVE int trinity_feed_add(double id, const std::uint8_t* bytes, int size) {
    return ws() && ws()->add_feed(static_cast<EvidenceId>(id), bytes_of(bytes, size)) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void trinity_feed_refused(double id, const char* reason) {
    if (ws()) ws()->feed_refused(static_cast<EvidenceId>(id), reason ? reason : "refused");
}

EMSCRIPTEN_KEEPALIVE void trinity_request_feed(double id) {
    if (ws()) ws()->request_feed(static_cast<EvidenceId>(id));
}

// [SECTION] test hooks

// The latest indicator scan of evidence `id`:
// {"id", "state", "done", "total", "indicators", "warnings"} or null.
EMSCRIPTEN_KEEPALIVE const char* trinity_scan_job_json(double id) {
    static std::string json;
    const auto* job = ws() ? ws()->job_for(static_cast<EvidenceId>(id), trinity::web::Job::Kind::scan) : nullptr;
    if (!job) return "null";
    json = "{\"id\":" + std::to_string(job->id) + ",\"state\":" +
           trinity::text::json_string(trinity::web::to_string(job->state)) + ",\"done\":" + std::to_string(job->done) +
           ",\"total\":" + std::to_string(job->total) + ",\"indicators\":" + std::to_string(job->records) +
           ",\"warnings\":" + std::to_string(job->warnings) + "}";
    return json.c_str();
}

// Brings a tab to the front ("evidence", "events", "indicators").
EMSCRIPTEN_KEEPALIVE void trinity_focus_view(const char* id) {
    if (ws() && id) ws()->focus(id);
}

// The Indicators view's rows in display order:
// [{"type", "value", "count", "class", "verdict", "feeds": [...], "first"}].
EMSCRIPTEN_KEEPALIVE const char* trinity_indicators_json() {
    static std::string json;
    json = "[";
    auto* app = trinity::web::attached_app();
    if (app) {
        using trinity::text::json_string;
        auto& w = app->workspace();
        const auto& entries = w.indicators().entries();
        for (const std::uint32_t i : app->indicators_view().shown()) {
            const auto& e = entries[i];
            const auto& j = w.judgement(i);
            const auto c = trinity::ioc::classify(e.indicator);
            if (json.size() > 1) json += ',';
            json += "{\"type\":" + json_string(trinity::ioc::to_string(e.indicator.type)) +
                    ",\"value\":" + json_string(e.indicator.value) + ",\"count\":" + std::to_string(e.count) +
                    ",\"class\":" + (c ? json_string(trinity::ioc::to_string(*c)) : std::string("null")) +
                    ",\"verdict\":" + json_string(trinity::intel::to_string(j.verdict)) + ",\"feeds\":[";
            for (std::size_t k = 0; k < j.sightings.size(); ++k) {
                if (k) json += ',';
                json += json_string(j.sightings[k].feed);
            }
            json += "],\"first\":{\"evidence\":" + json_string(e.first.evidence) +
                    ",\"line\":" + std::to_string(e.first.line) + ",\"record\":" + std::to_string(e.first.record) +
                    ",\"field\":" + json_string(e.first.field) + "}}";
        }
    }
    json += "]";
    return json.c_str();
}

// {"feeds": [report summaries], "failures": [...], "values": n, "rule"}.
EMSCRIPTEN_KEEPALIVE const char* trinity_feeds_json() {
    static std::string json;
    using trinity::text::json_string;
    if (!ws()) return "null";
    json = "{\"feeds\":[";
    const auto& reports = ws()->feeds().reports();
    for (std::size_t i = 0; i < reports.size(); ++i) {
        if (i) json += ',';
        json += "{\"name\":" + json_string(reports[i].name) +
                ",\"format\":" + json_string(trinity::intel::to_string(reports[i].format)) +
                ",\"indicators\":" + std::to_string(reports[i].indicators) +
                ",\"rejected\":" + std::to_string(reports[i].rejected) +
                ",\"summary\":" + json_string(reports[i].summary()) + "}";
    }
    json += "],\"failures\":[";
    const auto& failures = ws()->feed_failures();
    for (std::size_t i = 0; i < failures.size(); ++i) json += (i ? "," : "") + json_string(failures[i]);
    json += "],\"values\":" + std::to_string(ws()->feeds().size()) +
            ",\"rule\":" + json_string(ws()->policy().describe()) + "}";
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE void trinity_set_indicator_filter(const char* text) {
    if (auto* app = trinity::web::attached_app()) app->indicators_view().set_filter(text ? text : "");
}

// Sets the verdict rule; "" when it took, else the error.
EMSCRIPTEN_KEEPALIVE const char* trinity_set_verdict_policy(const char* rule) {
    static std::string error;
    error.clear();
    if (ws()) {
        auto set = ws()->set_policy(rule ? rule : "");
        if (!set) error = set.error().describe();
    }
    return error.c_str();
}

// Offers an export as a download, as the view's buttons do.
EMSCRIPTEN_KEEPALIVE void trinity_export_indicators(const char* format) {
    auto* app = trinity::web::attached_app();
    if (!app || !format) return;
    const std::string text = app->indicators_view().export_text(format);
    trinity_shell_download("trinity-indicators", "text/plain", text.c_str());
}

}  // extern "C"
