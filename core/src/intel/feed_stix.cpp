// STIX 2.1 bundles. The bundle is parsed with a callback that hands over
// each element of "objects" as soon as it is complete and then drops it,
// so memory stays at one object and a bundle cut short keeps every object
// before the cut. Indicator objects with STIX patterns give indicators;
// other objects (SDOs, relationships, observables) carry no verdict and
// are counted as skipped, by type.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "feed_index.h"
#include "feed_json.h"
#include "json_positions.h"
#include "stix_pattern.h"
#include "text_fold.h"

namespace trinity::intel::detail {
namespace {

using nlohmann::json;

// The indicator type an object path compares, as make_target names it.
std::optional<std::string> type_for_path(std::string_view path) {
    const std::string p = lowered(path);
    if (p.starts_with("file:hashes.")) {
        std::string algorithm;
        for (char c : p.substr(12))
            if (c != '-' && c != '_') algorithm += c;
        if (algorithm == "md5" || algorithm == "sha1" || algorithm == "sha256" || algorithm == "sha512") return algorithm;
        return std::nullopt;
    }
    struct PathType {
        std::string_view path, type;
    };
    static constexpr PathType kPaths[] = {
        {"ipv4-addr:value", "ipv4"},
        {"ipv6-addr:value", "ipv6"},
        {"domain-name:value", "domain"},
        {"url:value", "url"},
        {"email-addr:value", "email"},
        {"windows-registry-key:key", "registry-key"},
        {"network-traffic:dst_ref.value", "ip"},
        {"network-traffic:src_ref.value", "ip"},
        {"email-message:from_ref.value", "email"},
        {"email-message:sender_ref.value", "email"},
    };
    for (const PathType& pt : kPaths)
        if (p == pt.path) return std::string(pt.type);
    return std::nullopt;
}

// "2025-01-31T12:00:00Z" or with fractional seconds → seconds since 1970.
std::optional<std::int64_t> parse_timestamp(std::string_view s) {
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
        return std::nullopt;
    auto num = [&](std::size_t at, std::size_t len) -> std::optional<int> {
        int v = 0;
        for (std::size_t i = at; i < at + len; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    const auto y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), sec = num(17, 2);
    if (!y || !mo || !d || !h || !mi || !sec || *mo < 1 || *mo > 12 || *d < 1 || *d > 31 || *h > 23 || *mi > 59 || *sec > 60)
        return std::nullopt;
    std::size_t i = 19;
    if (s[i] == '.') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    if (i + 1 != s.size() || (s[i] != 'Z' && s[i] != 'z')) return std::nullopt;
    // Days from civil (Howard Hinnant's algorithm).
    const int yy = *y - (*mo <= 2 ? 1 : 0);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const int yoe = yy - era * 400;
    const int mp = (*mo + 9) % 12;
    const int doy = (153 * mp + 2) / 5 + *d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
    return days * 86400 + *h * 3600 + *mi * 60 + *sec;
}

bool is_observable_type(std::string_view type) {
    static constexpr std::string_view kScos[] = {
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file",
        "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url",
        "user-account", "windows-registry-key", "x509-certificate"};
    return std::find(std::begin(kScos), std::end(kScos), type) != std::end(kScos);
}

Verdict verdict_of_types(const std::vector<std::string>& types) {
    Verdict v = Verdict::unknown;
    for (const std::string& t : types) {
        const std::string l = lowered(t);
        if (l == "malicious-activity" || l == "compromised" || l == "attribution") v = worst(v, Verdict::malicious);
        else if (l == "benign") v = worst(v, Verdict::clean);
        else v = worst(v, Verdict::suspicious);
    }
    // An indicator that says nothing of its kind is still meant to be detected.
    return v == Verdict::unknown ? Verdict::suspicious : v;
}

class StixLoader {
public:
    StixLoader(std::string_view text, FeedSink& sink)
        : text_(text), sink_(sink), lines_(text) {}

    Result<void> load() {
        std::string key;  // the root object's key being read
        std::size_t index = 0;
        auto callback = [&](int depth, json::parse_event_t event, json& parsed) -> bool {
            if (event == json::parse_event_t::key && depth == 1) {
                key = parsed.is_string() ? parsed.get<std::string>() : std::string();
            } else if (event == json::parse_event_t::object_end && depth == 2 && key == "objects") {
                object(parsed, index++);
                return false;  // handled: drop it
            }
            return true;
        };
        json root;
        try {
            root = json::parse(text_.begin(), text_.end(), callback);
        } catch (const std::exception& e) {
            Error error = json_error(e, text_, sink_.name());
            if (index == 0) return error;  // nothing usable before the damage
            sink_.reject("the bundle breaks off after " + std::to_string(index) + " objects: " + error.message,
                         std::move(error.location));
            return {};
        }
        if (root.is_array()) {
            // Not a bundle but a list of objects: read them the same way.
            for (const json& obj : root) object(obj, index++);
            return {};
        }
        if (!root.is_object()) return fail(ErrorKind::invalid, "not a STIX bundle: the JSON is not an object", Location::in(sink_.name()));
        const std::string type = json_text(root, "type");
        if (type == "bundle") {
            const auto it = root.find("objects");
            if (it != root.end() && !it->is_array() && !it->is_null())
                sink_.reject("the bundle's \"objects\" is not an array", Location::in(sink_.name()));
            return {};
        }
        if (!type.empty() && root.contains("id")) {
            object(root, 0);  // one object on its own
            return {};
        }
        return fail(ErrorKind::invalid, "not a STIX bundle: no \"type\": \"bundle\"", Location::in(sink_.name()));
    }

private:
    // Found only when a problem needs a place: most bundles have none.
    Location where(std::size_t index) {
        if (!offsets_) offsets_ = array_element_offsets(text_, "objects");
        if (index < offsets_->size()) return lines_.at((*offsets_)[index], sink_.name());
        return Location::in(sink_.name());
    }

    void object(const json& obj, std::size_t index) {
        ++sink_.report().entries;
        if (!obj.is_object()) {
            sink_.reject("object " + std::to_string(index + 1) + " of the bundle is not a JSON object", where(index));
            return;
        }
        const std::string type = json_text(obj, "type");
        if (type != "indicator") {
            if (type.empty()) {
                sink_.reject("object " + std::to_string(index + 1) + " has no \"type\"", where(index));
            } else if (is_observable_type(type)) {
                sink_.skip("observable objects (no verdict without an indicator)");
            } else {
                sink_.skip("STIX " + type + " objects");
            }
            return;
        }
        indicator(obj, index);
    }

    void indicator(const json& obj, std::size_t index) {
        const std::string id = json_text(obj, "id");
        const std::string label = id.empty() ? "indicator " + std::to_string(index + 1) : id;
        if (json_bool(obj, "revoked").value_or(false)) {
            sink_.skip("revoked indicators");
            return;
        }
        if (const std::string until = json_text(obj, "valid_until"); !until.empty()) {
            const auto t = parse_timestamp(until);
            if (!t) {
                sink_.warn(label + ": valid_until '" + until + "' is not a STIX timestamp; loaded anyway", where(index));
            } else if (*t < sink_.now()) {
                sink_.skip("expired indicators (valid_until in the past)");
                return;
            }
        }
        if (const std::string pt = json_text(obj, "pattern_type"); !pt.empty() && lowered(pt) != "stix") {
            sink_.skip("indicators with pattern_type " + pt);
            return;
        }
        const std::string pattern = json_text(obj, "pattern");
        if (pattern.empty()) {
            sink_.reject(label + ": no pattern", where(index));
            return;
        }
        auto scan = scan_stix_pattern(pattern);
        if (!scan) {
            sink_.reject(label + ": pattern column " + std::to_string(scan.error().location.column.value_or(0)) + ": " +
                             scan.error().message,
                         where(index));
            return;
        }
        for (const std::string& s : scan->skipped) sink_.skip("pattern " + s + "s");

        Sighting sighting;
        sighting.feed = sink_.name();
        std::vector<std::string> types;
        for (const char* key : {"indicator_types", "labels"}) {
            for (const json& t : json_array(obj, key)) {
                if (!t.is_string()) continue;
                const std::string& tag = t.get_ref<const std::string&>();
                if (std::find(types.begin(), types.end(), tag) == types.end()) types.push_back(tag);
            }
        }
        sighting.verdict = verdict_of_types(types);
        sighting.tags = types;
        sighting.detail = json_text(obj, "name");
        if (sighting.detail.empty()) sighting.detail = id;

        std::vector<Target> targets;
        for (const StixEquality& eq : scan->equalities) {
            const auto type = type_for_path(eq.path);
            if (!type) {
                sink_.skip("pattern paths " + eq.path.substr(0, eq.path.find('.')));
                continue;
            }
            auto target = make_target(*type, eq.value);
            if (!target) {
                sink_.reject(label + ": '" + eq.value.substr(0, 80) + "' is not a valid " + *type + " (" + eq.path + ")",
                             where(index));
                continue;
            }
            targets.push_back(std::move(*target));
        }
        sink_.add(sighting, targets);
    }

    std::string_view text_;
    FeedSink& sink_;
    std::optional<std::vector<std::size_t>> offsets_;
    LineCursor lines_;
};

}  // namespace

Result<void> load_stix(std::string_view text, FeedSink& sink) { return StixLoader(text, sink).load(); }

}  // namespace trinity::intel::detail
