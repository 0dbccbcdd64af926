// Address classes by the IANA special-purpose registries (RFC 6890 and
// successors). The first matching range wins, most specific first.
#include "trinity/ioc/address_class.h"

#include <array>
#include <cstdint>

#include "ip_address.h"

namespace trinity::ioc {
namespace {

struct Range4 {
    std::uint32_t base;
    unsigned prefix;
    AddressClass cls;
};

constexpr std::uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) {
    return (a << 24) | (b << 16) | (c << 8) | d;
}

constexpr Range4 kRanges4[] = {
    {v4(0, 0, 0, 0), 32, AddressClass::unspecified},
    {v4(255, 255, 255, 255), 32, AddressClass::reserved},  // limited broadcast
    {v4(0, 0, 0, 0), 8, AddressClass::reserved},           // "this network"
    {v4(10, 0, 0, 0), 8, AddressClass::private_},
    {v4(100, 64, 0, 0), 10, AddressClass::cgnat},
    {v4(127, 0, 0, 0), 8, AddressClass::loopback},
    {v4(169, 254, 0, 0), 16, AddressClass::link_local},
    {v4(172, 16, 0, 0), 12, AddressClass::private_},
    {v4(192, 0, 0, 0), 24, AddressClass::reserved},        // IETF protocol assignments
    {v4(192, 0, 2, 0), 24, AddressClass::documentation},   // TEST-NET-1
    {v4(192, 88, 99, 0), 24, AddressClass::reserved},      // deprecated 6to4 relay
    {v4(192, 168, 0, 0), 16, AddressClass::private_},
    {v4(198, 18, 0, 0), 15, AddressClass::reserved},       // benchmarking
    {v4(198, 51, 100, 0), 24, AddressClass::documentation},  // TEST-NET-2
    {v4(203, 0, 113, 0), 24, AddressClass::documentation},   // TEST-NET-3
    {v4(224, 0, 0, 0), 4, AddressClass::multicast},
    {v4(240, 0, 0, 0), 4, AddressClass::reserved},
};

bool in_range(std::uint32_t address, std::uint32_t base, unsigned prefix) {
    const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
    return (address & mask) == (base & mask);
}

AddressClass class_of(std::uint32_t address) {
    for (const Range4& r : kRanges4)
        if (in_range(address, r.base, r.prefix)) return r.cls;
    return AddressClass::public_;
}

}  // namespace

std::string_view to_string(AddressClass c) {
    switch (c) {
        case AddressClass::public_: return "public";
        case AddressClass::private_: return "private";
        case AddressClass::loopback: return "loopback";
        case AddressClass::link_local: return "link-local";
        case AddressClass::multicast: return "multicast";
        case AddressClass::cgnat: return "cgnat";
        case AddressClass::documentation: return "documentation";
        case AddressClass::unspecified: return "unspecified";
        case AddressClass::reserved: return "reserved";
    }
    return "unknown";
}

std::optional<AddressClass> classify_ipv4(std::string_view canonical) {
    const auto o = detail::parse_ipv4(canonical);
    if (!o) return std::nullopt;
    return class_of(v4((*o)[0], (*o)[1], (*o)[2], (*o)[3]));
}

std::optional<AddressClass> classify_ipv6(std::string_view canonical) {
    const auto g = detail::parse_ipv6(canonical);
    if (!g) return std::nullopt;
    const auto& a = *g;
    bool zero_head = true;  // the first 96 bits
    for (std::size_t i = 0; i < 6; ++i) zero_head = zero_head && a[i] == 0;
    if (zero_head && a[6] == 0 && a[7] == 0) return AddressClass::unspecified;
    if (zero_head && a[6] == 0 && a[7] == 1) return AddressClass::loopback;
    bool mapped = true;
    for (std::size_t i = 0; i < 5; ++i) mapped = mapped && a[i] == 0;
    if (mapped && a[5] == 0xffff) return class_of((std::uint32_t{a[6]} << 16) | a[7]);
    if ((a[0] & 0xfe00) == 0xfc00) return AddressClass::private_;     // fc00::/7
    if ((a[0] & 0xffc0) == 0xfe80) return AddressClass::link_local;   // fe80::/10
    if ((a[0] & 0xff00) == 0xff00) return AddressClass::multicast;    // ff00::/8
    if (a[0] == 0x2001 && a[1] == 0x0db8) return AddressClass::documentation;  // 2001:db8::/32
    if (a[0] == 0x3fff && (a[1] & 0xf000) == 0) return AddressClass::documentation;  // 3fff::/20
    if (a[0] == 0x0100 && a[1] == 0 && a[2] == 0 && a[3] == 0) return AddressClass::reserved;  // discard 100::/64
    if (a[0] == 0x2001 && a[1] < 0x0200) return AddressClass::reserved;  // 2001::/23 IETF protocol assignments
    if ((a[0] & 0xe000) != 0x2000) return AddressClass::reserved;        // outside global unicast 2000::/3
    return AddressClass::public_;
}

std::optional<AddressClass> classify(const Indicator& indicator) {
    if (indicator.type == IndicatorType::ipv4) return classify_ipv4(indicator.value);
    if (indicator.type == IndicatorType::ipv6) return classify_ipv6(indicator.value);
    return std::nullopt;
}

}  // namespace trinity::ioc
