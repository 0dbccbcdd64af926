// Fuzzes content sniffing: any bytes, as a whole file and as a cut head,
// plus decoding in every encoding. Nothing may crash, hang or read out of
// bounds, and every decoded string must be valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "trinity/artifact/sniff.h"
#include "trinity/artifact/text_encoding.h"

namespace {

bool valid_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
        }
        i += len;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace trinity::artifact;
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    (void)sniff(bytes, true);
    (void)sniff(bytes, false);
    (void)describe(sniff(bytes.first(size / 2), false));
    for (Encoding e : {Encoding::utf8, Encoding::utf16le, Encoding::utf16be, Encoding::single_byte}) {
        if (!valid_utf8(decode_to_utf8(bytes, e))) std::abort();
    }
    return 0;
}
