#include "trinity/ioc/import.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "trinity/event/event.h"

namespace trinity::ioc {
namespace {

std::uint64_t number_or_zero(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

std::string string_or_empty(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::int64_t> time_of(const nlohmann::json& j, const char* key) {
    const std::string text = string_or_empty(j, key);
    if (text.empty()) return std::nullopt;
    return event::parse_time(text);
}

}  // namespace

Result<ImportedIndicators> read_json(std::string_view json) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json);
    } catch (const nlohmann::json::parse_error& e) {
        return fail(ErrorKind::invalid, e.what(), Location::at_offset("<indicators>", e.byte));
    }
    if (!doc.is_object() || !doc.contains("indicators") || !doc["indicators"].is_array())
        return fail(ErrorKind::invalid, "not an indicator list: no \"indicators\" array", Location::in("<indicators>"));
    ImportedIndicators out;
    out.allowlisted = number_or_zero(doc, "allowlisted");
    for (const auto& item : doc["indicators"]) {
        if (!item.is_object()) {
            ++out.rejected;
            continue;
        }
        const auto type = parse_indicator_type(string_or_empty(item, "type"));
        const auto value = type ? canonicalize(*type, string_or_empty(item, "value")) : std::nullopt;
        if (!value) {
            ++out.rejected;
            continue;
        }
        IndicatorEntry entry;
        entry.indicator = Indicator{*type, *value};
        entry.count = std::max<std::uint64_t>(1, number_or_zero(item, "count"));
        entry.first_time_us = time_of(item, "first_seen");
        entry.last_time_us = time_of(item, "last_seen");
        if (const auto it = item.find("sightings"); it != item.end() && it->is_array()) {
            for (const auto& js : *it) {
                if (!js.is_object() || entry.sightings.size() >= IndicatorSet::kMaxProvenance) continue;
                Sighting s;
                s.evidence = string_or_empty(js, "evidence");
                s.evidence_sha256 = string_or_empty(js, "sha256");
                s.record = number_or_zero(js, "record");
                s.line = number_or_zero(js, "line");
                s.field = string_or_empty(js, "field");
                s.time_us = time_of(js, "time");
                entry.sightings.push_back(std::move(s));
            }
        }
        if (!entry.sightings.empty()) {
            entry.first = entry.sightings.front();
            entry.last = entry.sightings.back();
        }
        out.entries.push_back(std::move(entry));
    }
    return out;
}

}  // namespace trinity::ioc
