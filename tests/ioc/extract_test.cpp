// The scanner's contract beyond the corpus: offsets, type masks, order,
// hostile shapes.
#include <gtest/gtest.h>

#include "trinity/ioc/extract.h"

namespace {

using namespace trinity::ioc;

TEST(Extract, OffsetsPointIntoTheText) {
    const std::string_view text = "go to http://evil.com/x now";
    const auto matches = extract(text);
    ASSERT_EQ(matches.size(), 2u);
    EXPECT_EQ(matches[0].indicator.type, IndicatorType::url);
    EXPECT_EQ(text.substr(matches[0].offset, matches[0].length), "http://evil.com/x");
    EXPECT_EQ(matches[1].indicator.type, IndicatorType::domain);
    EXPECT_EQ(text.substr(matches[1].offset, matches[1].length), "evil.com");
}

TEST(Extract, TypeMaskLimitsOutput) {
    TypeMask mask = TypeMask::none();
    std::string bad;
    ASSERT_TRUE(parse_type_mask("ip, hash", mask, bad));
    ExtractOptions options;
    options.types = mask;
    const auto matches = extract("1.2.3.4 evil.com d41d8cd98f00b204e9800998ecf8427e http://5.6.7.8/", options);
    ASSERT_EQ(matches.size(), 3u);
    EXPECT_EQ(matches[0].indicator.value, "1.2.3.4");
    EXPECT_EQ(matches[1].indicator.type, IndicatorType::md5);
    EXPECT_EQ(matches[2].indicator.value, "5.6.7.8");  // the host of a URL that was not asked for
    EXPECT_FALSE(parse_type_mask("ipv4,bogus", mask, bad));
    EXPECT_EQ(bad, "bogus");
    EXPECT_FALSE(parse_type_mask("", mask, bad));
}

TEST(Extract, RefangCanBeTurnedOff) {
    ExtractOptions options;
    options.refang = false;
    EXPECT_TRUE(extract("evil[.]com", options).empty());
    EXPECT_EQ(extract("evil[.]com").size(), 1u);
}

TEST(Extract, DuplicatesAreAllReported) {
    EXPECT_EQ(extract("8.8.8.8 8.8.8.8, 8.8.8.8").size(), 3u);
}

TEST(Extract, HostileShapesEndQuickly) {
    // Long runs of anchors must stay linear: a megabyte of each.
    for (const char* unit : {".", ":", "\\", "/", "a.", "1.", "::", "1:", "http://", "[.]", "C:\\ "}) {
        std::string text;
        while (text.size() < (1u << 20)) text += unit;
        std::vector<Match> out;
        extract(text, {}, out);
        SUCCEED() << unit;
    }
    // Closing brackets after a URL and a path: trimmed in one pass each.
    for (const char* head : {"http://x.com/", "C:\\x"}) {
        std::string text = head;
        text.append(1u << 20, ')');
        const auto m = extract(text);
        ASSERT_FALSE(m.empty()) << head;
        EXPECT_EQ(m[0].length, std::string_view(head).size()) << head;
    }
}

TEST(Extract, UrlEdges) {
    EXPECT_TRUE(extract("http://").empty());
    EXPECT_TRUE(extract("http:// x").empty());
    EXPECT_TRUE(extract("http://:80/").empty());
    const auto m = extract("'https://user:pw@Evil.COM:8443/a?b=c#d',");
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].indicator.value, "https://user:pw@evil.com:8443/a?b=c#d");
    EXPECT_EQ(m[1].indicator.value, "evil.com");
    // A URL whose host is a bare name is still a URL; the name is no domain.
    const auto local = extract("http://intranet/login");
    ASSERT_EQ(local.size(), 1u);
    EXPECT_EQ(local[0].indicator.type, IndicatorType::url);
}

}  // namespace
