// Addresses as bytes, for CIDR ranges from feeds: "10.0.0.0/8" in a feed
// covers every address an investigation finds inside it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trinity::intel::detail {

struct IpBytes {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4

    int bits() const { return v6 ? 128 : 32; }
};

// A canonical (or any valid) IPv4 / IPv6 address as bytes.
std::optional<IpBytes> parse_ip(std::string_view text, bool v6);

// The address with every bit after `prefix` cleared, as a lookup key.
std::string masked_key(const IpBytes& ip, int prefix);

struct Cidr {
    IpBytes network;  // host bits cleared
    int prefix = 0;
};

// "192.0.2.0/24", "2001:db8::/32": nullopt when the address or the prefix
// length is not valid. Host bits set in the address are cleared.
std::optional<Cidr> parse_cidr(std::string_view text, bool v6);

}  // namespace trinity::intel::detail

namespace trinity::intel::detail {

// "192.0.2.0/24", "2001:db8::/32" (canonical address text).
std::string format_cidr(const Cidr& cidr);

}  // namespace trinity::intel::detail
