#include "trinity/evtx/evtx_json.h"

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "evtx_system_fields.h"

namespace trinity::evtx {
namespace {

using ojson = nlohmann::ordered_json;

using detail::is_integer_field;
using detail::kSystemAttributes;
using detail::kSystemText;

// evtx_dump prints GUID values as 8-4-4-4-12 upper-case hex; Windows (and
// value_text) put them in braces.
bool is_bare_guid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

// A JSON scalar as the text EVTX XML would hold.
std::string scalar_text(const ojson& v) {
    if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        return is_bare_guid(s) ? "{" + s + "}" : s;
    }
    if (v.is_null()) return {};
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    return v.dump();  // reals, and anything odd
}

// The text of an element: itself when a scalar, its "#text" when an object.
std::string element_text(const ojson& v) {
    if (v.is_object()) {
        auto it = v.find("#text");
        if (it == v.end()) return {};
        if (it->is_array()) {  // mixed content split by child elements
            std::string out;
            for (const ojson& piece : *it) out += scalar_text(piece);
            return out;
        }
        return scalar_text(*it);
    }
    return scalar_text(v);
}

void add(event::Event& out, std::string name, std::string value) {
    const auto type = is_integer_field(name) && !value.empty() ? event::FieldType::integer : event::FieldType::string;
    out.fields.push_back(event::Field{std::move(name), std::move(value), type});
}

template <class F>
void each_item(const ojson& v, F f) {
    if (v.is_array()) {
        for (const ojson& item : v) f(item);
    } else {
        f(v);
    }
}

void add_system(const ojson& system, event::Event& out) {
    for (const auto& a : kSystemAttributes) {
        auto e = system.find(a.element);
        if (e == system.end() || !e->is_object()) continue;
        auto attrs = e->find("#attributes");
        if (attrs == e->end() || !attrs->is_object()) continue;
        auto value = attrs->find(a.attribute);
        if (value != attrs->end()) add(out, std::string(a.field), scalar_text(*value));
    }
    for (std::string_view name : kSystemText) {
        auto e = system.find(name);
        if (e != system.end()) add(out, std::string(name), element_text(*e));
    }
}

void add_event_data(const ojson& data, event::Event& out) {
    if (!data.is_object()) return;
    int unnamed = 0;
    for (const auto& [key, value] : data.items()) {
        if (key == "#attributes" || key == "#text") continue;
        if (key == "Data") {
            // <Data> without a Name: Data, Data_2, ... (its text may sit in "#text").
            const ojson& items = value.is_object() && value.contains("#text") && !value.contains("#attributes")
                                     ? value["#text"]
                                     : value;
            each_item(items, [&](const ojson& item) {
                ++unnamed;
                add(out, unnamed == 1 ? "Data" : "Data_" + std::to_string(unnamed), element_text(item));
            });
            continue;
        }
        const auto& name = key;  // clang 14 (Emscripten) cannot capture a structured binding
        each_item(value, [&](const ojson& item) { add(out, name, element_text(item)); });
    }
}

bool has_children(const ojson& v) {
    if (!v.is_object()) return false;
    for (const auto& [key, value] : v.items()) {
        if (key != "#attributes" && key != "#text") return true;
    }
    return false;
}

// UserData: every leaf element by its name, however deep (up to a depth no
// real event reaches; hostile nesting below it is dropped, not recursed into).
constexpr int kMaxDepth = 64;

void add_leaves(const std::string& name, const ojson& v, event::Event& out, int depth = 0) {
    if (depth > kMaxDepth) return;
    if (v.is_array()) {
        for (const ojson& item : v) add_leaves(name, item, out, depth + 1);
        return;
    }
    if (!has_children(v)) {
        add(out, name, element_text(v));
        return;
    }
    for (const auto& [key, value] : v.items()) {
        if (key != "#attributes" && key != "#text") add_leaves(key, value, out, depth + 1);
    }
}

bool to_event(const ojson& record, evidence::EvidenceId evidence, event::Event& out) {
    const ojson* root = &record;
    if (auto it = record.find("Event"); it != record.end() && it->is_object()) root = &*it;
    auto system = root->find("System");
    if (system == root->end() || !system->is_object()) return false;
    out.source = "evtx";
    add_system(*system, out);
    if (auto data = root->find("EventData"); data != root->end()) add_event_data(*data, out);
    if (auto user = root->find("UserData"); user != root->end()) add_leaves("UserData", *user, out);
    if (const std::string* t = out.value("TimeCreated")) out.time_us = event::parse_time(*t);
    out.provenance.evidence = evidence;
    return true;
}

// N of a "Record N" line (evtx_dump's record header id), if it is one.
std::optional<std::uint64_t> record_number(std::string_view line) {
    constexpr std::string_view kPrefix = "Record ";
    if (!line.starts_with(kPrefix)) return std::nullopt;
    line.remove_prefix(kPrefix.size());
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty() || line.size() > 19) return std::nullopt;
    std::uint64_t n = 0;
    for (char c : line) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

// The end of the JSON object starting at `begin` ('{'), or npos when the
// text ends first.
std::size_t object_end(std::string_view text, std::size_t begin) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = begin; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) return i + 1;
        }
    }
    return std::string_view::npos;
}

}  // namespace

Result<std::vector<event::Event>> events_from_dump_json(std::string_view text, std::string_view origin,
                                                        evidence::EvidenceId evidence) {
    std::vector<event::Event> out;
    std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 byte order mark
    std::uint64_t line = 1;
    std::uint64_t objects = 0;
    std::uint64_t record_line = 0;  // N of a "Record N" line before the object; 0: none
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == '\n') {
            ++line;
            ++pos;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            ++pos;
            continue;
        }
        if (c != '{') {  // "Record 12", or any other line between objects
            const std::size_t eol = text.find('\n', pos);
            record_line = record_number(text.substr(pos, (eol == std::string_view::npos ? text.size() : eol) - pos)).value_or(0);
            pos = eol == std::string_view::npos ? text.size() : eol;
            continue;
        }
        const std::size_t end = object_end(text, pos);
        if (end == std::string_view::npos) {
            return fail(ErrorKind::invalid, "unterminated JSON object", Location::at_line(std::string(origin), line));
        }
        const std::string_view object = text.substr(pos, end - pos);
        ojson record = ojson::parse(object.begin(), object.end(), nullptr, false);
        if (record.is_discarded()) {
            return fail(ErrorKind::invalid, "malformed JSON record", Location::at_line(std::string(origin), line));
        }
        ++objects;
        event::Event e;
        if (to_event(record, evidence, e)) {
            e.provenance.record = record_line != 0 ? record_line : objects;
            e.provenance.line = line;
            e.provenance.offset = pos;
            out.push_back(std::move(e));
        }
        record_line = 0;
        for (char ch : object) line += ch == '\n';
        pos = end;
    }
    return out;
}

}  // namespace trinity::evtx
