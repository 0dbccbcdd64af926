#include "evidence_events.h"

#include <nlohmann/json.hpp>

#include "file_byte_source.h"
#include "trinity/artifact/sniff.h"
#include "trinity/evtx/evtx.h"
#include "trinity/event/event_json.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/evtx/evtx_json.h"

namespace trinity::cli {

namespace {

// Events without "_time" take their time from the keys logs usually write it under.
void take_time(event::Event& e) {
    if (e.time_us) return;
    for (std::string_view key : {"@timestamp", "timestamp", "time", "TimeCreated", "UtcTime", "EventTime", "eventTime",
                                 "createdDateTime", "date"}) {
        if (const std::string* v = e.value(key)) {
            if (auto t = event::parse_time(*v)) {
                e.time_us = t;
                return;
            }
        }
    }
}

// `evtx_dump -o json` output, a JSON array or object, or JSON Lines; a
// line or element that is not an object is counted and reported.
void read_json_events(std::string_view text, const std::string& path, evidence::EvidenceId id, bool lines,
                      EvidenceEventsStats& stats, const std::function<void(const event::Event&)>& on_event) {
    auto emit = [&](event::Event e, std::uint64_t record, std::uint64_t line) {
        e.provenance.evidence = id;
        if (!e.provenance.record) e.provenance.record = record;
        if (line) e.provenance.line = line;
        take_time(e);
        ++stats.events;
        on_event(e);
    };
    auto reject = [&](std::string where, const std::string& why) {
        ++stats.rejected;
        stats.warnings.push_back(where + ": " + why);
    };
    const std::size_t brace = text.find_first_not_of(" \t\r\n");
    const bool evtx_dump = text.find("\"System\"") != std::string_view::npos && text.find("\"Event\"") != std::string_view::npos &&
                           (brace != std::string_view::npos && (text[brace] == '{' || text.substr(brace).starts_with("Record")));
    if (evtx_dump) {
        auto events = evtx::events_from_dump_json(text, path, id);
        if (events) {
            for (event::Event& e : *events) emit(std::move(e), 0, 0);
            return;
        }
        if (!lines) return reject(events.error().describe(), "not evtx_dump JSON");
    }
    if (!lines) {
        try {
            const nlohmann::json doc = nlohmann::json::parse(text);
            if (doc.is_object()) {
                auto e = event::event_from_json(doc);
                if (!e) return reject(path, e.error().message);
                return emit(std::move(*e), 1, 0);
            }
            if (doc.is_array()) {
                std::uint64_t n = 0;
                for (const nlohmann::json& item : doc) {
                    ++n;
                    auto e = event::event_from_json(item);
                    if (!e) reject(path + " element " + std::to_string(n), e.error().message);
                    else emit(std::move(*e), n, 0);
                }
                return;
            }
            return reject(path, "a JSON document that is neither an object nor an array of objects");
        } catch (const nlohmann::json::exception&) {
            // Not one document: read it as JSON Lines below.
        }
    }
    std::uint64_t line_no = 0, record = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        ++line_no;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        if (line.empty()) continue;
        ++record;
        auto e = event::event_from_json(line, path);
        if (!e) {
            reject(path + ":" + std::to_string(line_no), e.error().message);
            continue;
        }
        emit(std::move(*e), record, line_no);
    }
}

}  // namespace

Result<EvidenceEventsStats> read_evidence_events(const std::string& path, evidence::EvidenceId id,
                                                 const std::function<void(const event::Event&)>& on_event) {
    auto source = FileByteSource::open(path);
    if (!source) return source.error();
    auto sniffed = artifact::sniff(**source);
    if (!sniffed) return sniffed.error();
    EvidenceEventsStats stats;
    if (sniffed->format == artifact::Format::evtx) {
        evtx::EvtxReader reader(**source);
        if (auto header = reader.open(); !header) return header.error();
        auto read = reader.read([&](const evtx::Record& r) {
            on_event(evtx::to_event(r, id));
            ++stats.events;
            return true;
        });
        for (const auto& w : reader.warnings()) {
            std::string text = "@";
            text += std::to_string(w.offset);
            text += ": ";
            text += w.message;
            stats.warnings.push_back(std::move(text));
        }
        if (!read) return read.error();
        stats.rejected = read->bad_records;
        return stats;
    }
    std::string what = "is ";
    what += artifact::to_string(sniffed->format);
    what += "; scan reads EVTX, JSON and JSON Lines";
    if (sniffed->format == artifact::Format::json || sniffed->format == artifact::Format::jsonl ||
        sniffed->format == artifact::Format::text) {
        auto bytes = io::read_head(**source, static_cast<std::size_t>((*source)->size()));
        if (!bytes) return bytes.error();
        std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
        if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
        read_json_events(text, path, id, sniffed->format == artifact::Format::jsonl, stats, on_event);
        if (stats.events == 0 && stats.rejected == 0 && sniffed->format == artifact::Format::text) {
            std::string none = "is text without JSON events; scan reads EVTX, JSON and JSON Lines";
            return fail(ErrorKind::unsupported, std::move(none), Location::in(path));
        }
        return stats;
    }
    return fail(ErrorKind::unsupported, std::move(what), Location::in(path));
}

}  // namespace trinity::cli
