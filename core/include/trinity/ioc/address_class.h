// The class of an IP address: is it a host on the internet, or private,
// loopback, link-local, multicast, shared (CGNAT), documentation, reserved?
// The CLI and the UI show it beside every address; analysts filter the
// public ones.
#pragma once

#include <optional>
#include <string_view>

#include "trinity/ioc/indicator.h"

namespace trinity::ioc {

enum class AddressClass {
    public_,        // routable on the internet
    private_,       // RFC 1918, IPv6 unique local fc00::/7
    loopback,       // 127.0.0.0/8, ::1
    link_local,     // 169.254.0.0/16, fe80::/10
    multicast,      // 224.0.0.0/4, ff00::/8
    cgnat,          // 100.64.0.0/10 (shared address space, RFC 6598)
    documentation,  // 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32
    unspecified,    // 0.0.0.0, ::
    reserved,       // 0.0.0.0/8, 240.0.0.0/4, broadcast, 192.0.0.0/24, 198.18.0.0/15, ...
};

// "public", "private", "loopback", "link-local", "multicast", "cgnat",
// "documentation", "unspecified", "reserved".
std::string_view to_string(AddressClass c);

// The class of a canonical IPv4 or IPv6 indicator; nullopt for other types
// (or a value that is not an address). IPv4-mapped IPv6 addresses
// (::ffff:a.b.c.d) take the class of their IPv4 address.
std::optional<AddressClass> classify(const Indicator& indicator);
std::optional<AddressClass> classify_ipv4(std::string_view canonical);
std::optional<AddressClass> classify_ipv6(std::string_view canonical);

}  // namespace trinity::ioc
