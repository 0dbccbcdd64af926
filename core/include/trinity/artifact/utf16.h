// Appending UTF-16 as UTF-8, fast: the hot path of EVTX, whose every string
// value is UTF-16LE and nearly every character ASCII.
#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace trinity::artifact {

// Appends UTF-16LE `bytes` (an odd last byte is ignored) to `out` as UTF-8.
// Unpaired surrogates become U+FFFD; a high surrogate as the very last unit
// is dropped (a cut head). Same result as decode_to_utf8(bytes, utf16le).
void append_utf16le(std::string& out, std::span<const std::byte> bytes);

}  // namespace trinity::artifact
