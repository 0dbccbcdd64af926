// Sigma in the engine worker (shell/worker_sigma.js): the page sends the
// case's rule texts once per rule-set version; this module compiles them
// into a RuleSet and an Engine it keeps, then matches whole files read
// through FileReaderSync slices (WorkerFileSource), never whole in memory.
//
// The UI thread compiles the same texts in the same order, so the rule
// indexes in the hits sent back name the same rules there.
#include <memory>
#include <string>
#include <vector>

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

#include "engine_result.h"
#include "trinity/artifact/sniff.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/sigma/engine.h"
#include "trinity/text/json_text.h"
#include "worker_file_source.h"

namespace {

using trinity::text::json_string;

// Past this many hits a scan stops collecting (the answer is one message).
constexpr std::size_t kMaxHits = 200'000;

// Declared in this order so the engine, which points into the rules, goes first.
std::unique_ptr<trinity::sigma::RuleSet> g_rules;
std::unique_ptr<trinity::sigma::Engine> g_engine;

std::string hit_json(const trinity::sigma::Hit& hit, const trinity::event::Event& ev) {
    const std::string* computer = ev.value("Computer");
    const std::string* event_id = ev.value("EventID");
    std::string out = "{\"rule\":" + std::to_string(hit.rule) + ",\"record\":" + std::to_string(hit.provenance.record) +
                      ",\"offset\":" + std::to_string(hit.provenance.offset) +
                      ",\"time\":" + (hit.time_us ? std::to_string(*hit.time_us) : std::string("null")) +
                      ",\"computer\":" + json_string(computer ? *computer : "") +
                      ",\"event_id\":" + json_string(event_id ? *event_id : "") + ",\"matched\":[";
    for (std::size_t i = 0; i < hit.matched.size(); ++i) {
        if (i) out += ',';
        out += "[" + json_string(hit.matched[i].field) + "," + json_string(hit.matched[i].value) + "]";
    }
    out += "],\"keys\":[";
    for (std::size_t i = 0; i < hit.keys.size(); ++i) {
        if (i) out += ',';
        out += i < hit.has_key.size() && hit.has_key[i] ? json_string(hit.keys[i]) : std::string("null");
    }
    return out + "]}";
}

}  // namespace

extern "C" {

// Compiles the rule set from `[{"name", "text"}, ...]` (JSON bytes) and
// keeps it for the scans that follow. Returns {"loaded", "failed", "rules"}
// or {"error"}.
EMSCRIPTEN_KEEPALIVE const char* trinity_engine_sigma_rules(const std::uint8_t* bytes, int size) {
    using namespace trinity;
    g_engine.reset();
    g_rules = std::make_unique<sigma::RuleSet>();
    const auto input = web::engine::bytes_of(bytes, size);
    const auto doc = nlohmann::json::parse(reinterpret_cast<const char*>(input.data()),
                                           reinterpret_cast<const char*>(input.data()) + input.size(), nullptr, false);
    if (doc.is_discarded() || !doc.is_array()) return web::engine::result("{\"error\":\"the rule list is not a JSON array\"}");
    for (const auto& file : doc) {
        if (!file.is_object() || !file.contains("name") || !file.contains("text")) continue;
        if (!file["name"].is_string() || !file["text"].is_string()) continue;
        g_rules->add_yaml(file["text"].get_ref<const std::string&>(), file["name"].get_ref<const std::string&>());
    }
    g_rules->link();
    g_engine = std::make_unique<sigma::Engine>(*g_rules);
    const auto& report = g_rules->report();
    return web::engine::result("{\"loaded\":" + std::to_string(report.loaded) + ",\"failed\":" +
                               std::to_string(report.failures.size()) + ",\"rules\":" + std::to_string(g_rules->size()) +
                               "}");
}

// Matches the file in slot `slot` (`size` bytes, named `name`) against the
// kept rules. Returns {"format", "records", "hits": n, "truncated",
// "error"} on the first line, then {"hits": [...]}: per hit the rule index,
// record, file offset, time (µs or null), Computer, EventID, matched
// [field, value] pairs and correlation keys (null when absent). "error" is
// null, or why the scan stopped ("cancelled" included); hits found before
// it are kept.
EMSCRIPTEN_KEEPALIVE const char* trinity_engine_sigma_scan(int slot, double size, const char* name, const char* sha256) {
    using namespace trinity;
    (void)sha256;  // hits name evidence by id on the UI thread
    web::engine::WorkerFileSource source(slot, static_cast<std::uint64_t>(size), name ? name : "");
    std::string error = "null";
    std::string format = "binary";
    std::uint64_t records = 0, count = 0;
    bool truncated = false;
    std::string hits_json;

    if (!g_engine) {
        error = json_string("no rules loaded");
    } else if (auto head = io::read_head(source, artifact::kSniffHeadBytes); !head) {
        error = json_string(head.error().describe());
    } else {
        const auto sniffed = artifact::sniff(*head, head->size() >= source.size());
        format = std::string(artifact::to_string(sniffed.format));
        if (sniffed.format != artifact::Format::evtx) {
            error = json_string("Sigma scans read EVTX files for now");
        } else {
            sigma::Matcher matcher(*g_engine);
            std::vector<sigma::Hit> hits;
            evtx::EvtxReader reader(source);
            if (auto opened = reader.open(); !opened) {
                error = json_string(opened.error().describe());
            } else {
                auto read = reader.read([&](const evtx::Record& record) {
                    const event::Event ev = evtx::to_event(record, 0);
                    ++records;
                    hits.clear();
                    matcher.match(ev, hits);
                    for (const sigma::Hit& hit : hits) {
                        if (count >= kMaxHits) {
                            truncated = true;
                            break;
                        }
                        if (count++) hits_json += ',';
                        hits_json += hit_json(hit, ev);
                    }
                    return true;
                });
                if (!read) error = json_string(read.error().describe());
            }
        }
    }
    std::string out = "{\"format\":" + json_string(format) + ",\"records\":" + std::to_string(records) +
                      ",\"hits\":" + std::to_string(count) + ",\"truncated\":" + (truncated ? "true" : "false") +
                      ",\"error\":" + error + "}\n{\"hits\":[" + hits_json + "]}";
    return web::engine::result(std::move(out));
}

}  // extern "C"
