// Allowlist entries: CIDR ranges, domains with their subdomains, exact values.
#include "trinity/ioc/allowlist.h"

#include <charconv>

#include "ip_address.h"
#include "text_lines.h"

namespace trinity::ioc {
namespace {

std::string key_of(IndicatorType type, std::string_view value) {
    std::string key(1, static_cast<char>('A' + static_cast<int>(type)));
    key += value;
    return key;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// The order in which a bare value's type is guessed.
constexpr IndicatorType kGuessOrder[] = {
    IndicatorType::ipv4, IndicatorType::ipv6, IndicatorType::md5, IndicatorType::sha1, IndicatorType::sha256,
    IndicatorType::sha512, IndicatorType::url, IndicatorType::email, IndicatorType::cve,
    IndicatorType::registry_key, IndicatorType::windows_path, IndicatorType::unix_path};

bool in_range(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& base, unsigned prefix) {
    for (unsigned bit = 0; bit < prefix; bit += 8) {
        const std::size_t i = bit / 8;
        const unsigned bits = prefix - bit >= 8 ? 8 : prefix - bit;
        const auto mask = static_cast<std::uint8_t>(0xff << (8 - bits));
        if ((a[i] & mask) != (base[i] & mask)) return false;
    }
    return true;
}

std::optional<std::array<std::uint8_t, 16>> address_bytes(std::string_view text, bool& v6) {
    std::array<std::uint8_t, 16> out{};
    if (const auto a = detail::parse_ipv4(text)) {
        v6 = false;
        for (std::size_t i = 0; i < 4; ++i) out[i] = (*a)[i];
        return out;
    }
    if (const auto g = detail::parse_ipv6(text)) {
        v6 = true;
        for (std::size_t i = 0; i < 8; ++i) {
            out[2 * i] = static_cast<std::uint8_t>((*g)[i] >> 8);
            out[2 * i + 1] = static_cast<std::uint8_t>((*g)[i] & 0xff);
        }
        return out;
    }
    return std::nullopt;
}

}  // namespace

Allowlist::Parsed Allowlist::parse(std::string_view text, const std::string& source) {
    Parsed parsed;
    std::uint64_t line_no = 0;
    detail::for_each_line(text, [&](std::string_view line) {
        ++line_no;
        if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        line = trim(line);
        if (line.empty() || parsed.allowlist.add(line)) return;
        parsed.errors.push_back(Error{ErrorKind::invalid,
                                      "not an address, range, domain or indicator: '" + std::string(line) + "'",
                                      Location::at_line(source, line_no)});
    });
    return parsed;
}

bool Allowlist::add(std::string_view raw) {
    std::string_view entry = trim(raw);
    if (entry.empty()) return false;
    // A CIDR range.
    if (const std::size_t slash = entry.find('/'); slash != std::string_view::npos && entry.find("://") == std::string_view::npos &&
                                                   entry.front() != '/') {
        Range r;
        const auto bytes = address_bytes(entry.substr(0, slash), r.v6);
        const std::string_view bits = entry.substr(slash + 1);
        unsigned prefix = 0;
        const auto [ptr, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
        if (!bytes || ec != std::errc{} || ptr != bits.data() + bits.size() || prefix > (r.v6 ? 128u : 32u)) return false;
        r.bytes = *bytes;
        r.prefix = prefix;
        ranges_.push_back(r);
        return true;
    }
    for (IndicatorType type : kGuessOrder) {
        if (auto value = canonicalize(type, entry)) {
            if (type == IndicatorType::ipv4 || type == IndicatorType::ipv6) {
                Range r;
                r.bytes = *address_bytes(*value, r.v6);
                r.prefix = r.v6 ? 128 : 32;
                ranges_.push_back(r);
            } else {
                values_.insert(key_of(type, *value));
            }
            return true;
        }
    }
    if (entry.starts_with("*.")) entry.remove_prefix(2);
    if (auto domain = canonicalize(IndicatorType::domain, entry)) {
        domains_.insert(*domain);
        return true;
    }
    return false;
}

bool Allowlist::host_allowed(std::string_view host) const {
    if (domains_.empty()) return false;
    // The host itself, then each parent ("a.b.example.com" -> "b.example.com" -> ...).
    for (;;) {
        if (domains_.count(std::string(host))) return true;
        const std::size_t dot = host.find('.');
        if (dot == std::string_view::npos) return false;
        host.remove_prefix(dot + 1);
    }
}

bool Allowlist::allows(const Indicator& indicator) const {
    if (values_.count(key_of(indicator.type, indicator.value))) return true;
    const std::string& v = indicator.value;
    switch (indicator.type) {
        case IndicatorType::ipv4:
        case IndicatorType::ipv6: {
            bool v6 = false;
            const auto bytes = address_bytes(v, v6);
            if (!bytes) return false;
            for (const Range& r : ranges_)
                if (r.v6 == v6 && in_range(*bytes, r.bytes, r.prefix)) return true;
            return false;
        }
        case IndicatorType::domain: return host_allowed(v);
        case IndicatorType::email: return host_allowed(std::string_view(v).substr(v.rfind('@') + 1));
        case IndicatorType::url: {
            const std::size_t start = v.find("://");
            if (start == std::string::npos) return false;
            std::string_view authority = std::string_view(v).substr(start + 3);
            authority = authority.substr(0, authority.find_first_of("/?#"));
            if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
            if (!authority.empty() && authority.front() == '[') {
                const std::string_view host = authority.substr(1, authority.find(']') - 1);
                return allows(Indicator{IndicatorType::ipv6, std::string(host)});
            }
            const std::string_view host = authority.substr(0, authority.find(':'));
            if (detail::parse_ipv4(host)) return allows(Indicator{IndicatorType::ipv4, std::string(host)});
            return host_allowed(host);
        }
        default: return false;
    }
}

std::size_t Allowlist::size() const { return ranges_.size() + domains_.size() + values_.size(); }

}  // namespace trinity::ioc
