// CSV feed details the data files do not pin down: tags and sources,
// headerless rows with several fields, and line numbers with quoted line
// breaks.
#include <gtest/gtest.h>

#include "trinity/intel/feed_set.h"

namespace {

using namespace trinity;

std::span<const std::byte> bytes_of(std::string_view s) {
    return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

TEST(CsvFeed, TagsAndSourceGoIntoTheSighting) {
    intel::FeedSet feeds;
    ASSERT_TRUE(feeds.add("f.csv", bytes_of("ioc,tags,source,comment\n"
                                            "evil.example.com,\"phishing; lure | kit\",PartnerCERT,seen twice\n")));
    const auto j = feeds.judge(*ioc::make_indicator("domain", "evil.example.com"));
    ASSERT_EQ(j.sightings.size(), 1u);
    const auto& s = j.sightings[0];
    EXPECT_EQ(s.tags, (std::vector<std::string>{"phishing", "lure", "kit"}));
    EXPECT_EQ(s.detail, "seen twice (source: PartnerCERT)");
    EXPECT_EQ(s.verdict, intel::Verdict::malicious);  // no verdict column: a blocklist
}

TEST(CsvFeed, HeaderlessRowsUseTheFirstField) {
    intel::FeedSet feeds;
    auto r = feeds.add("f.csv", bytes_of("198.51.100.3,first seen 2025-01-01\n198.51.100.4,again\n"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->indicators, 2u);
    EXPECT_TRUE(feeds.judge(*ioc::make_indicator("ip", "198.51.100.4")).known());
}

TEST(CsvFeed, LinesCountQuotedLineBreaks) {
    intel::FeedSet feeds;
    auto r = feeds.add("f.csv", bytes_of("value,description\r\n"
                                         "198.51.100.5,\"two\r\nlines\"\r\n"
                                         "not-valid,x\r\n"));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->problems.size(), 1u);
    EXPECT_EQ(r->problems[0].location.line, 4u);
    EXPECT_EQ(r->problems[0].location.source, "f.csv");
}

TEST(CsvFeed, TypeNamesFeedsUse) {
    intel::FeedSet feeds;
    auto r = feeds.add("f.csv", bytes_of("value,type\n"
                                         "9e107d9d372bb6826bd81d3542a419d6,hash\n"
                                         "CVE-2021-44228,vulnerability\n"
                                         "a@b.example,email-addr\n"
                                         "c.example,fqdn\n"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->indicators, 4u);
    EXPECT_EQ(r->rejected, 0u);
    EXPECT_TRUE(feeds.judge(*ioc::make_indicator("md5", "9e107d9d372bb6826bd81d3542a419d6")).known());
    EXPECT_TRUE(feeds.judge(*ioc::make_indicator("cve", "cve-2021-44228")).known());
}

}  // namespace

namespace {

TEST(CsvFeed, HeaderlessLineThatIsOneIndicatorIsNotSplit) {
    trinity::intel::FeedSet feeds;
    auto r = feeds.add("urls.txt", bytes_of("http://a.example/x;y=1\nhttp://b.example/q;z=2\n"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->indicators, 2u);
    EXPECT_TRUE(feeds.judge(*trinity::ioc::make_indicator("url", "http://a.example/x;y=1")).known());
    EXPECT_FALSE(feeds.judge(*trinity::ioc::make_indicator("url", "http://a.example/x")).known());
}

}  // namespace
