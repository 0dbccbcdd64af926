#include "trinity/event/event.h"

#include <cstring>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "trinity/text/json_text.h"

namespace trinity::event {

std::string_view to_string(FieldType type) {
    switch (type) {
        case FieldType::string: return "string";
        case FieldType::integer: return "integer";
        case FieldType::real: return "real";
        case FieldType::boolean: return "boolean";
        case FieldType::null: return "null";
    }
    return "string";
}

const Field* Event::find(std::string_view name) const {
    // Sizes and first bytes first: most names differ there, and this runs
    // for every logsource test of every event.
    if (name.empty()) {
        for (const auto& f : fields) {
            if (f.name.empty()) return &f;
        }
        return nullptr;
    }
    for (const auto& f : fields) {
        if (f.name.size() == name.size() && f.name[0] == name[0] &&
            std::memcmp(f.name.data(), name.data(), name.size()) == 0) {
            return &f;
        }
    }
    return nullptr;
}

const std::string* Event::value(std::string_view name) const {
    const Field* f = find(name);
    return f ? &f->value : nullptr;
}

void Event::add(std::string name, std::string value, FieldType type) {
    fields.push_back(Field{std::move(name), std::move(value), type});
}

namespace {

// A JSON number only when the text is one that survives the trip: a
// 20-digit integer or "1e999" stays a string rather than being rounded.
bool is_exact_integer(std::string_view v) {
    if (v.empty()) return false;
    const char* end = v.data() + v.size();
    if (v[0] == '-') {
        long long x = 0;
        auto [p, ec] = std::from_chars(v.data(), end, x);
        return ec == std::errc{} && p == end && v != "-0" && (v.size() < 2 || v[1] != '0');
    }
    unsigned long long x = 0;
    auto [p, ec] = std::from_chars(v.data(), end, x);
    return ec == std::errc{} && p == end && (v.size() == 1 || v[0] != '0');
}

bool is_finite_real(std::string_view v) {
    if (v.empty() || v[0] == '+' || v[0] == '.' || v.back() == '.') return false;
    if (v.find_first_not_of("0123456789+-.eE") != std::string_view::npos) return false;
    // No std::from_chars for doubles in Emscripten 3.1.6's libc++.
    const std::string copy(v);
    char* end = nullptr;
    const double x = std::strtod(copy.c_str(), &end);
    return end == copy.c_str() + copy.size() && std::isfinite(x);
}

void append_value(std::string& out, const Field& f) {
    switch (f.type) {
        case FieldType::null: out += "null"; return;
        case FieldType::boolean: out += f.value == "true" ? "true" : "false"; return;
        case FieldType::integer:
            if (is_exact_integer(f.value)) {
                out += f.value;
                return;
            }
            break;
        case FieldType::real:
            if (is_finite_real(f.value)) {
                out += f.value;
                return;
            }
            break;
        case FieldType::string: break;
    }
    text::append_json_string(out, f.value);
}

}  // namespace

std::string to_json(const Event& event) {
    std::string out = "{";
    auto key = [&](std::string_view k) {
        if (out.size() > 1) out.push_back(',');
        text::append_json_string(out, k);
        out.push_back(':');
    };
    if (event.time_us) {
        key("_time");
        text::append_json_string(out, format_time(*event.time_us));
    }
    key("_source");
    text::append_json_string(out, event.source);
    key("_evidence");
    out += std::to_string(event.provenance.evidence);
    key("_record");
    out += std::to_string(event.provenance.record);
    if (event.provenance.line) {
        key("_line");
        out += std::to_string(event.provenance.line);
    }
    if (event.provenance.recovered) {
        key("_recovered");
        out += "true";
    }
    // A name that repeats becomes one array, at the place of its first use.
    const auto& fields = event.fields;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        bool seen = false;
        for (std::size_t j = 0; j < i && !seen; ++j) seen = fields[j].name == fields[i].name;
        if (seen) continue;
        std::size_t count = 1;
        for (std::size_t j = i + 1; j < fields.size(); ++j) count += fields[j].name == fields[i].name;
        key(fields[i].name);
        if (count == 1) {
            append_value(out, fields[i]);
            continue;
        }
        out.push_back('[');
        for (std::size_t j = i; j < fields.size(); ++j) {
            if (fields[j].name != fields[i].name) continue;
            if (out.back() != '[') out.push_back(',');
            append_value(out, fields[j]);
        }
        out.push_back(']');
    }
    out.push_back('}');
    return out;
}

}  // namespace trinity::event
