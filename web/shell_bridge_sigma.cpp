// Functions the page calls for Sigma rules and scans (shell/sigma_jobs.js).
// Conventions as in shell_bridge.cpp.
#include <string>

#include <emscripten/emscripten.h>

#include "app.h"
#include "engine/engine_result.h"
#include "shell_bridge.h"
#include "trinity/event/event.h"
#include "trinity/text/json_text.h"

namespace {

using trinity::evidence::EvidenceId;
using trinity::text::json_string;
using trinity::web::JobId;
using trinity::web::engine::bytes_of;

trinity::web::Workspace* ws() {
    auto* app = trinity::web::attached_app();
    return app ? &app->workspace() : nullptr;
}

std::string_view text_of(const std::uint8_t* p, int size) {
    const auto bytes = bytes_of(p, size);
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::string position(const trinity::sigma::SourcePos& pos) {
    return json_string(pos.file) + ",\"line\":" + std::to_string(pos.line) + ",\"column\":" + std::to_string(pos.column);
}

}  // namespace

extern "C" {

// 1 when a dropped file named `name` with first bytes `head` is a Sigma
// rule file (the page then adds it as rules, not evidence).
EMSCRIPTEN_KEEPALIVE int trinity_sigma_is_rule_file(const char* name, const std::uint8_t* head, int size) {
    return trinity::web::Workspace::is_rule_file(name ? name : "", bytes_of(head, size)) ? 1 : 0;
}

// A rule file's whole text (UTF-8 bytes).
EMSCRIPTEN_KEEPALIVE void trinity_sigma_add_rules(const char* name, const std::uint8_t* text, int size) {
    if (ws()) ws()->add_rule_file(name ? name : "rules.yml", std::string(text_of(text, size)));
}

// Between 1 and 0, added rule files are compiled once, at the 0.
EMSCRIPTEN_KEEPALIVE void trinity_sigma_hold_rules(int hold) {
    if (ws()) ws()->hold_rules(hold != 0);
}

// Bumped whenever the rules change; the page rescans on a change.
EMSCRIPTEN_KEEPALIVE double trinity_sigma_rules_version() {
    return ws() ? static_cast<double>(ws()->rules_version()) : 0;
}

EMSCRIPTEN_KEEPALIVE int trinity_sigma_has_rules() { return ws() && ws()->rules() ? 1 : 0; }

// [{"name", "text"}] for the workers.
EMSCRIPTEN_KEEPALIVE const char* trinity_sigma_rules_json() {
    static std::string json;
    json = ws() ? ws()->rules_json() : "[]";
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE int trinity_sigma_scannable(double id) {
    return ws() && ws()->sigma_scannable(static_cast<EvidenceId>(id)) ? 1 : 0;
}

// Starts the Sigma scan of evidence `id` under rules `version`; the job id, or 0.
EMSCRIPTEN_KEEPALIVE double trinity_sigma_begin(double id, double size, double version) {
    return ws() ? ws()->sigma_begin(static_cast<EvidenceId>(id), static_cast<std::uint64_t>(size),
                                    static_cast<std::uint64_t>(version))
                : 0;
}

// The worker's answer (web/engine/sigma_exports.cpp), or nothing; ends the job.
EMSCRIPTEN_KEEPALIVE void trinity_sigma_end(double job, const std::uint8_t* text, int size) {
    if (ws()) ws()->sigma_end(static_cast<JobId>(job), text_of(text, size));
}

// [SECTION] test hooks

// {"files", "documents", "loaded", "failed", "warnings", "rules": [{"title",
// "id", "level", "status", "kind", "logsource", "file", "line"}] in the Rules
// view's order, "failures": [{"file", "line", "column", "title", "reason"}]}.
EMSCRIPTEN_KEEPALIVE const char* trinity_sigma_rules_report_json() {
    static std::string json;
    auto* app = trinity::web::attached_app();
    const auto* rules = app ? app->workspace().rules() : nullptr;
    if (!rules) return "null";
    const auto& report = rules->report();
    json = "{\"files\":" + std::to_string(app->workspace().rule_files().size()) +
           ",\"documents\":" + std::to_string(report.documents) + ",\"loaded\":" + std::to_string(report.loaded) +
           ",\"failed\":" + std::to_string(report.failures.size()) + ",\"warnings\":" + std::to_string(report.warnings.size()) +
           ",\"rules\":[";
    bool first = true;
    for (const std::uint32_t r : app->rules_view().shown()) {
        const auto& i = rules->info(r);
        json += std::string(first ? "" : ",") + "{\"title\":" + json_string(i.title) + ",\"id\":" + json_string(i.id) +
                ",\"level\":" + json_string(trinity::sigma::to_string(i.level)) + ",\"status\":" + json_string(i.status) +
                ",\"kind\":" + json_string(trinity::sigma::to_string(i.kind)) +
                ",\"logsource\":" + json_string(i.logsource.describe()) + ",\"file\":" + position(i.pos) + "}";
        first = false;
    }
    json += "],\"failures\":[";
    for (std::size_t k = 0; k < report.failures.size(); ++k) {
        const auto& f = report.failures[k];
        json += std::string(k ? "," : "") + "{\"file\":" + position(f.pos) + ",\"title\":" + json_string(f.title) +
                ",\"reason\":" + json_string(f.reason) + "}";
    }
    json += "]}";
    return json.c_str();
}

// The Detections view's rows in display order: [{"time", "level", "rule",
// "rule_id", "tactics", "computer", "event_id", "record", "evidence",
// "matched": {field: value}}].
EMSCRIPTEN_KEEPALIVE const char* trinity_detections_json() {
    static std::string json;
    auto* app = trinity::web::attached_app();
    json = "[";
    if (app && app->workspace().rules()) {
        const auto& w = app->workspace();
        for (const auto* row : app->detections_view().shown()) {
            const auto& hit = w.sigma_hits()[row->hit];
            const auto& det = w.detections()[row->hit];
            const auto& info = w.rules()->info(hit.rule);
            const auto* e = w.evidence().find(det.evidence);
            if (json.size() > 1) json += ',';
            json += "{\"time\":" + json_string(hit.time_us ? trinity::event::format_time(*hit.time_us) : "") +
                    ",\"level\":" + json_string(trinity::sigma::to_string(info.level)) + ",\"rule\":" + json_string(info.title) +
                    ",\"rule_id\":" + json_string(info.id) + ",\"tactics\":" + json_string(row->tactics) +
                    ",\"computer\":" + json_string(det.computer) + ",\"event_id\":" + json_string(det.event_id) +
                    ",\"record\":" + std::to_string(hit.provenance.record) +
                    ",\"evidence\":" + json_string(e ? e->name : "") + ",\"matched\":{";
            for (std::size_t k = 0; k < hit.matched.size(); ++k) {
                json += std::string(k ? "," : "") + json_string(hit.matched[k].field) + ":" + json_string(hit.matched[k].value);
            }
            json += "}}";
        }
    }
    json += "]";
    return json.c_str();
}

// [{"rule", "level", "value", "hits", "group": {field: value}}].
EMSCRIPTEN_KEEPALIVE const char* trinity_correlations_json() {
    static std::string json;
    json = "[";
    if (ws() && ws()->rules()) {
        for (const auto& c : ws()->correlations()) {
            const auto& info = ws()->rules()->info(c.rule);
            if (json.size() > 1) json += ',';
            json += "{\"rule\":" + json_string(info.title) + ",\"level\":" + json_string(trinity::sigma::to_string(info.level)) +
                    ",\"value\":" + std::to_string(c.value) + ",\"hits\":" + std::to_string(c.hits.size()) + ",\"group\":{";
            for (std::size_t k = 0; k < c.group.size(); ++k)
                json += std::string(k ? "," : "") + json_string(c.group[k].field) + ":" + json_string(c.group[k].value);
            json += "}}";
        }
    }
    json += "]";
    return json.c_str();
}

// The latest Sigma scan of evidence `id`:
// {"id", "state", "done", "total", "records", "detections", "warnings"} or null.
EMSCRIPTEN_KEEPALIVE const char* trinity_sigma_job_json(double id) {
    static std::string json;
    const auto* job = ws() ? ws()->job_for(static_cast<EvidenceId>(id), trinity::web::Job::Kind::sigma) : nullptr;
    if (!job) return "null";
    json = "{\"id\":" + std::to_string(job->id) + ",\"state\":" + json_string(trinity::web::to_string(job->state)) +
           ",\"done\":" + std::to_string(job->done) + ",\"total\":" + std::to_string(job->total) +
           ",\"records\":" + std::to_string(job->records) + ",\"detections\":" + std::to_string(job->detections) +
           ",\"warnings\":" + std::to_string(job->warnings) + "}";
    return json.c_str();
}

EMSCRIPTEN_KEEPALIVE void trinity_select_detection(double view_index) {
    if (auto* app = trinity::web::attached_app(); app && view_index >= 0)
        app->detections_view().select(static_cast<std::size_t>(view_index));
}

// Removes evidence `id`, as the Evidence view's remove does.
EMSCRIPTEN_KEEPALIVE void trinity_remove_evidence(double id) {
    if (ws()) ws()->remove_evidence(static_cast<EvidenceId>(id));
}

EMSCRIPTEN_KEEPALIVE void trinity_set_detection_filter(const char* text) {
    if (auto* app = trinity::web::attached_app()) app->detections_view().set_filter(text ? text : "");
}

}  // extern "C"
