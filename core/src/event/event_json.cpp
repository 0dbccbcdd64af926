// JSON object -> Event (see event_json.h).
//
// Both overloads feed one FieldSink: the text overload through nlohmann's
// SAX interface (which hands over the source text of reals and never builds
// a tree), the tree overload by walking the value.
#include "trinity/event/event_json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trinity::event {
namespace {

constexpr std::size_t kMaxDepth = 256;  // nesting deeper than this is refused

// Receives leaf values with their flattened names and builds the Event,
// taking the reserved top-level keys aside.
class FieldSink {
public:
    explicit FieldSink(std::string origin) : origin_(std::move(origin)) { event_.source = "json"; }

    // `top` is true for values directly in the root object.
    bool value(const std::string& name, std::string text, FieldType type, bool top) {
        if (top && name == "_time") {
            if (type == FieldType::null) return true;
            const auto t = parse_time(text);
            if (!t) return refuse(ErrorKind::invalid, "\"_time\" is not a timestamp: " + text);
            event_.time_us = *t;
            return true;
        }
        if (top && name == "_source") {
            if (type != FieldType::string) return refuse(ErrorKind::invalid, "\"_source\" must be a string");
            event_.source = std::move(text);
            return true;
        }
        event_.add(name, std::move(text), type);
        return true;
    }
    // A container under a reserved name is refused.
    bool container(const std::string& name, bool top) {
        if (top && (name == "_time" || name == "_source"))
            return refuse(ErrorKind::invalid, "\"" + name + "\" must be a single value");
        return true;
    }
    bool refuse(ErrorKind kind, std::string message, Location where = {}) {
        if (!error_) {
            if (where.empty()) where = Location::in(origin_);
            error_ = Error{kind, std::move(message), std::move(where)};
        }
        return false;
    }

    Result<Event> finish() {
        if (error_) return *error_;
        return std::move(event_);
    }
    const std::string& origin() const { return origin_; }

private:
    std::string origin_;
    Event event_;
    std::optional<Error> error_;
};

std::string join_key(const std::string& prefix, const std::string& key) {
    return prefix.empty() ? key : prefix + "." + key;
}

// [SECTION] Text: SAX ----------------------------------------------------------

Location line_column(std::string_view text, std::size_t offset, const std::string& origin) {
    std::uint64_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    Location l = Location::at_line(origin, line, column);
    l.offset = offset;
    return l;
}

class FlattenSax {
public:
    using json = nlohmann::json;

    FlattenSax(FieldSink& sink, std::string_view text) : sink_(sink), text_(text) {}

    bool null() { return leaf({}, FieldType::null); }
    bool boolean(bool v) { return leaf(v ? "true" : "false", FieldType::boolean); }
    bool number_integer(json::number_integer_t v) { return leaf(std::to_string(v), FieldType::integer); }
    bool number_unsigned(json::number_unsigned_t v) { return leaf(std::to_string(v), FieldType::integer); }
    bool number_float(json::number_float_t, const json::string_t& s) { return leaf(s, FieldType::real); }
    bool string(json::string_t& s) { return leaf(std::move(s), FieldType::string); }
    bool binary(json::binary_t&) { return sink_.refuse(ErrorKind::unsupported, "binary JSON values"); }

    bool start_object(std::size_t) {
        if (frames_.empty()) {
            frames_.push_back({false, {}, {}});
            return true;
        }
        if (!enter()) return false;
        frames_.push_back({false, name(), {}});
        return true;
    }
    bool key(json::string_t& k) {
        frames_.back().current = join_key(frames_.back().prefix, k);
        return true;
    }
    bool end_object() {
        frames_.pop_back();
        return true;
    }
    bool start_array(std::size_t) {
        if (frames_.empty()) return sink_.refuse(ErrorKind::invalid, "expected a JSON object, found an array");
        if (!enter()) return false;
        const std::string n = name();
        frames_.push_back({true, n, n});
        return true;
    }
    bool end_array() {
        frames_.pop_back();
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
        // position is 1-based: the byte where reading stopped.
        std::string message = ex.what();
        const std::size_t colon = message.find(": ");
        if (colon != std::string::npos) message = message.substr(colon + 2);
        const std::size_t at = position > 0 ? position - 1 : 0;
        return sink_.refuse(ErrorKind::invalid, "JSON: " + message, line_column(text_, at, sink_.origin()));
    }

private:
    struct Frame {
        bool array = false;
        std::string prefix;   // objects: the name their keys extend; arrays: their name
        std::string current;  // the name of the next value
    };

    const std::string& name() const { return frames_.back().current; }
    bool top() const { return frames_.size() == 1 && !frames_.back().array; }
    bool enter() {
        if (frames_.size() >= kMaxDepth) return sink_.refuse(ErrorKind::limit, "JSON nested too deeply");
        return sink_.container(name(), top());
    }
    bool leaf(std::string text, FieldType type) {
        if (frames_.empty()) return sink_.refuse(ErrorKind::invalid, "expected a JSON object");
        return sink_.value(name(), std::move(text), type, top());
    }

    FieldSink& sink_;
    std::string_view text_;
    std::vector<Frame> frames_;
};

// [SECTION] Tree ---------------------------------------------------------------

bool walk(FieldSink& sink, const nlohmann::json& v, const std::string& name, bool top, std::size_t depth) {
    using value_t = nlohmann::json::value_t;
    switch (v.type()) {
        case value_t::object:
        case value_t::array:
            if (depth >= kMaxDepth) return sink.refuse(ErrorKind::limit, "JSON nested too deeply");
            if (!sink.container(name, top)) return false;
            for (auto it = v.begin(); it != v.end(); ++it) {
                const std::string child = v.is_object() ? join_key(name, it.key()) : name;
                if (!walk(sink, it.value(), child, false, depth + 1)) return false;
            }
            return true;
        case value_t::null: return sink.value(name, {}, FieldType::null, top);
        case value_t::boolean: return sink.value(name, v.get<bool>() ? "true" : "false", FieldType::boolean, top);
        case value_t::number_integer:
        case value_t::number_unsigned: return sink.value(name, v.dump(), FieldType::integer, top);
        case value_t::number_float: return sink.value(name, v.dump(), FieldType::real, top);
        case value_t::string: return sink.value(name, v.get<std::string>(), FieldType::string, top);
        case value_t::binary:
        case value_t::discarded: return sink.refuse(ErrorKind::unsupported, "binary or discarded JSON value");
    }
    return true;
}

}  // namespace

Result<Event> event_from_json(std::string_view object_text, std::string_view origin) {
    FieldSink sink{std::string(origin)};
    FlattenSax sax(sink, object_text);
    try {
        nlohmann::json::sax_parse(object_text.begin(), object_text.end(), &sax);
    } catch (const std::exception& e) {
        sink.refuse(ErrorKind::invalid, std::string("JSON: ") + e.what());
    }
    return sink.finish();
}

Result<Event> event_from_json(const nlohmann::json& object) {
    FieldSink sink{"<json>"};
    if (!object.is_object()) return fail(ErrorKind::invalid, std::string("expected a JSON object, found ") + object.type_name());
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!walk(sink, it.value(), it.key(), true, 1)) break;
    }
    return sink.finish();
}

}  // namespace trinity::event
