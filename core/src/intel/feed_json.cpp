// JSON helpers for the feed parsers (see feed_json.h).
#include "feed_json.h"

#include "json_positions.h"

namespace trinity::intel::detail {

Location location_in(std::string_view text, std::size_t offset, const std::string& source) {
    return LineCursor(text).at(offset, source);
}

Error json_error(const std::exception& e, std::string_view text, const std::string& source) {
    if (const auto* pe = dynamic_cast<const nlohmann::json::parse_error*>(&e)) {
        // parse_error::byte is 1-based: the byte where reading stopped.
        const std::size_t at = pe->byte > 0 ? pe->byte - 1 : 0;
        std::string message = pe->what();
        // "[json.exception.parse_error.101] parse error at line 1, column 5: ..." → the part after the location.
        const std::size_t colon = message.find(": ");
        if (colon != std::string::npos) message = message.substr(colon + 2);
        return Error{ErrorKind::invalid, "JSON: " + message, location_in(text, at, source)};
    }
    return Error{ErrorKind::invalid, std::string("JSON: ") + e.what(), Location::in(source)};
}

Result<nlohmann::json> parse_json(std::string_view text, const std::string& source) {
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const std::exception& e) {
        return json_error(e, text, source);
    }
}

std::string json_text(const nlohmann::json& obj, std::string_view key) {
    if (!obj.is_object()) return {};
    const auto it = obj.find(key);
    if (it == obj.end()) return {};
    if (it->is_string()) return it->get_ref<const std::string&>();
    if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
    if (it->is_number_unsigned()) return std::to_string(it->get<std::uint64_t>());
    if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
    return {};
}

std::optional<std::int64_t> json_int(const nlohmann::json& obj, std::string_view key) {
    if (!obj.is_object()) return std::nullopt;
    const auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    if (it->is_number_integer()) return it->get<std::int64_t>();
    if (it->is_number_unsigned()) {
        const auto v = it->get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
        return static_cast<std::int64_t>(v);
    }
    if (it->is_string()) {
        const std::string& s = it->get_ref<const std::string&>();
        if (s.empty() || s.size() > 18) return std::nullopt;
        std::int64_t v = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return std::nullopt;
            v = v * 10 + (c - '0');
        }
        return v;
    }
    return std::nullopt;
}

std::optional<bool> json_bool(const nlohmann::json& obj, std::string_view key) {
    if (!obj.is_object()) return std::nullopt;
    const auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    if (it->is_boolean()) return it->get<bool>();
    const std::string s = json_text(obj, key);
    if (s == "1" || s == "true" || s == "True") return true;
    if (s == "0" || s == "false" || s == "False") return false;
    return std::nullopt;
}

const nlohmann::json& json_array(const nlohmann::json& obj, std::string_view key) {
    static const nlohmann::json kEmpty = nlohmann::json::array();
    if (!obj.is_object()) return kEmpty;
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_array()) return kEmpty;
    return *it;
}

}  // namespace trinity::intel::detail
