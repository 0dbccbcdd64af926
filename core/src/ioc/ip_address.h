// Parsing and formatting of IP addresses, shared inside ioc/ (canonical
// forms, classification, allowlist ranges). Private to core.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trinity::ioc::detail {

// Dotted decimal, no leading zeros.
std::optional<std::array<std::uint8_t, 4>> parse_ipv4(std::string_view s);
std::string format_ipv4(const std::array<std::uint8_t, 4>& octets);
// Any RFC 4291 text form (with "::" and a trailing dotted IPv4 part).
std::optional<std::array<std::uint16_t, 8>> parse_ipv6(std::string_view s);
// RFC 5952.
std::string format_ipv6(const std::array<std::uint16_t, 8>& groups);

}  // namespace trinity::ioc::detail
