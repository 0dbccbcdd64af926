#include <gtest/gtest.h>

#include "trinity/artifact/codepage.h"
#include "trinity/io/byte_source.h"

namespace trinity::artifact {
namespace {

std::string decode(std::string_view raw, unsigned cp) { return decode_codepage(io::as_bytes(raw), cp); }

TEST(Codepage, KnownAnswers) {
    EXPECT_EQ(decode("caf\xE9 \x80", 1252), "café €");
    EXPECT_EQ(decode("\xCF\xF0\xE8\xE2\xE5\xF2", 1251), "Привет");
    EXPECT_EQ(decode("\x8F\xE0\xA8\xA2\xA5\xE2", 866), "Привет");
    EXPECT_EQ(decode("\xC0\xC4\xD9", 437), "└─┘");
    EXPECT_EQ(decode("\x8A\xB9", 1250), "Šą");
    EXPECT_EQ(decode("\xE1\xE9\xF8", 1253), "αιψ");
    EXPECT_EQ(decode("\x93\xFA\x96\x7B", 932), "日本");
    EXPECT_EQ(decode("\xC4\xE3\xBA\xC3", 936), "你好");
    EXPECT_EQ(decode("\xC7\xD1\xB1\xDB", 949), "한글");
    EXPECT_EQ(decode("\xA4\xA4\xA4\xE5", 950), "中文");
    EXPECT_EQ(decode("plain", 1255), "plain");
}

TEST(Codepage, UndefinedBytesBecomeReplacementCharacters) {
    // 0xAA is unassigned in Windows-1253; a lead byte at the end is cut short.
    EXPECT_EQ(decode("a\xAA" "b", 1253), "a\xEF\xBF\xBD" "b");
    EXPECT_EQ(decode("ok\x93", 932), "ok\xEF\xBF\xBD");
}

TEST(Codepage, UnsupportedDecodesAsWindows1252) {
    EXPECT_FALSE(codepage_supported(65001));
    EXPECT_EQ(decode("caf\xE9", 12345), "café");
}

TEST(Codepage, ParsesTheWaysPeopleWriteThem) {
    EXPECT_EQ(parse_codepage("1251"), 1251u);
    EXPECT_EQ(parse_codepage("cp1251"), 1251u);
    EXPECT_EQ(parse_codepage("Windows-1251"), 1251u);
    EXPECT_EQ(parse_codepage("CP_437"), 437u);
    EXPECT_EQ(parse_codepage("oem850"), 850u);
    EXPECT_FALSE(parse_codepage("utf-8"));
    EXPECT_FALSE(parse_codepage("1251x"));
    EXPECT_FALSE(parse_codepage(""));
}

TEST(Codepage, EveryListedPageDecodesItsAsciiRange) {
    for (const auto& info : supported_codepages()) {
        EXPECT_TRUE(codepage_supported(info.number));
        EXPECT_EQ(decode("Event 4624", info.number), "Event 4624") << info.name;
    }
}

}  // namespace
}  // namespace trinity::artifact
