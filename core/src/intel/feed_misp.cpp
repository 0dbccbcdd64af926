// MISP: event JSON ({"Event": {...}}, a {"response": [...]} of events, or
// a bare event) and the manifest.json of a MISP feed folder.
//
// Attributes come from the event and from its objects. Types read:
// ip-src, ip-dst (and their |port forms), domain, hostname (|port),
// domain|ip, url, md5, sha1, sha256, sha512, filename|<hash>, email-src,
// email-dst, email, regkey, vulnerability; the others (filename, text,
// mutex, yara, ...) are counted as skipped by type. Verdict: to_ids with
// threat level high, medium or undefined → malicious; to_ids with level
// low → suspicious; to_ids false (context, not for detection) → unknown.
#include <string>
#include <vector>

#include "feed_index.h"
#include "feed_json.h"
#include "json_positions.h"
#include "text_fold.h"

namespace trinity::intel::detail {
namespace {

using nlohmann::json;

struct AttributeType {
    std::string_view misp;
    std::string_view first;   // the type of the part before '|' (or of the value), "" to ignore it
    std::string_view second;  // the type of the part after '|', "" for none
};
constexpr AttributeType kTypes[] = {
    {"ip-src", "ip", ""},          {"ip-dst", "ip", ""},           {"ip-src|port", "ip", ""},
    {"ip-dst|port", "ip", ""},     {"domain", "domain", ""},       {"hostname", "domain", ""},
    {"hostname|port", "domain", ""}, {"domain|ip", "domain", "ip"}, {"url", "url", ""},
    {"md5", "md5", ""},            {"sha1", "sha1", ""},           {"sha256", "sha256", ""},
    {"sha512", "sha512", ""},      {"filename|md5", "", "md5"},    {"filename|sha1", "", "sha1"},
    {"filename|sha256", "", "sha256"}, {"filename|sha512", "", "sha512"}, {"email-src", "email", ""},
    {"email-dst", "email", ""},    {"email", "email", ""},         {"regkey", "registry-key", ""},
    {"vulnerability", "cve", ""},
};

std::vector<std::string> tag_names(const json& obj) {
    std::vector<std::string> out;
    for (const json& tag : json_array(obj, "Tag")) {
        std::string name = json_text(tag, "name");
        if (!name.empty()) out.push_back(std::move(name));
    }
    return out;
}

class MispLoader {
public:
    MispLoader(std::string_view text, FeedSink& sink) : text_(text), sink_(sink), lines_(text) {}

    Result<void> load() {
        auto root = parse_json(text_, sink_.name());
        if (!root) return root.error();
        const json& r = *root;
        std::vector<const json*> events;
        if (r.is_object() && r.contains("Event")) {
            events.push_back(&r["Event"]);
        } else if (r.is_object() && r.contains("response") && r["response"].is_array()) {
            for (const json& e : r["response"]) events.push_back(e.contains("Event") ? &e["Event"] : &e);
        } else if (r.is_array()) {
            for (const json& e : r) events.push_back(e.is_object() && e.contains("Event") ? &e["Event"] : &e);
        } else if (r.is_object() && r.contains("Attribute")) {
            events.push_back(&r);
        } else {
            return fail(ErrorKind::invalid, "not a MISP event: no \"Event\"", Location::in(sink_.name()));
        }
        for (const json* e : events) event(*e);
        return {};
    }

private:
    void event(const json& e) {
        if (!e.is_object()) {
            sink_.reject("an event is not a JSON object", Location::in(sink_.name()));
            return;
        }
        const auto level = json_int(e, "threat_level_id");
        event_.feed = sink_.name();
        event_.tags = tag_names(e);
        event_.detail = json_text(e, "info");
        if (event_.detail.empty()) event_.detail = "MISP event " + json_text(e, "uuid");
        high_ = !level || *level != 3;
        for (const json& a : json_array(e, "Attribute")) attribute(a, "");
        for (const json& o : json_array(e, "Object")) {
            const std::string name = json_text(o, "name");
            if (json_bool(o, "deleted").value_or(false)) {
                sink_.skip("deleted MISP objects");
                continue;
            }
            for (const json& a : json_array(o, "Attribute")) attribute(a, name);
        }
    }

    Location where(const json& a) {
        const std::string uuid = json_text(a, "uuid");
        if (uuid.size() >= 32) {
            // Attributes are usually met in text order; objects may come first.
            const std::string quoted = "\"" + uuid + "\"";
            std::size_t at = text_.find(quoted, last_);
            if (at == std::string_view::npos) at = text_.find(quoted);
            if (at != std::string_view::npos) {
                last_ = at;
                return lines_.at(at, sink_.name());
            }
        }
        return Location::in(sink_.name());
    }

    void attribute(const json& a, const std::string& object_name) {
        ++sink_.report().entries;
        const std::string type = json_text(a, "type");
        const std::string value = json_text(a, "value");
        const std::string label = "attribute " + (json_text(a, "uuid").empty() ? std::to_string(sink_.report().entries)
                                                                              : json_text(a, "uuid"));
        if (!a.is_object() || type.empty() || value.empty()) {
            sink_.reject(label + ": no type or value", where(a));
            return;
        }
        if (json_bool(a, "deleted").value_or(false)) {
            sink_.skip("deleted MISP attributes");
            return;
        }
        const AttributeType* known = nullptr;
        for (const AttributeType& t : kTypes)
            if (type == t.misp) known = &t;
        if (!known) {
            sink_.skip("MISP " + type + " attributes");
            return;
        }
        const std::size_t bar = value.find('|');
        const bool pair = type.find('|') != std::string::npos;
        if (pair && bar == std::string::npos) {
            sink_.reject(label + ": a " + type + " value needs a '|'", where(a));
            return;
        }
        std::vector<Target> targets;
        auto take = [&](std::string_view part_type, std::string_view part) {
            if (part_type.empty()) return true;
            auto target = make_target(part_type, part);
            if (!target) {
                sink_.reject(label + ": '" + std::string(part.substr(0, 80)) + "' is not a valid " + type, where(a));
                return false;
            }
            targets.push_back(std::move(*target));
            return true;
        };
        const std::string_view v = value;
        const bool ok = pair ? take(known->first, v.substr(0, bar)) && take(known->second, v.substr(bar + 1))
                             : take(known->first, v);
        if (!ok) return;

        Sighting s = event_;
        const bool to_ids = json_bool(a, "to_ids").value_or(true);
        s.verdict = !to_ids ? Verdict::unknown : high_ ? Verdict::malicious : Verdict::suspicious;
        for (std::string& t : tag_names(a)) s.tags.push_back(std::move(t));
        if (!object_name.empty()) s.detail += " (" + object_name + " object)";
        if (const std::string comment = json_text(a, "comment"); !comment.empty()) s.detail += ": " + comment;
        sink_.add(s, targets);
    }

    std::string_view text_;
    FeedSink& sink_;
    LineCursor lines_;
    std::size_t last_ = 0;
    Sighting event_;
    bool high_ = true;
};

}  // namespace

Result<void> load_misp_event(std::string_view text, FeedSink& sink) { return MispLoader(text, sink).load(); }

Result<void> load_misp_manifest(std::string_view text, FeedSink& sink) {
    auto root = parse_json(text, sink.name());
    if (!root) return root.error();
    if (!root->is_object()) return fail(ErrorKind::invalid, "not a MISP manifest: not a JSON object", Location::in(sink.name()));
    for (const auto& [key, info] : root->items()) {
        ++sink.report().entries;
        if (!is_uuid(key) || !info.is_object()) {
            sink.reject("manifest entry '" + key.substr(0, 80) + "' is not an event uuid with its summary", Location::in(sink.name()));
            continue;
        }
        sink.report().listed_files.push_back(key + ".json");
    }
    return {};
}

}  // namespace trinity::intel::detail
