// Indicator: one observable (an address, a domain, a hash, ...) in the
// canonical form every part of Trinity compares by.
//
// Extraction (ioc/extract.h) and threat-intel feeds (intel/) both pass what
// they read through canonicalize(), so "EXAMPLE.com.", "example[.]com" after
// refanging and "example.com" are one indicator, and a feed's SHA-256 in
// upper case matches the hash found in a log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trinity::ioc {

enum class IndicatorType : std::uint8_t {
    ipv4,
    ipv6,
    domain,
    url,
    email,
    md5,
    sha1,
    sha256,
    sha512,
    windows_path,
    unix_path,
    registry_key,
    cve,
};
inline constexpr int kIndicatorTypeCount = 13;

// "ipv4", "ipv6", "domain", "url", "email", "md5", "sha1", "sha256",
// "sha512", "windows-path", "unix-path", "registry-key", "cve".
std::string_view to_string(IndicatorType type);
// The names above, plus the spellings feeds use ("ip", "ip-dst", "hostname",
// "filename|sha256" is not one: callers split MISP pairs first). Case-insensitive.
std::optional<IndicatorType> parse_indicator_type(std::string_view name);

// The canonical text of a value of a type, or nullopt when the value is not
// one: IPv4 dotted decimal without leading zeros; IPv6 in RFC 5952 form
// (lower case, longest zero run compressed); domains lower case without a
// trailing dot; hashes lower-case hex of the right length; e-mail lower case;
// URLs with scheme and host lower case, the rest kept; CVE ids upper case;
// paths and registry keys kept as written (trimmed). Defanged input is not
// refanged here (see ioc::refang).
std::optional<std::string> canonicalize(IndicatorType type, std::string_view value);

// The hash type a hex string's length implies (32, 40, 64, 128 digits).
std::optional<IndicatorType> hash_type_for(std::string_view hex);

struct Indicator {
    IndicatorType type = IndicatorType::ipv4;
    std::string value;  // canonical

    friend bool operator==(const Indicator&, const Indicator&) = default;
};

// An indicator from a feed's type name and value: parse_indicator_type, then
// canonicalize. Type names that do not fix the type are settled by the value:
// "ip" (and "ip-src", "ip-dst") is IPv4 or IPv6, "hash" is MD5, SHA-1,
// SHA-256 or SHA-512 by length. nullopt when the type is unknown or the value
// is not of it.
std::optional<Indicator> make_indicator(std::string_view type_name, std::string_view value);

}  // namespace trinity::ioc
