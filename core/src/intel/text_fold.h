// ASCII case folding and trimming shared by the feed parsers (feeds spell
// type names, verdicts and keys in any case, with stray blanks).
#pragma once

#include <string>
#include <string_view>

namespace trinity::intel::detail {

inline char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower_ascii(c);
    return out;
}

// Without leading and trailing spaces, tabs and line ends.
inline std::string_view trimmed(std::string_view s) {
    constexpr std::string_view kBlank = " \t\r\n";
    const std::size_t first = s.find_first_not_of(kBlank);
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(kBlank) - first + 1);
}

// "5f0c2c71-8a3e-4c4b-9a2e-0c2b9f1d7e10": MISP names events by these.
inline bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = lower_ascii(s[i]);
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        if (dash ? c != '-' : !hex) return false;
    }
    return true;
}

}  // namespace trinity::intel::detail
