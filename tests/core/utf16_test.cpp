#include <gtest/gtest.h>

#include <random>

#include "trinity/artifact/text_encoding.h"
#include "trinity/artifact/utf16.h"

namespace trinity::artifact {
namespace {

std::string fast(std::span<const std::byte> b) {
    std::string out = "prefix:";
    append_utf16le(out, b);
    return out.substr(7);
}

std::vector<std::byte> units(std::initializer_list<std::uint16_t> us) {
    std::vector<std::byte> out;
    for (auto u : us) {
        out.push_back(std::byte(u & 0xff));
        out.push_back(std::byte(u >> 8));
    }
    return out;
}

TEST(Utf16Append, KnownAnswers) {
    EXPECT_EQ(fast(units({'c', 'm', 'd'})), "cmd");
    EXPECT_EQ(fast(units({0x00e9, 0x20ac, 0x65e5})), "é€日");
    EXPECT_EQ(fast(units({0xd83d, 0xde00})), "😀");          // a surrogate pair
    EXPECT_EQ(fast(units({'a', 0xdc00, 'b'})), "a\xEF\xBF\xBD" "b");  // lone low surrogate
    EXPECT_EQ(fast(units({'a', 0xd800, 'b'})), "a\xEF\xBF\xBD" "b");  // high without low
    EXPECT_EQ(fast(units({'a', 0xd800})), "a");                    // cut at the end
}

TEST(Utf16Append, AgreesWithTheDecoderOnRandomUnits) {
    std::mt19937 rng(1234);
    const std::uint16_t interesting[] = {0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000,
                                         0xfffd, 0xffff, 0x0};
    for (int round = 0; round < 2000; ++round) {
        std::vector<std::byte> b;
        const int n = static_cast<int>(rng() % 24);
        for (int i = 0; i < n; ++i) {
            const std::uint16_t u = rng() % 3 == 0 ? interesting[rng() % std::size(interesting)]
                                                   : static_cast<std::uint16_t>(rng());
            b.push_back(std::byte(u & 0xff));
            b.push_back(std::byte(u >> 8));
        }
        if (rng() % 5 == 0) b.push_back(std::byte{0x41});  // an odd last byte
        ASSERT_EQ(fast(b), decode_to_utf8(b, Encoding::utf16le)) << "round " << round;
    }
}

}  // namespace
}  // namespace trinity::artifact
