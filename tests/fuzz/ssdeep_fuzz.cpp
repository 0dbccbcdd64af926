// Fuzzes ssdeep: signatures as analysts paste them (two per input, split at
// the first newline) into ssdeep_compare, which must return an error or a
// score in 0..100, the same both ways round; and the input's bytes hashed
// whole and in two pieces, which must give the same signature.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "trinity/hash/ssdeep.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto nl = text.find('\n');
    const std::string_view a = text.substr(0, nl);
    const std::string_view b = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    const auto ab = trinity::hash::ssdeep_compare(a, b);
    const auto ba = trinity::hash::ssdeep_compare(b, a);
    if (ab.ok() != ba.ok()) std::abort();
    if (ab.ok() && (*ab < 0 || *ab > 100 || *ab != *ba)) std::abort();

    const auto bytes = std::as_bytes(std::span(data, size));
    const std::string whole = trinity::hash::ssdeep_hash(bytes);
    trinity::hash::FuzzyHasher split;
    split.update(bytes.first(size / 3));
    split.update(bytes.subspan(size / 3));
    const auto digest = split.digest();
    if (!digest.ok() || *digest != whole) std::abort();
    return 0;
}
