// The allowlist: ranges, domains with subdomains, exact values, bad lines.
#include <gtest/gtest.h>

#include "trinity/ioc/allowlist.h"
#include "trinity/ioc/collect.h"

namespace {

using namespace trinity::ioc;

constexpr std::string_view kFile =
    "# our own infrastructure\n"
    "10.0.0.0/8\n"
    "2001:db8::/32   # lab range\n"
    "*.corp.example\n"
    "example.org\n"
    "d41d8cd98f00b204e9800998ecf8427e\n"
    "not a valid entry\n"
    "192.168.1.10\n"
    "300.1.1.1/8\n";

TEST(Allowlist, ParsesAndReportsBadLines) {
    const auto parsed = Allowlist::parse(kFile, "allow.txt");
    EXPECT_EQ(parsed.allowlist.size(), 6u);
    ASSERT_EQ(parsed.errors.size(), 2u);
    EXPECT_EQ(parsed.errors[0].location.line, 7u);
    EXPECT_EQ(parsed.errors[1].location.line, 9u);
    EXPECT_NE(parsed.errors[0].describe().find("allow.txt:7"), std::string::npos);
}

TEST(Allowlist, Matches) {
    const auto a = Allowlist::parse(kFile, "allow.txt").allowlist;
    EXPECT_TRUE(a.allows({IndicatorType::ipv4, "10.200.1.1"}));
    EXPECT_FALSE(a.allows({IndicatorType::ipv4, "11.0.0.1"}));
    EXPECT_TRUE(a.allows({IndicatorType::ipv4, "192.168.1.10"}));
    EXPECT_FALSE(a.allows({IndicatorType::ipv4, "192.168.1.11"}));
    EXPECT_TRUE(a.allows({IndicatorType::ipv6, "2001:db8:ffff::1"}));
    EXPECT_FALSE(a.allows({IndicatorType::ipv6, "2001:db9::1"}));
    EXPECT_TRUE(a.allows({IndicatorType::domain, "corp.example"}));
    EXPECT_TRUE(a.allows({IndicatorType::domain, "a.b.corp.example"}));
    EXPECT_FALSE(a.allows({IndicatorType::domain, "notcorp.example"}));
    EXPECT_TRUE(a.allows({IndicatorType::url, "https://www.example.org:8443/x"}));
    EXPECT_TRUE(a.allows({IndicatorType::url, "http://10.1.1.1/x"}));
    EXPECT_TRUE(a.allows({IndicatorType::url, "http://[2001:db8::5]/x"}));
    EXPECT_TRUE(a.allows({IndicatorType::email, "it@corp.example"}));
    EXPECT_TRUE(a.allows({IndicatorType::md5, "d41d8cd98f00b204e9800998ecf8427e"}));
    EXPECT_FALSE(a.allows({IndicatorType::sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"}));
}

TEST(Allowlist, DroppedIndicatorsAreCounted) {
    const auto a = Allowlist::parse(kFile, "allow.txt").allowlist;
    Collector collector({}, &a);
    collector.add_text("from 10.0.0.1 to 8.8.8.8 via www.example.org and evil.com", Sighting{"t", "", 0, 1, "", {}});
    EXPECT_EQ(collector.set().allowlisted(), 2u);
    EXPECT_EQ(collector.set().size(), 2u);
    EXPECT_TRUE(collector.set().find({IndicatorType::ipv4, "8.8.8.8"}));
    EXPECT_TRUE(collector.set().find({IndicatorType::domain, "evil.com"}));
}

}  // namespace
