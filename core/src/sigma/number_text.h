// Numbers as Sigma rules and events write them: "42", "-1.5", "1e3", with
// blanks around ignored and an optional '+'; "0x1F" as hex when asked.
// std::from_chars for double is missing from Emscripten's libc++, so this
// validates the characters itself and reads with strtod (the C locale).
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace trinity::sigma::detail {

inline std::optional<double> parse_number(std::string_view text, bool allow_hex = false) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty() || text.size() >= 64) return std::nullopt;
    if (allow_hex && text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        std::uint64_t v = 0;
        const auto [ptr, ec] = std::from_chars(text.data() + 2, text.data() + text.size(), v, 16);
        if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
        return static_cast<double>(v);
    }
    bool digit = false;
    for (const char c : text) {
        if (c >= '0' && c <= '9') digit = true;
        else if (c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') return std::nullopt;
    }
    if (!digit) return std::nullopt;
    char buffer[64];
    text.copy(buffer, text.size());
    buffer[text.size()] = '\0';
    char* end = nullptr;
    const double value = std::strtod(buffer, &end);
    if (end != buffer + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace trinity::sigma::detail
