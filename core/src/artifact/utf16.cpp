#include "trinity/artifact/utf16.h"

#include <cstdint>

namespace trinity::artifact {
namespace {

void put_utf8(char*& o, std::uint32_t cp) {
    if (cp < 0x80) {
        *o++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
        *o++ = static_cast<char>(0xc0 | (cp >> 6));
        *o++ = static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        *o++ = static_cast<char>(0xe0 | (cp >> 12));
        *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        *o++ = static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        *o++ = static_cast<char>(0xf0 | (cp >> 18));
        *o++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        *o++ = static_cast<char>(0x80 | (cp & 0x3f));
    }
}

}  // namespace

void append_utf16le(std::string& out, std::span<const std::byte> b) {
    const std::size_t units = b.size() / 2;
    const std::size_t base = out.size();
    // At most 3 bytes per unit (a surrogate pair is 4 bytes for 2 units).
    out.resize(base + units * 3);
    char* const start = out.data() + base;
    char* o = start;
    const auto* p = reinterpret_cast<const unsigned char*>(b.data());
    for (std::size_t i = 0; i < units; ++i) {
        const std::uint32_t u = p[2 * i] | (std::uint32_t{p[2 * i + 1]} << 8);
        if (u < 0x80) {
            *o++ = static_cast<char>(u);
            continue;
        }
        if (u >= 0xd800 && u <= 0xdbff) {
            if (i + 1 < units) {
                const std::uint32_t lo = p[2 * i + 2] | (std::uint32_t{p[2 * i + 3]} << 8);
                if (lo >= 0xdc00 && lo <= 0xdfff) {
                    put_utf8(o, 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00));
                    ++i;
                    continue;
                }
                put_utf8(o, 0xfffd);
            }
            continue;
        }
        put_utf8(o, (u >= 0xdc00 && u <= 0xdfff) ? 0xfffd : u);
    }
    out.resize(base + static_cast<std::size_t>(o - start));
}

}  // namespace trinity::artifact
