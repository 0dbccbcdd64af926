// Windows code pages for 8-bit and legacy multi-byte text.
//
// Old tools and EVTX AnsiString values store text in the writer's ANSI code
// page, which the bytes do not name. Windows-1252 is the usual guess; an
// analyst who knows the host was Russian or Japanese picks 1251 or 932.
// Decoding goes through the C library's iconv (glibc natively, musl in the
// browser build), which both carry these tables.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace trinity::artifact {

inline constexpr unsigned kDefaultCodepage = 1252;

struct CodepageInfo {
    unsigned number;        // 1252
    std::string_view name;  // "Windows-1252 (Western European)"
};

// The code pages Trinity decodes, in the order a picker lists them.
std::span<const CodepageInfo> supported_codepages();
bool codepage_supported(unsigned codepage);

// "1251", "cp1251", "windows-1251", "CP-1251" -> 1251; nullopt if unknown.
std::optional<unsigned> parse_codepage(std::string_view text);

// Decodes `bytes` from `codepage` to UTF-8. Bytes the code page leaves
// undefined become U+FFFD; an unsupported code page decodes as 1252.
std::string decode_codepage(std::span<const std::byte> bytes, unsigned codepage);
void append_codepage(std::string& out, std::span<const std::byte> bytes, unsigned codepage);

}  // namespace trinity::artifact
