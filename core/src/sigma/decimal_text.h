// Decimal numbers in rule and event text, as std::from_chars reads them
// (no leading '+' or space, no hex): Emscripten 3.1.6's libc++ has no
// from_chars for double, so strtod reads a checked copy.
#pragma once

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace trinity::sigma::detail {

inline std::optional<double> parse_decimal(std::string_view text) {
    if (text.empty() || text.find_first_not_of("0123456789+-.eE") != std::string_view::npos || text[0] == '+') {
        return std::nullopt;
    }
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace trinity::sigma::detail
