// Addresses to bytes and CIDR masking. Addresses are first canonicalised
// by ioc::canonicalize (which validates them), so the parsing here reads
// only well-formed text.
#include "ip_range.h"

#include <cstddef>

#include "trinity/ioc/indicator.h"

namespace trinity::intel::detail {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

void put_ipv4(std::string_view s, std::uint8_t* out) {
    unsigned value = 0;
    std::size_t n = 0;
    for (char c : s) {
        if (c == '.') {
            out[n++] = static_cast<std::uint8_t>(value);
            value = 0;
        } else {
            value = value * 10 + static_cast<unsigned>(c - '0');
        }
    }
    out[n] = static_cast<std::uint8_t>(value);
}

// Reads canonical RFC 5952 text: groups, at most one "::", maybe a dotted
// IPv4 tail (only in the "::ffff:a.b.c.d" form canonicalize writes).
void put_ipv6(std::string_view s, std::uint8_t* out) {
    std::array<std::uint16_t, 8> head{}, tail{};
    std::size_t nhead = 0, ntail = 0;
    const std::size_t gap = s.find("::");
    auto read_groups = [](std::string_view part, std::array<std::uint16_t, 8>& groups, std::size_t& n,
                          std::uint8_t* v4_out) {
        std::size_t pos = 0;
        while (pos < part.size() && n < 8) {
            std::size_t end = part.find(':', pos);
            if (end == std::string_view::npos) end = part.size();
            const std::string_view g = part.substr(pos, end - pos);
            if (g.find('.') != std::string_view::npos) {
                put_ipv4(g, v4_out);
                groups[n++] = static_cast<std::uint16_t>((v4_out[0] << 8) | v4_out[1]);
                if (n < 8) groups[n++] = static_cast<std::uint16_t>((v4_out[2] << 8) | v4_out[3]);
                break;
            }
            unsigned v = 0;
            for (char c : g) v = v * 16 + static_cast<unsigned>(hex_digit(c));
            groups[n++] = static_cast<std::uint16_t>(v);
            pos = end + 1;
        }
    };
    std::uint8_t v4[4] = {};
    if (gap == std::string_view::npos) {
        read_groups(s, head, nhead, v4);
    } else {
        read_groups(s.substr(0, gap), head, nhead, v4);
        read_groups(s.substr(gap + 2), tail, ntail, v4);
    }
    std::array<std::uint16_t, 8> all{};
    for (std::size_t i = 0; i < nhead; ++i) all[i] = head[i];
    for (std::size_t i = 0; i < ntail; ++i) all[8 - ntail + i] = tail[i];
    for (std::size_t i = 0; i < 8; ++i) {
        out[2 * i] = static_cast<std::uint8_t>(all[i] >> 8);
        out[2 * i + 1] = static_cast<std::uint8_t>(all[i] & 0xff);
    }
}

}  // namespace

std::optional<IpBytes> parse_ip(std::string_view text, bool v6) {
    const auto canonical = ioc::canonicalize(v6 ? ioc::IndicatorType::ipv6 : ioc::IndicatorType::ipv4, text);
    if (!canonical) return std::nullopt;
    IpBytes ip;
    ip.v6 = v6;
    if (v6) {
        put_ipv6(*canonical, ip.bytes.data());
    } else {
        put_ipv4(*canonical, ip.bytes.data());
    }
    return ip;
}

std::string masked_key(const IpBytes& ip, int prefix) {
    const std::size_t size = ip.v6 ? 16 : 4;
    std::string key(size + 1, '\0');
    key[0] = static_cast<char>(prefix);
    for (std::size_t i = 0; i < size; ++i) {
        const int bit0 = static_cast<int>(i) * 8;
        std::uint8_t b = ip.bytes[i];
        if (prefix <= bit0) {
            b = 0;
        } else if (prefix < bit0 + 8) {
            b = static_cast<std::uint8_t>(b & (0xff << (8 - (prefix - bit0))));
        }
        key[i + 1] = static_cast<char>(b);
    }
    return key;
}

std::optional<Cidr> parse_cidr(std::string_view text, bool v6) {
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const std::string_view len = text.substr(slash + 1);
    if (len.empty() || len.size() > 3) return std::nullopt;
    int prefix = 0;
    for (char c : len) {
        if (c < '0' || c > '9') return std::nullopt;
        prefix = prefix * 10 + (c - '0');
    }
    auto ip = parse_ip(text.substr(0, slash), v6);
    if (!ip || prefix > ip->bits()) return std::nullopt;
    Cidr cidr;
    cidr.prefix = prefix;
    cidr.network = *ip;
    const std::string key = masked_key(*ip, prefix);
    for (std::size_t i = 1; i < key.size(); ++i) cidr.network.bytes[i - 1] = static_cast<std::uint8_t>(key[i]);
    return cidr;
}

}  // namespace trinity::intel::detail

namespace trinity::intel::detail {

std::string format_cidr(const Cidr& cidr) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    const auto& b = cidr.network.bytes;
    if (!cidr.network.v6) {
        for (std::size_t i = 0; i < 4; ++i) {
            if (i) text += '.';
            text += std::to_string(b[i]);
        }
    } else {
        for (std::size_t i = 0; i < 16; i += 2) {
            if (i) text += ':';
            for (std::uint8_t byte : {b[i], b[i + 1]}) {
                text += kHex[byte >> 4];
                text += kHex[byte & 0xf];
            }
        }
        text = ioc::canonicalize(ioc::IndicatorType::ipv6, text).value_or(text);
    }
    return text + "/" + std::to_string(cidr.prefix);
}

}  // namespace trinity::intel::detail
