// Saved VirusTotal v3 responses: {"data": {...}} for one file, IP address,
// domain or URL (or "data": [...] from a search), scored from
// attributes.last_analysis_stats by the VerdictPolicy when judged. A file
// is filed under its MD5, SHA-1 and SHA-256.
#include <string>
#include <vector>

#include "feed_index.h"
#include "feed_json.h"

namespace trinity::intel::detail {
namespace {

using nlohmann::json;

void object(const json& data, std::size_t index, FeedSink& sink) {
    ++sink.report().entries;
    const std::string label = "data object " + std::to_string(index + 1);
    const Location where = Location::in(sink.name());
    const std::string type = json_text(data, "type");
    const std::string id = json_text(data, "id");
    const json* attributes = data.is_object() && data.contains("attributes") && data["attributes"].is_object()
                                 ? &data["attributes"] : nullptr;
    if (type.empty() || !attributes) {
        sink.reject(label + ": no \"type\" or \"attributes\"", where);
        return;
    }
    std::vector<std::pair<std::string, std::string>> values;  // type, value
    if (type == "file") {
        for (const char* h : {"md5", "sha1", "sha256"})
            if (const std::string v = json_text(*attributes, h); !v.empty()) values.emplace_back(h, v);
        if (values.empty() && !id.empty()) values.emplace_back("hash", id);
    } else if (type == "ip_address") {
        values.emplace_back("ip", id);
    } else if (type == "domain") {
        values.emplace_back("domain", id);
    } else if (type == "url") {
        std::string url = json_text(*attributes, "url");
        if (url.empty()) url = json_text(*attributes, "last_final_url");
        values.emplace_back("url", url);
    } else {
        sink.skip("VirusTotal " + type + " objects");
        return;
    }
    const auto stats_it = attributes->find("last_analysis_stats");
    if (stats_it == attributes->end() || !stats_it->is_object()) {
        sink.reject(label + " (" + type + " " + id.substr(0, 80) + "): no last_analysis_stats", where);
        return;
    }
    const json& stats = *stats_it;
    auto count = [&](const char* key) -> std::optional<int> {
        const auto v = json_int(stats, key);
        if (!v || *v < 0 || *v > 100000) return std::nullopt;
        return static_cast<int>(*v);
    };
    Sighting s;
    s.feed = sink.name();
    s.malicious = count("malicious").value_or(0);
    s.suspicious = count("suspicious").value_or(0);
    s.harmless = count("harmless").value_or(0);
    s.undetected = count("undetected").value_or(0);
    s.verdict = VerdictPolicy{}.verdict_of(s);
    const int total = *s.malicious + *s.suspicious + *s.harmless + *s.undetected;
    s.detail = "VirusTotal: " + std::to_string(*s.malicious) + "/" + std::to_string(total) + " engines";
    if (const std::string name = json_text(*attributes, "meaningful_name"); !name.empty()) s.detail += " (" + name + ")";
    for (const json& t : json_array(*attributes, "tags"))
        if (t.is_string()) s.tags.push_back(t.get<std::string>());

    std::vector<Target> targets;
    for (const auto& [value_type, value] : values) {
        auto target = make_target(value_type, value);
        if (!target) {
            sink.reject(label + ": '" + value.substr(0, 80) + "' is not a valid " + value_type, where);
            continue;
        }
        targets.push_back(std::move(*target));
    }
    sink.add(s, targets);
}

}  // namespace

Result<void> load_virustotal(std::string_view text, FeedSink& sink) {
    auto root = parse_json(text, sink.name());
    if (!root) return root.error();
    if (root->is_object() && root->contains("error") && !root->contains("data")) {
        const json& e = (*root)["error"];
        return fail(ErrorKind::invalid,
                    "a VirusTotal error response: " + json_text(e, "code") + ": " + json_text(e, "message"),
                    Location::in(sink.name()));
    }
    if (!root->is_object() || !root->contains("data"))
        return fail(ErrorKind::invalid, "not a VirusTotal v3 response: no \"data\"", Location::in(sink.name()));
    const json& data = (*root)["data"];
    if (data.is_array()) {
        std::size_t i = 0;
        for (const json& d : data) object(d, i++, sink);
    } else {
        object(data, 0, sink);
    }
    return {};
}

}  // namespace trinity::intel::detail
