#include "trinity/artifact/text_encoding.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace trinity::artifact {
namespace {

// How much of the head the UTF-16 and control-character statistics look at.
constexpr std::size_t kStatBytes = 8192;

std::uint8_t at(std::span<const std::byte> b, std::size_t i) {
    return static_cast<std::uint8_t>(b[i]);
}

bool starts_with(std::span<const std::byte> b, std::initializer_list<std::uint8_t> magic) {
    if (b.size() < magic.size()) return false;
    std::size_t i = 0;
    for (auto m : magic) {
        if (at(b, i++) != m) return false;
    }
    return true;
}

// Control characters that do not occur in text. Tab, LF, VT, FF, CR and ESC
// (ANSI colours in captured terminal output) do.
bool is_binary_control(std::uint32_t c) {
    if (c >= 0x20) return c == 0x7f;
    return c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1b;
}

// Too many binary control characters for text: more than 1 in 100.
bool too_many_controls(std::size_t controls, std::size_t total) {
    return controls > 0 && controls * 100 > total;
}

enum class Utf8Check { ascii, valid, invalid };

// Validates UTF-8. A sequence cut by the end of a partial head is fine.
Utf8Check check_utf8(std::span<const std::byte> b, bool complete) {
    bool non_ascii = false;
    std::size_t i = 0;
    const std::size_t n = b.size();
    while (i < n) {
        const std::uint8_t c = at(b, i);
        if (c < 0x80) { ++i; continue; }
        non_ascii = true;
        std::size_t len;
        std::uint32_t min;
        if ((c & 0xe0) == 0xc0) { len = 2; min = 0x80; }
        else if ((c & 0xf0) == 0xe0) { len = 3; min = 0x800; }
        else if ((c & 0xf8) == 0xf0) { len = 4; min = 0x10000; }
        else return Utf8Check::invalid;
        if (i + len > n) {
            // Cut at the end of the head: check the bytes that are there.
            if (complete) return Utf8Check::invalid;
            for (std::size_t k = i + 1; k < n; ++k) {
                if ((at(b, k) & 0xc0) != 0x80) return Utf8Check::invalid;
            }
            break;
        }
        std::uint32_t cp = c & (0xff >> (len + 1));
        for (std::size_t k = 1; k < len; ++k) {
            const std::uint8_t cc = at(b, i + k);
            if ((cc & 0xc0) != 0x80) return Utf8Check::invalid;
            cp = (cp << 6) | (cc & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return Utf8Check::invalid;
        i += len;
    }
    return non_ascii ? Utf8Check::valid : Utf8Check::ascii;
}

std::uint16_t unit16(std::span<const std::byte> b, std::size_t i, bool little) {
    return little ? static_cast<std::uint16_t>(at(b, i) | (at(b, i + 1) << 8))
                  : static_cast<std::uint16_t>((at(b, i) << 8) | at(b, i + 1));
}

// BOM-less UTF-16: text in Latin scripts has a zero in every other byte.
// Returns utf16le, utf16be or none.
Encoding guess_bomless_utf16(std::span<const std::byte> b) {
    const std::size_t n = std::min(b.size(), kStatBytes) & ~std::size_t{1};
    if (n < 4) return Encoding::none;
    std::size_t zero_even = 0, zero_odd = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        zero_even += at(b, i) == 0;
        zero_odd += at(b, i + 1) == 0;
    }
    const std::size_t pairs = n / 2;
    // At least 30% of the units look like ASCII, and the other byte is almost
    // never zero (a UTF-16 NUL would make both zero).
    if (zero_odd * 10 >= pairs * 3 && zero_even * 20 <= pairs) return Encoding::utf16le;
    if (zero_even * 10 >= pairs * 3 && zero_odd * 20 <= pairs) return Encoding::utf16be;
    return Encoding::none;
}

// Counts binary control characters and lone surrogates in UTF-16 text.
bool utf16_looks_like_text(std::span<const std::byte> b, bool little) {
    const std::size_t n = std::min(b.size(), kStatBytes) & ~std::size_t{1};
    std::size_t controls = 0, units = 0;
    for (std::size_t i = 0; i + 1 < n; i += 2) {
        const std::uint16_t u = unit16(b, i, little);
        ++units;
        if (u == 0 || is_binary_control(u)) ++controls;
        if (u >= 0xd800 && u <= 0xdbff) {
            // A high surrogate needs a low one next (unless the head ends).
            if (i + 3 < n) {
                const std::uint16_t next = unit16(b, i + 2, little);
                if (next < 0xdc00 || next > 0xdfff) ++controls;
            }
        } else if (u >= 0xdc00 && u <= 0xdfff) {
            if (i < 2 || unit16(b, i - 2, little) < 0xd800 || unit16(b, i - 2, little) > 0xdbff) ++controls;
        }
    }
    return !too_many_controls(controls, units);
}


constexpr std::uint32_t kReplacement = 0xfffd;

// Windows-1252 bytes 0x80..0x9F; the rest of the code page is Latin-1.
// Undefined positions map to U+FFFD.
constexpr std::array<std::uint16_t, 32> kCp1252High = {
    0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
    0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
};

std::string decode_utf16(std::span<const std::byte> b, bool little) {
    std::string out;
    out.reserve(b.size() / 2 + b.size() / 8);
    const std::size_t n = b.size() & ~std::size_t{1};
    for (std::size_t i = 0; i < n; i += 2) {
        const std::uint16_t u = unit16(b, i, little);
        if (u >= 0xd800 && u <= 0xdbff) {
            if (i + 2 < n) {
                const std::uint16_t lo = unit16(b, i + 2, little);
                if (lo >= 0xdc00 && lo <= 0xdfff) {
                    append_utf8(out, 0x10000 + ((std::uint32_t(u) - 0xd800) << 10) + (lo - 0xdc00));
                    i += 2;
                    continue;
                }
                append_utf8(out, kReplacement);
            }
            // A high surrogate as the last unit: cut by the end of the head.
            continue;
        }
        if (u >= 0xdc00 && u <= 0xdfff) {
            append_utf8(out, kReplacement);
            continue;
        }
        append_utf8(out, u);
    }
    return out;
}

std::string decode_utf8(std::span<const std::byte> b) {
    std::string out;
    out.reserve(b.size());
    std::size_t i = 0;
    const std::size_t n = b.size();
    while (i < n) {
        const std::uint8_t c = at(b, i);
        if (c < 0x80) { out += static_cast<char>(c); ++i; continue; }
        std::size_t len = 0;
        std::uint32_t min = 0;
        if ((c & 0xe0) == 0xc0) { len = 2; min = 0x80; }
        else if ((c & 0xf0) == 0xe0) { len = 3; min = 0x800; }
        else if ((c & 0xf8) == 0xf0) { len = 4; min = 0x10000; }
        if (len == 0) { append_utf8(out, kReplacement); ++i; continue; }
        if (i + len > n) break;  // cut at the end
        std::uint32_t cp = c & (0xff >> (len + 1));
        std::size_t k = 1;
        for (; k < len; ++k) {
            const std::uint8_t cc = at(b, i + k);
            if ((cc & 0xc0) != 0x80) break;
            cp = (cp << 6) | (cc & 0x3f);
        }
        if (k < len || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            append_utf8(out, kReplacement);
            i += k;  // resynchronise at the first byte that broke the sequence
            continue;
        }
        out.append(reinterpret_cast<const char*>(b.data()) + i, len);
        i += len;
    }
    return out;
}

std::string decode_cp1252(std::span<const std::byte> b) {
    std::string out;
    out.reserve(b.size() + b.size() / 4);
    for (std::size_t i = 0; i < b.size(); ++i) {
        const std::uint8_t c = at(b, i);
        if (c < 0x80) out += static_cast<char>(c);
        else if (c < 0xa0) append_utf8(out, kCp1252High[c - 0x80]);
        else append_utf8(out, c);
    }
    return out;
}

}  // namespace

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

EncodingGuess detect_encoding(std::span<const std::byte> head, bool complete) {
    if (starts_with(head, {0xef, 0xbb, 0xbf})) {
        return {Encoding::utf8, 3, "UTF-8 byte order mark"};
    }
    if (starts_with(head, {0xff, 0xfe})) {
        if (starts_with(head, {0xff, 0xfe, 0x00, 0x00}) && head.size() >= 8 &&
            at(head, 6) == 0 && at(head, 7) == 0) {
            return {Encoding::none, 0, "UTF-32LE byte order mark (not supported as text)"};
        }
        return {Encoding::utf16le, 2, "UTF-16LE byte order mark"};
    }
    if (starts_with(head, {0xfe, 0xff})) {
        return {Encoding::utf16be, 2, "UTF-16BE byte order mark"};
    }

    const Encoding utf16 = guess_bomless_utf16(head);
    if (utf16 != Encoding::none) {
        if (utf16_looks_like_text(head, utf16 == Encoding::utf16le)) {
            return {utf16, 0, utf16 == Encoding::utf16le ? "UTF-16LE without byte order mark"
                                                         : "UTF-16BE without byte order mark"};
        }
        return {Encoding::none, 0, "zero bytes in every other position, but not UTF-16 text"};
    }

    const auto stat = head.first(std::min(head.size(), kStatBytes));
    std::size_t controls = 0;
    for (auto byte : stat) {
        const auto c = static_cast<std::uint8_t>(byte);
        if (c == 0) return {Encoding::none, 0, "NUL bytes"};
        controls += is_binary_control(c);
    }
    if (too_many_controls(controls, stat.size())) {
        return {Encoding::none, 0, "control characters that text does not contain"};
    }
    switch (check_utf8(head, complete)) {
        case Utf8Check::ascii: return {Encoding::ascii, 0, "7-bit text"};
        case Utf8Check::valid: return {Encoding::utf8, 0, "valid UTF-8"};
        case Utf8Check::invalid: break;
    }
    return {Encoding::single_byte, 0, "8-bit text that is not UTF-8 (read as Windows-1252)"};
}

std::string decode_to_utf8(std::span<const std::byte> bytes, Encoding encoding) {
    switch (encoding) {
        case Encoding::utf16le: return decode_utf16(bytes, true);
        case Encoding::utf16be: return decode_utf16(bytes, false);
        case Encoding::single_byte: return decode_cp1252(bytes);
        case Encoding::ascii:
        case Encoding::utf8:
        case Encoding::none: return decode_utf8(bytes);
    }
    return decode_utf8(bytes);
}

std::string_view to_string(Encoding encoding) {
    switch (encoding) {
        case Encoding::none: return "none";
        case Encoding::ascii: return "ascii";
        case Encoding::utf8: return "utf-8";
        case Encoding::utf16le: return "utf-16le";
        case Encoding::utf16be: return "utf-16be";
        case Encoding::single_byte: return "windows-1252";
    }
    return "unknown";
}

}  // namespace trinity::artifact
