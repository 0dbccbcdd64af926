// Text encodings of dropped evidence, and decoding them to UTF-8.
//
// Windows command outputs arrive as UTF-16LE (PowerShell redirection, wmic),
// with or without a byte order mark; Linux ones as UTF-8; older tools write
// Windows-1252 or an OEM code page. Every text parser in core works on UTF-8,
// so bytes pass through decode_to_utf8() first.
#pragma once

#include <cstddef>
#include <span>
#include <cstdint>
#include <string>
#include <string_view>

namespace trinity::artifact {

enum class Encoding {
    none,         // binary: no text encoding
    ascii,        // 7-bit only
    utf8,         // valid UTF-8 with non-ASCII characters
    utf16le,
    utf16be,
    single_byte,  // 8-bit text that is not UTF-8 (Windows-1252, OEM code pages)
};

struct EncodingGuess {
    Encoding encoding = Encoding::none;
    std::size_t bom_size = 0;  // bytes of byte order mark at the start (0, 2 or 3)
    std::string detail;        // why the guess, or why binary
};

// Guesses the encoding of a head of a file. `complete` says the head is the
// whole file (otherwise a multi-byte sequence cut at the end is not an error).
EncodingGuess detect_encoding(std::span<const std::byte> head, bool complete);

// Decodes bytes (without BOM) to UTF-8. Invalid sequences become U+FFFD; a
// sequence cut at the very end is dropped, since a head may end mid-character.
// single_byte is read as Windows-1252.
std::string decode_to_utf8(std::span<const std::byte> bytes, Encoding encoding);

std::string_view to_string(Encoding encoding);

// Appends code point `cp` to `out` as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace trinity::artifact
