// Canonical forms of indicators. Written by hand rather than with
// inet_pton/inet_ntop so that native and wasm builds agree byte for byte
// and nothing depends on the C library's notion of an address.
#include "trinity/ioc/indicator.h"

#include "ip_address.h"

#include <array>
#include <cstddef>

namespace trinity::ioc {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) {
    if (is_digit(c)) return c - '0';
    return lower(c) - 'a' + 10;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

bool equals_folded(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

}  // namespace

// [SECTION] IPv4 and IPv6 (shared with the rest of ioc/ through ip_address.h)

namespace detail {
// Four decimal octets; a leading zero ("010") is refused: some tools read it
// as octal, so its meaning is not certain.
std::optional<std::array<std::uint8_t, 4>> parse_ipv4(std::string_view s) {
    std::array<std::uint8_t, 4> octets{};
    std::size_t pos = 0;
    for (int i = 0; i < 4; ++i) {
        if (i > 0) {
            if (pos >= s.size() || s[pos] != '.') return std::nullopt;
            ++pos;
        }
        const std::size_t start = pos;
        unsigned value = 0;
        while (pos < s.size() && is_digit(s[pos]) && pos - start < 3) value = value * 10 + static_cast<unsigned>(s[pos++] - '0');
        const std::size_t digits = pos - start;
        if (digits == 0 || value > 255 || (digits > 1 && s[start] == '0')) return std::nullopt;
        octets[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(value);
    }
    if (pos != s.size()) return std::nullopt;
    return octets;
}

std::string format_ipv4(const std::array<std::uint8_t, 4>& o) {
    std::string out;
    for (std::size_t i = 0; i < 4; ++i) {
        if (i) out += '.';
        out += std::to_string(o[i]);
    }
    return out;
}

std::optional<std::array<std::uint16_t, 8>> parse_ipv6(std::string_view s) {
    std::array<std::uint16_t, 8> groups{};
    std::size_t count = 0;
    int gap = -1;  // index in groups where "::" stands
    std::size_t pos = 0;
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        pos = 2;
        if (pos == s.size()) return groups;  // "::"
    } else if (!s.empty() && s[0] == ':') {
        return std::nullopt;
    }
    while (pos < s.size()) {
        // An embedded IPv4 address ends the text and fills two groups.
        const std::size_t next_colon = s.find(':', pos);
        const std::string_view rest = s.substr(pos, next_colon == std::string_view::npos ? std::string_view::npos : next_colon - pos);
        if (next_colon == std::string_view::npos && rest.find('.') != std::string_view::npos) {
            const auto v4 = parse_ipv4(rest);
            if (!v4 || count + 2 > 8) return std::nullopt;
            groups[count++] = static_cast<std::uint16_t>(((*v4)[0] << 8) | (*v4)[1]);
            groups[count++] = static_cast<std::uint16_t>(((*v4)[2] << 8) | (*v4)[3]);
            pos = s.size();
            break;
        }
        if (rest.empty() || rest.size() > 4 || count >= 8) return std::nullopt;
        unsigned value = 0;
        for (char c : rest) {
            if (!is_hex(c)) return std::nullopt;
            value = value * 16 + static_cast<unsigned>(hex_value(c));
        }
        groups[count++] = static_cast<std::uint16_t>(value);
        pos += rest.size();
        if (pos == s.size()) break;
        ++pos;  // the ':'
        if (pos < s.size() && s[pos] == ':') {
            if (gap >= 0) return std::nullopt;  // a second "::"
            gap = static_cast<int>(count);
            ++pos;
            if (pos == s.size()) break;
        } else if (pos == s.size()) {
            return std::nullopt;  // a trailing single ':'
        }
    }
    if (gap < 0) {
        if (count != 8) return std::nullopt;
        return groups;
    }
    if (count >= 8) return std::nullopt;  // "::" must stand for at least one group
    std::array<std::uint16_t, 8> full{};
    const std::size_t g = static_cast<std::size_t>(gap);
    const std::size_t zeros = 8 - count;
    for (std::size_t i = 0; i < g; ++i) full[i] = groups[i];
    for (std::size_t i = g; i < count; ++i) full[i + zeros] = groups[i];
    return full;
}

// RFC 5952: lower case, no leading zeros, the longest run of two or more
// zero groups (the first on a tie) as "::", IPv4-mapped addresses dotted.
std::string format_ipv6(const std::array<std::uint16_t, 8>& g) {
    static constexpr char kHex[] = "0123456789abcdef";
    const bool mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
    if (mapped) {
        return "::ffff:" + format_ipv4({static_cast<std::uint8_t>(g[6] >> 8), static_cast<std::uint8_t>(g[6] & 0xff),
                                        static_cast<std::uint8_t>(g[7] >> 8), static_cast<std::uint8_t>(g[7] & 0xff)});
    }
    int best_start = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        if (g[static_cast<std::size_t>(i)] != 0) { ++i; continue; }
        int j = i;
        while (j < 8 && g[static_cast<std::size_t>(j)] == 0) ++j;
        if (j - i > best_len && j - i >= 2) { best_start = i; best_len = j - i; }
        i = j;
    }
    std::string out;
    for (int i = 0; i < 8; ++i) {
        if (i == best_start) {
            out += "::";
            i += best_len - 1;
            continue;
        }
        if (!out.empty() && out.back() != ':') out += ':';
        const unsigned v = g[static_cast<std::size_t>(i)];
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            const unsigned digit = (v >> shift) & 0xf;
            if (digit || started || shift == 0) { out += kHex[digit]; started = true; }
        }
    }
    return out;
}

}  // namespace detail

namespace {

using detail::format_ipv4;
using detail::format_ipv6;
using detail::parse_ipv4;
using detail::parse_ipv6;

// [SECTION] Names

bool valid_label(std::string_view label) {
    if (label.empty() || label.size() > 63) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
        const auto u = static_cast<unsigned char>(c);
        const bool ok = (c >= 'a' && c <= 'z') || is_digit(c) || c == '-' || c == '_' || u >= 0x80;
        if (!ok) return false;
    }
    return true;
}

std::optional<std::string> canonical_domain(std::string_view value) {
    std::string d = to_lower(value);
    if (!d.empty() && d.back() == '.') d.pop_back();
    if (d.empty() || d.size() > 253) return std::nullopt;
    std::size_t labels = 0, start = 0;
    for (;;) {
        const std::size_t dot = d.find('.', start);
        const std::string_view label = std::string_view(d).substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!valid_label(label)) return std::nullopt;
        ++labels;
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    if (labels < 2) return std::nullopt;
    // The last label is a TLD: never all digits (that would be an address).
    const std::string_view tld = std::string_view(d).substr(d.rfind('.') + 1);
    bool all_digits = true;
    for (char c : tld) all_digits = all_digits && is_digit(c);
    if (all_digits) return std::nullopt;
    return d;
}

std::optional<std::string> canonical_url(std::string_view value) {
    const std::size_t sep = value.find("://");
    if (sep == std::string_view::npos || sep == 0) return std::nullopt;
    for (std::size_t i = 0; i < sep; ++i) {
        const char c = value[i];
        const bool ok = (lower(c) >= 'a' && lower(c) <= 'z') || (i > 0 && (is_digit(c) || c == '+' || c == '-' || c == '.'));
        if (!ok) return std::nullopt;
    }
    const std::size_t authority_start = sep + 3;
    std::size_t authority_end = value.find_first_of("/?#", authority_start);
    if (authority_end == std::string_view::npos) authority_end = value.size();
    const std::string_view authority = value.substr(authority_start, authority_end - authority_start);
    const std::size_t at = authority.rfind('@');
    const std::string_view userinfo = at == std::string_view::npos ? std::string_view{} : authority.substr(0, at + 1);
    const std::string_view hostport = at == std::string_view::npos ? authority : authority.substr(at + 1);
    if (hostport.empty()) return std::nullopt;
    for (char c : value)
        if (static_cast<unsigned char>(c) <= 0x20) return std::nullopt;
    std::string out = to_lower(value.substr(0, authority_start));
    out += userinfo;
    out += to_lower(hostport);
    out += value.substr(authority_end);
    return out;
}

std::optional<std::string> canonical_email(std::string_view value) {
    const std::size_t at = value.rfind('@');
    if (at == std::string_view::npos || at == 0 || at > 64) return std::nullopt;
    for (std::size_t i = 0; i < at; ++i) {
        const char c = value[i];
        const bool ok = (lower(c) >= 'a' && lower(c) <= 'z') || is_digit(c) ||
                        std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) != std::string_view::npos;
        if (!ok) return std::nullopt;
    }
    const auto domain = canonical_domain(value.substr(at + 1));
    if (!domain) return std::nullopt;
    return to_lower(value.substr(0, at + 1)) + *domain;
}

std::optional<std::string> canonical_hash(std::string_view value, std::size_t digits) {
    if (value.size() != digits) return std::nullopt;
    for (char c : value)
        if (!is_hex(c)) return std::nullopt;
    return to_lower(value);
}

std::optional<std::string> canonical_cve(std::string_view value) {
    if (value.size() < 13 || !equals_folded(value.substr(0, 4), "cve-")) return std::nullopt;
    for (std::size_t i = 4; i < 8; ++i)
        if (!is_digit(value[i])) return std::nullopt;
    if (value[8] != '-') return std::nullopt;
    for (std::size_t i = 9; i < value.size(); ++i)
        if (!is_digit(value[i])) return std::nullopt;
    std::string out(value);
    for (char& c : out) c = upper(c);
    return out;
}

bool starts_with_folded(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && equals_folded(s.substr(0, prefix.size()), prefix);
}

std::optional<std::string> canonical_windows_path(std::string_view value) {
    const bool drive = value.size() >= 3 && lower(value[0]) >= 'a' && lower(value[0]) <= 'z' && value[1] == ':' &&
                       (value[2] == '\\' || value[2] == '/');
    const bool unc = value.size() >= 3 && value[0] == '\\' && value[1] == '\\';
    const bool env = value.size() >= 3 && value[0] == '%' && value.find('%', 1) != std::string_view::npos;
    if (!drive && !unc && !env) return std::nullopt;
    return std::string(value);
}

std::optional<std::string> canonical_registry_key(std::string_view value) {
    static constexpr std::string_view kRoots[] = {
        "HKEY_LOCAL_MACHINE", "HKEY_CURRENT_USER", "HKEY_USERS", "HKEY_CLASSES_ROOT", "HKEY_CURRENT_CONFIG",
        "HKLM", "HKCU", "HKU", "HKCR", "HKCC", "\\REGISTRY\\"};
    for (std::string_view root : kRoots) {
        if (!starts_with_folded(value, root)) continue;
        if (root.back() == '\\' || value.size() == root.size() || value[root.size()] == '\\')
            return std::string(value);
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(IndicatorType type) {
    switch (type) {
        case IndicatorType::ipv4: return "ipv4";
        case IndicatorType::ipv6: return "ipv6";
        case IndicatorType::domain: return "domain";
        case IndicatorType::url: return "url";
        case IndicatorType::email: return "email";
        case IndicatorType::md5: return "md5";
        case IndicatorType::sha1: return "sha1";
        case IndicatorType::sha256: return "sha256";
        case IndicatorType::sha512: return "sha512";
        case IndicatorType::windows_path: return "windows-path";
        case IndicatorType::unix_path: return "unix-path";
        case IndicatorType::registry_key: return "registry-key";
        case IndicatorType::cve: return "cve";
    }
    return "unknown";
}

std::optional<IndicatorType> parse_indicator_type(std::string_view name) {
    struct Alias {
        std::string_view name;
        IndicatorType type;
    };
    static constexpr Alias kAliases[] = {
        {"ipv4", IndicatorType::ipv4}, {"ipv4-addr", IndicatorType::ipv4}, {"ip", IndicatorType::ipv4},
        {"ip-src", IndicatorType::ipv4}, {"ip-dst", IndicatorType::ipv4}, {"ipv6", IndicatorType::ipv6},
        {"ipv6-addr", IndicatorType::ipv6}, {"domain", IndicatorType::domain},
        {"domain-name", IndicatorType::domain}, {"hostname", IndicatorType::domain},
        {"fqdn", IndicatorType::domain}, {"url", IndicatorType::url}, {"uri", IndicatorType::url},
        {"link", IndicatorType::url}, {"email", IndicatorType::email}, {"email-addr", IndicatorType::email},
        {"email-src", IndicatorType::email}, {"email-dst", IndicatorType::email}, {"md5", IndicatorType::md5},
        {"sha1", IndicatorType::sha1}, {"sha-1", IndicatorType::sha1}, {"sha256", IndicatorType::sha256},
        {"sha-256", IndicatorType::sha256}, {"sha512", IndicatorType::sha512}, {"sha-512", IndicatorType::sha512},
        {"hash", IndicatorType::sha256}, {"windows-path", IndicatorType::windows_path},
        {"filepath", IndicatorType::windows_path}, {"file-path", IndicatorType::windows_path},
        {"unix-path", IndicatorType::unix_path}, {"registry-key", IndicatorType::registry_key},
        {"regkey", IndicatorType::registry_key}, {"windows-registry-key", IndicatorType::registry_key},
        {"cve", IndicatorType::cve}, {"vulnerability", IndicatorType::cve},
    };
    const std::string_view trimmed = trim(name);
    for (const Alias& alias : kAliases)
        if (equals_folded(trimmed, alias.name)) return alias.type;
    return std::nullopt;
}

std::optional<std::string> canonicalize(IndicatorType type, std::string_view raw) {
    const std::string_view value = trim(raw);
    if (value.empty()) return std::nullopt;
    switch (type) {
        case IndicatorType::ipv4: {
            const auto v4 = parse_ipv4(value);
            if (!v4) return std::nullopt;
            return format_ipv4(*v4);
        }
        case IndicatorType::ipv6: {
            if (value.find(':') == std::string_view::npos) return std::nullopt;
            const auto v6 = parse_ipv6(value);
            if (!v6) return std::nullopt;
            return format_ipv6(*v6);
        }
        case IndicatorType::domain: return canonical_domain(value);
        case IndicatorType::url: return canonical_url(value);
        case IndicatorType::email: return canonical_email(value);
        case IndicatorType::md5: return canonical_hash(value, 32);
        case IndicatorType::sha1: return canonical_hash(value, 40);
        case IndicatorType::sha256: return canonical_hash(value, 64);
        case IndicatorType::sha512: return canonical_hash(value, 128);
        case IndicatorType::windows_path: return canonical_windows_path(value);
        case IndicatorType::unix_path:
            if (value.front() != '/' || value.size() < 2) return std::nullopt;
            return std::string(value);
        case IndicatorType::registry_key: return canonical_registry_key(value);
        case IndicatorType::cve: return canonical_cve(value);
    }
    return std::nullopt;
}

std::optional<IndicatorType> hash_type_for(std::string_view hex) {
    for (char c : hex)
        if (!is_hex(c)) return std::nullopt;
    switch (hex.size()) {
        case 32: return IndicatorType::md5;
        case 40: return IndicatorType::sha1;
        case 64: return IndicatorType::sha256;
        case 128: return IndicatorType::sha512;
        default: return std::nullopt;
    }
}

std::optional<Indicator> make_indicator(std::string_view type_name, std::string_view raw) {
    const std::string_view name = trim(type_name);
    const std::string_view value = trim(raw);
    std::optional<IndicatorType> type;
    if (equals_folded(name, "ip") || equals_folded(name, "ip-src") || equals_folded(name, "ip-dst")) {
        type = value.find(':') != std::string_view::npos ? IndicatorType::ipv6 : IndicatorType::ipv4;
    } else if (equals_folded(name, "hash")) {
        type = hash_type_for(value);
    } else {
        type = parse_indicator_type(name);
    }
    if (!type) return std::nullopt;
    auto canonical = canonicalize(*type, value);
    if (!canonical) return std::nullopt;
    return Indicator{*type, std::move(*canonical)};
}

}  // namespace trinity::ioc
