// Exports of an IndicatorSet: CSV (RFC 4180), JSON, defanged text.
// STIX 2.1 lives in stix_export.cpp.
#include "trinity/ioc/export.h"

#include <nlohmann/json.hpp>

#include "trinity/event/event.h"
#include "trinity/ioc/address_class.h"
#include "trinity/ioc/refang.h"

namespace trinity::ioc {
namespace {

void append_csv_field(std::string& out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string class_of(const Indicator& indicator) {
    const auto c = classify(indicator);
    return c ? std::string(to_string(*c)) : std::string();
}

std::string time_or_empty(const std::optional<std::int64_t>& t) { return t ? event::format_time(*t) : std::string(); }

std::string number_or_empty(std::uint64_t n) { return n ? std::to_string(n) : std::string(); }

}  // namespace

std::string to_csv(const IndicatorSet& set, const std::vector<ExtraColumn>& extras) {
    std::string out = "type,value,count,class,first_seen,last_seen,evidence,record,line,field";
    for (const ExtraColumn& x : extras) {
        out += ',';
        append_csv_field(out, x.name);
    }
    out += "\r\n";
    for (const IndicatorEntry* e : set.sorted()) {
        const std::string fields[] = {
            std::string(to_string(e->indicator.type)), e->indicator.value, std::to_string(e->count),
            class_of(e->indicator), time_or_empty(e->first_time_us), time_or_empty(e->last_time_us),
            e->first.evidence, number_or_empty(e->first.record), number_or_empty(e->first.line), e->first.field};
        bool first = true;
        for (const std::string& f : fields) {
            if (!first) out += ',';
            first = false;
            append_csv_field(out, f);
        }
        for (const ExtraColumn& x : extras) {
            out += ',';
            append_csv_field(out, x.value(*e));
        }
        out += "\r\n";
    }
    return out;
}

std::string to_json(const IndicatorSet& set, const std::vector<ExtraColumn>& extras) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const IndicatorEntry* e : set.sorted()) {
        nlohmann::ordered_json j;
        j["type"] = to_string(e->indicator.type);
        j["value"] = e->indicator.value;
        j["count"] = e->count;
        if (const auto c = classify(e->indicator)) j["class"] = to_string(*c);
        if (e->first_time_us) j["first_seen"] = event::format_time(*e->first_time_us);
        if (e->last_time_us) j["last_seen"] = event::format_time(*e->last_time_us);
        nlohmann::ordered_json sightings = nlohmann::ordered_json::array();
        for (const Sighting& s : e->sightings) {
            nlohmann::ordered_json js;
            js["evidence"] = s.evidence;
            if (!s.evidence_sha256.empty()) js["sha256"] = s.evidence_sha256;
            if (s.record) js["record"] = s.record;
            if (s.line) js["line"] = s.line;
            if (!s.field.empty()) js["field"] = s.field;
            if (s.time_us) js["time"] = event::format_time(*s.time_us);
            sightings.push_back(std::move(js));
        }
        j["sightings"] = std::move(sightings);
        for (const ExtraColumn& x : extras) j[x.name] = x.value(*e);
        list.push_back(std::move(j));
    }
    nlohmann::ordered_json doc;
    doc["indicators"] = std::move(list);
    doc["allowlisted"] = set.allowlisted();
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string to_defanged_text(const IndicatorSet& set) {
    std::string out;
    for (const IndicatorEntry* e : set.sorted()) {
        out += defang(e->indicator);
        out += '\n';
    }
    return out;
}

}  // namespace trinity::ioc
