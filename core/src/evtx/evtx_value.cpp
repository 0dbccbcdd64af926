// Rendering BinXML values as text, the way Windows writes them in event XML.
#include <algorithm>
#include <array>
#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "trinity/artifact/codepage.h"
#include "trinity/artifact/utf16.h"
#include "trinity/event/event.h"
#include "trinity/artifact/text_encoding.h"
#include "trinity/evtx/evtx.h"

namespace trinity::evtx {
namespace {

template <class T>
T load(const std::byte* p) {
    T v;
    std::memcpy(&v, p, sizeof v);  // EVTX is little-endian, as are our targets
    return v;
}

// Integers without printf: values are formatted millions of times a file.
template <class T>
void append_int(std::string& out, T v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

template <class T>
void append_hex(std::string& out, T v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, 16);
    out += "0x";
    out.append(buf, r.ptr);
}

// `v` as exactly `digits` upper-case hex digits.
void append_hex_fixed(std::string& out, std::uint64_t v, int digits) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(v >> shift) & 0xf];
}

// `v` as exactly `digits` decimal digits (zero-padded).
void append_dec_fixed(std::string& out, std::uint64_t v, int digits) {
    char buf[20];
    for (int i = digits - 1; i >= 0; --i) {
        buf[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    out.append(buf, static_cast<std::size_t>(digits));
}

void append_printf(std::string& out, const char* fmt, auto... args) {
    char buf[64];
    const int n = std::snprintf(buf, sizeof buf, fmt, args...);
    if (n > 0) out.append(buf, static_cast<std::size_t>(std::min<int>(n, sizeof buf - 1)));
}

void append_hex_bytes(std::string& out, std::span<const std::byte> bytes) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (auto b : bytes) {
        const auto v = static_cast<std::uint8_t>(b);
        out += kHex[v >> 4];
        out += kHex[v & 0xf];
    }
}

void append_guid(std::string& out, const std::byte* p) {
    out += '{';
    append_hex_fixed(out, load<std::uint32_t>(p), 8);
    out += '-';
    append_hex_fixed(out, load<std::uint16_t>(p + 4), 4);
    out += '-';
    append_hex_fixed(out, load<std::uint16_t>(p + 6), 4);
    out += '-';
    append_hex_bytes(out, std::span(p + 8, 2));
    out += '-';
    append_hex_bytes(out, std::span(p + 10, 6));
    out += '}';
}

// S-R-A-S1-S2-...: revision, 48-bit big-endian authority, 32-bit sub-authorities.
bool append_sid(std::string& out, std::span<const std::byte> b) {
    if (b.size() < 8) return false;
    const auto revision = static_cast<std::uint8_t>(b[0]);
    const auto count = static_cast<std::uint8_t>(b[1]);
    if (b.size() < 8 + 4u * count) return false;
    std::uint64_t authority = 0;
    for (int i = 2; i < 8; ++i) authority = (authority << 8) | static_cast<std::uint8_t>(b[i]);
    out += "S-";
    append_int(out, unsigned{revision});
    out += '-';
    append_int(out, authority);
    for (unsigned i = 0; i < count; ++i) {
        out += '-';
        append_int(out, load<std::uint32_t>(b.data() + 8 + 4 * i));
    }
    return true;
}

void append_systemtime(std::string& out, const std::byte* p) {
    append_printf(out, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", load<std::uint16_t>(p), load<std::uint16_t>(p + 2),
                  load<std::uint16_t>(p + 6), load<std::uint16_t>(p + 8), load<std::uint16_t>(p + 10),
                  load<std::uint16_t>(p + 12), load<std::uint16_t>(p + 14));
}

// Strips the NUL terminators Windows leaves at the end of strings.
std::span<const std::byte> trim_utf16_nul(std::span<const std::byte> b) {
    std::size_t n = b.size() & ~std::size_t{1};
    while (n >= 2 && b[n - 1] == std::byte{0} && b[n - 2] == std::byte{0}) n -= 2;
    return b.first(n);
}

std::span<const std::byte> trim_nul(std::span<const std::byte> b) {
    std::size_t n = b.size();
    while (n > 0 && b[n - 1] == std::byte{0}) --n;
    return b.first(n);
}

std::size_t element_size(std::uint8_t type, std::size_t total) {
    switch (static_cast<ValueType>(type)) {
        case ValueType::int8: case ValueType::uint8: return 1;
        case ValueType::int16: case ValueType::uint16: return 2;
        case ValueType::int32: case ValueType::uint32: case ValueType::real32:
        case ValueType::boolean: case ValueType::hex_int32: return 4;
        case ValueType::int64: case ValueType::uint64: case ValueType::real64:
        case ValueType::filetime: case ValueType::hex_int64: return 8;
        case ValueType::guid: case ValueType::systemtime: return 16;
        case ValueType::size_t_: return total % 8 == 0 ? 8 : 4;
        default: return 0;
    }
}

// One scalar of a fixed-size type; false when the bytes do not fit the type.
bool append_scalar(std::string& out, std::uint8_t type, std::span<const std::byte> b) {
    const std::byte* p = b.data();
    switch (static_cast<ValueType>(type)) {
        case ValueType::int8: if (b.size() < 1) return false; append_int(out, int{load<std::int8_t>(p)}); return true;
        case ValueType::uint8: if (b.size() < 1) return false; append_int(out, unsigned{load<std::uint8_t>(p)}); return true;
        case ValueType::int16: if (b.size() < 2) return false; append_int(out, int{load<std::int16_t>(p)}); return true;
        case ValueType::uint16: if (b.size() < 2) return false; append_int(out, unsigned{load<std::uint16_t>(p)}); return true;
        case ValueType::int32: if (b.size() < 4) return false; append_int(out, load<std::int32_t>(p)); return true;
        case ValueType::uint32: if (b.size() < 4) return false; append_int(out, load<std::uint32_t>(p)); return true;
        case ValueType::int64: if (b.size() < 8) return false; append_int(out, load<std::int64_t>(p)); return true;
        case ValueType::uint64: if (b.size() < 8) return false; append_int(out, load<std::uint64_t>(p)); return true;
        case ValueType::real32: if (b.size() < 4) return false; append_printf(out, "%.9g", static_cast<double>(load<float>(p))); return true;
        case ValueType::real64: if (b.size() < 8) return false; append_printf(out, "%.17g", load<double>(p)); return true;
        case ValueType::boolean: if (b.size() < 4) return false; out += load<std::uint32_t>(p) ? "true" : "false"; return true;
        case ValueType::guid: if (b.size() < 16) return false; append_guid(out, p); return true;
        case ValueType::filetime: if (b.size() < 8) return false; out += filetime_iso(load<std::uint64_t>(p)); return true;
        case ValueType::systemtime: if (b.size() < 16) return false; append_systemtime(out, p); return true;
        case ValueType::hex_int32: if (b.size() < 4) return false; append_hex(out, load<std::uint32_t>(p)); return true;
        // Hex as Windows writes it, unpadded: SubjectLogonId 0x3e7, Keywords
        // 0x8000000000000000 only because the value needs all 16 digits.
        case ValueType::hex_int64: if (b.size() < 8) return false; append_hex(out, load<std::uint64_t>(p)); return true;
        case ValueType::size_t_:
            if (b.size() == 4) { append_hex(out, load<std::uint32_t>(p)); return true; }
            if (b.size() >= 8) { append_hex(out, load<std::uint64_t>(p)); return true; }
            return false;
        default: return false;
    }
}

void append_array(std::string& out, std::uint8_t type, std::span<const std::byte> b, unsigned ansi_codepage) {
    const auto base = static_cast<std::uint8_t>(type & 0x7f);
    if (base == static_cast<std::uint8_t>(ValueType::string)) {
        // NUL-terminated UTF-16 strings, one after another.
        const std::size_t n = b.size() & ~std::size_t{1};
        std::size_t start = 0;
        bool first = true;
        auto emit = [&](std::size_t end) {
            if (!first) out += ',';
            artifact::append_utf16le(out, b.subspan(start, end - start));
            first = false;
        };
        for (std::size_t i = 0; i + 1 < n; i += 2) {
            if (b[i] == std::byte{0} && b[i + 1] == std::byte{0}) {
                emit(i);
                start = i + 2;
            }
        }
        if (start < n) emit(n);
        return;
    }
    if (base == static_cast<std::uint8_t>(ValueType::ansi_string)) {
        bool first = true;
        std::size_t start = 0;
        for (std::size_t i = 0; i <= b.size(); ++i) {
            if (i < b.size() && b[i] != std::byte{0}) continue;
            if (i > start) {
                if (!first) out += ',';
                artifact::append_codepage(out, b.subspan(start, i - start), ansi_codepage);
                first = false;
            }
            start = i + 1;
        }
        return;
    }
    const std::size_t size = element_size(base, b.size());
    if (size == 0) {
        append_hex_bytes(out, b);
        return;
    }
    for (std::size_t i = 0; i + size <= b.size(); i += size) {
        if (i) out += ',';
        append_scalar(out, base, b.subspan(i, size));
    }
}

}  // namespace

std::string filetime_iso(std::uint64_t filetime) {
    constexpr std::uint64_t kTicksPerSecond = 10'000'000;
    constexpr std::int64_t kEpochDelta = 11'644'473'600;  // seconds from 1601 to 1970
    const std::int64_t seconds = static_cast<std::int64_t>(filetime / kTicksPerSecond) - kEpochDelta;
    const auto ticks = static_cast<std::uint32_t>(filetime % kTicksPerSecond);
    std::int64_t days = seconds / 86400;
    std::int64_t rem = seconds % 86400;
    if (rem < 0) { rem += 86400; --days; }
    const event::CivilDate date = event::civil_from_days(days);
    const int y = static_cast<int>(date.year);
    const unsigned m = date.month, d = date.day;
    std::string out;
    out.reserve(28);
    if (y >= 0 && y <= 9999) append_dec_fixed(out, static_cast<std::uint64_t>(y), 4);
    else append_int(out, y);
    out += '-';
    append_dec_fixed(out, m, 2);
    out += '-';
    append_dec_fixed(out, d, 2);
    out += 'T';
    append_dec_fixed(out, static_cast<std::uint64_t>(rem / 3600), 2);
    out += ':';
    append_dec_fixed(out, static_cast<std::uint64_t>(rem / 60 % 60), 2);
    out += ':';
    append_dec_fixed(out, static_cast<std::uint64_t>(rem % 60), 2);
    out += '.';
    append_dec_fixed(out, ticks, 7);
    out += 'Z';
    return out;
}

void append_value_text(std::string& out, const Value& v, unsigned ansi_codepage) {
    if (v.type & 0x80) {
        append_array(out, v.type, v.bytes, ansi_codepage);
        return;
    }
    switch (static_cast<ValueType>(v.type)) {
        case ValueType::null: return;
        case ValueType::string:
            artifact::append_utf16le(out, trim_utf16_nul(v.bytes));
            return;
        case ValueType::ansi_string:
            artifact::append_codepage(out, trim_nul(v.bytes), ansi_codepage);
            return;
        case ValueType::binary: append_hex_bytes(out, v.bytes); return;
        case ValueType::sid:
            if (!append_sid(out, v.bytes)) append_hex_bytes(out, v.bytes);
            return;
        case ValueType::binxml: return;  // structure, not text: the tree holds it
        default:
            if (!append_scalar(out, v.type, v.bytes)) append_hex_bytes(out, v.bytes);
            return;
    }
}

std::string value_text(const Value& value, unsigned ansi_codepage) {
    std::string out;
    append_value_text(out, value, ansi_codepage);
    return out;
}

// Slicing-by-8: eight table lookups per eight bytes instead of one per byte.
// Every chunk's records are checksummed, so this is on the hot path.
std::uint32_t crc32(std::span<const std::byte> bytes, std::uint32_t crc) {
    static const auto kTables = [] {
        std::array<std::array<std::uint32_t, 256>, 8> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[0][i] = c;
        }
        for (std::uint32_t i = 0; i < 256; ++i) {
            for (std::size_t s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
        }
        return t;
    }();
    crc = ~crc;
    const std::byte* p = bytes.data();
    std::size_t n = bytes.size();
    while (n >= 8) {
        std::uint32_t lo, hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + 4, 4);
        lo ^= crc;
        crc = kTables[7][lo & 0xff] ^ kTables[6][(lo >> 8) & 0xff] ^ kTables[5][(lo >> 16) & 0xff] ^
              kTables[4][lo >> 24] ^ kTables[3][hi & 0xff] ^ kTables[2][(hi >> 8) & 0xff] ^
              kTables[1][(hi >> 16) & 0xff] ^ kTables[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n--) crc = kTables[0][(crc ^ static_cast<std::uint8_t>(*p++)) & 0xff] ^ (crc >> 8);
    return ~crc;
}

}  // namespace trinity::evtx
