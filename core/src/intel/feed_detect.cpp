// detect_feed: which feed format a head of a file is, without parsing it
// whole. JSON is recognised by the keys of its first object (a cheap scan
// that tolerates a head cut anywhere); text that is not JSON is CSV.
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "feed_index.h"
#include "text_fold.h"
#include "trinity/intel/feed.h"

namespace trinity::intel {
namespace {

// The keys of the first object in the text (the root, or the first element
// of a root array), with the string value of each where it has one, plus
// whether "last_analysis_stats" occurs as a key anywhere in the head.
struct KeyScan {
    std::vector<std::pair<std::string, std::string>> keys;  // key, string value ("" otherwise)
    bool analysis_stats = false;

    bool has(std::string_view key) const {
        return std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return k.first == key; });
    }
    std::string_view value(std::string_view key) const {
        for (const auto& k : keys)
            if (k.first == key) return k.second;
        return {};
    }
};

KeyScan scan_keys(std::string_view s) {
    KeyScan scan;
    int depth = 0;         // objects and arrays open
    int object_depth = -1;  // depth of the first object, once seen
    std::size_t i = 0;
    auto read_string = [&](std::string& out) {
        ++i;  // opening quote
        while (i < s.size() && s[i] != '"') {
            if (s[i] == '\\' && i + 1 < s.size()) ++i;
            if (out.size() < 256) out += s[i];
            ++i;
        }
        ++i;  // closing quote
    };
    auto skip_space = [&] {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
    };
    while (i < s.size()) {
        const char c = s[i];
        if (c == '{' || c == '[') {
            ++depth;
            if (c == '{' && object_depth < 0) object_depth = depth;
            ++i;
        } else if (c == '}' || c == ']') {
            if (depth == object_depth) return scan;  // the first object ended
            --depth;
            ++i;
        } else if (c == '"') {
            std::string text;
            read_string(text);
            skip_space();
            if (i < s.size() && s[i] == ':') {
                ++i;
                if (text == "last_analysis_stats") scan.analysis_stats = true;
                if (depth == object_depth) {
                    skip_space();
                    std::string value;
                    if (i < s.size() && s[i] == '"') read_string(value);
                    scan.keys.emplace_back(std::move(text), std::move(value));
                }
            }
        } else {
            ++i;
        }
    }
    return scan;
}

bool looks_like_text(std::string_view s) {
    std::size_t control = 0;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) return false;
        if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') ++control;
    }
    return control * 100 <= s.size();  // at most 1% stray control bytes
}

}  // namespace

std::optional<FeedFormat> detect_feed(std::span<const std::byte> head) {
    const detail::FeedText decoded = detail::feed_text(head);
    std::string_view text = decoded.text;
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return std::nullopt;  // empty or blank
    text.remove_prefix(first);
    if (text.front() == '{' || text.front() == '[') {
        const KeyScan scan = scan_keys(text);
        if (scan.has("objects") || scan.value("type") == "bundle" || scan.has("spec_version") ||
            scan.value("type") == "indicator")
            return FeedFormat::stix;
        if (scan.has("Event") || scan.has("response") || (scan.has("Attribute") && scan.has("info")))
            return FeedFormat::misp_event;
        if (scan.has("data") || scan.analysis_stats) return FeedFormat::virustotal;
        if (scan.keys.size() == 1 && scan.has("error")) return FeedFormat::virustotal;  // a saved error response
        if (!scan.keys.empty() && detail::is_uuid(scan.keys.front().first)) return FeedFormat::misp_manifest;
        return std::nullopt;
    }
    if (!looks_like_text(text)) return std::nullopt;
    return FeedFormat::csv;
}

}  // namespace trinity::intel
