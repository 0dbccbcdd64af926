// FeedSet: combining feeds (the worst verdict wins, every sighting kept),
// lookups by canonical value, CIDR ranges, and detect_feed.
#include <gtest/gtest.h>

#include <cstring>

#include "trinity/intel/feed_set.h"

namespace {

using namespace trinity;
using intel::Verdict;

std::span<const std::byte> bytes_of(std::string_view s) {
    return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

ioc::Indicator make(std::string_view type, std::string_view value) {
    auto i = ioc::make_indicator(type, value);
    EXPECT_TRUE(i) << type << " " << value;
    return i.value_or(ioc::Indicator{});
}

constexpr std::string_view kBlocklist = "value,type,verdict\n203.0.113.5,ip,malicious\nexample.org,domain,clean\n";
constexpr std::string_view kAllowlist = "value,type,verdict,description\n203.0.113.5,ip,clean,our VPN\n";
constexpr std::string_view kVirusTotalIp = R"({"data": {"id": "203.0.113.5", "type": "ip_address",
  "attributes": {"last_analysis_stats": {"malicious": 4, "suspicious": 0, "harmless": 60, "undetected": 20}}}})";

TEST(FeedSet, WorstVerdictWinsAndEverySourceIsKept) {
    intel::FeedSet feeds;
    ASSERT_TRUE(feeds.add("allow.csv", bytes_of(kAllowlist)));
    ASSERT_TRUE(feeds.add("vt-ip.json", bytes_of(kVirusTotalIp)));
    ASSERT_TRUE(feeds.add("block.csv", bytes_of(kBlocklist)));
    const auto j = feeds.judge(make("ip", "203.0.113.5"));
    EXPECT_EQ(j.verdict, Verdict::malicious);
    ASSERT_EQ(j.sightings.size(), 3u);
    EXPECT_EQ(j.sightings[0].feed, "allow.csv");
    EXPECT_EQ(j.sightings[0].verdict, Verdict::clean);
    EXPECT_EQ(j.sightings[0].detail, "our VPN");
    EXPECT_EQ(j.sightings[1].feed, "vt-ip.json");
    EXPECT_EQ(j.sightings[1].verdict, Verdict::suspicious);  // 4 engines: not > 5
    EXPECT_EQ(j.sightings[1].detail, "VirusTotal: 4/84 engines");
    EXPECT_EQ(j.sightings[2].verdict, Verdict::malicious);
    EXPECT_EQ(feeds.reports().size(), 3u);
    EXPECT_EQ(feeds.size(), 2u);  // 203.0.113.5 and example.org
}

TEST(FeedSet, PolicyRescoresWithoutReloading) {
    intel::FeedSet feeds;
    ASSERT_TRUE(feeds.add("vt-ip.json", bytes_of(kVirusTotalIp)));
    const auto indicator = make("ip", "203.0.113.5");
    EXPECT_EQ(feeds.judge(indicator).verdict, Verdict::suspicious);
    auto strict = intel::parse_policy("malicious >= 3");
    ASSERT_TRUE(strict);
    EXPECT_EQ(feeds.judge(indicator, *strict).verdict, Verdict::malicious);
}

TEST(FeedSet, UnknownWhenNoFeedListsIt) {
    intel::FeedSet feeds;
    ASSERT_TRUE(feeds.add("block.csv", bytes_of(kBlocklist)));
    const auto j = feeds.judge(make("domain", "example.com"));
    EXPECT_EQ(j.verdict, Verdict::unknown);
    EXPECT_FALSE(j.known());
    // The same text as another type is another indicator.
    EXPECT_FALSE(feeds.judge(make("url", "http://example.org/")).known());
}

TEST(FeedSet, MatchesByCanonicalForm) {
    intel::FeedSet feeds;
    ASSERT_TRUE(feeds.add("f.csv", bytes_of("value\nEXAMPLE.org.\n2001:0DB8:0000:0000:0000:0000:0000:0001\n")));
    EXPECT_EQ(feeds.judge(make("domain", "example.org")).verdict, Verdict::malicious);
    EXPECT_EQ(feeds.judge(make("ipv6", "2001:db8::1")).verdict, Verdict::malicious);
    // A non-canonical Indicator built by hand is canonicalised before lookup.
    EXPECT_EQ(feeds.judge(ioc::Indicator{ioc::IndicatorType::domain, "Example.ORG"}).verdict, Verdict::malicious);
}

TEST(FeedSet, CidrRangesCoverTheirAddresses) {
    intel::FeedSet feeds;
    auto r = feeds.add("ranges.csv", bytes_of("value,type,verdict\n10.1.2.3/16,cidr,suspicious\n"
                                              "10.1.0.0/24,ip,malicious\n0.0.0.0/0,ip,clean\n"
                                              "2001:db8::/32,ipv6,malicious\n192.0.2.1/32,ip,malicious\n"
                                              "10.0.0.0/33,ip,malicious\n"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->indicators, 5u);
    EXPECT_EQ(r->rejected, 1u);  // /33
    const auto inner = feeds.judge(make("ip", "10.1.0.200"));
    EXPECT_EQ(inner.verdict, Verdict::malicious);
    ASSERT_EQ(inner.sightings.size(), 3u);  // /16 (host bits cleared), /24, /0
    EXPECT_EQ(inner.sightings[0].detail, "range 10.1.0.0/16");
    EXPECT_EQ(inner.sightings[1].detail, "range 10.1.0.0/24");
    EXPECT_EQ(feeds.judge(make("ip", "10.1.1.1")).verdict, Verdict::suspicious);
    EXPECT_EQ(feeds.judge(make("ip", "10.2.0.1")).verdict, Verdict::clean);  // only 0.0.0.0/0
    EXPECT_EQ(feeds.judge(make("ip", "2001:db8:ffff::9")).verdict, Verdict::malicious);
    EXPECT_EQ(feeds.judge(make("ip", "2001:db9::9")).verdict, Verdict::unknown);
    // A /32 is one address: an exact entry, no range.
    const auto host = feeds.judge(make("ip", "192.0.2.1"));
    ASSERT_EQ(host.sightings.size(), 2u);
    EXPECT_EQ(host.sightings[1].detail, "");
}

TEST(FeedSet, RefusedFilesLoadNothing) {
    intel::FeedSet feeds;
    EXPECT_FALSE(feeds.add("empty", {}));
    EXPECT_FALSE(feeds.add("cut.json", bytes_of(R"({"type": "bundle", "objects": [{"type": "indic)")));
    EXPECT_FALSE(feeds.add("forced.json", bytes_of("not json at all"), intel::FeedFormat::stix));
    EXPECT_EQ(feeds.size(), 0u);
    EXPECT_TRUE(feeds.reports().empty());
}

TEST(FeedSet, ProblemsAreCappedButAllCounted) {
    std::string text = "value,type\n";
    for (int i = 0; i < 250; ++i) text += "bad-" + std::to_string(i) + ",ip\n";
    text += "198.51.100.1,ip\n";
    intel::FeedSet feeds;
    auto r = feeds.add("many.csv", bytes_of(text));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rejected, 250u);
    EXPECT_EQ(r->problems.size(), intel::FeedReport::kMaxProblems);
    EXPECT_EQ(r->problems_dropped, 150u);
    EXPECT_EQ(r->indicators, 1u);
    EXPECT_EQ(r->problems[0].location.line, 2u);
    EXPECT_EQ(r->summary(), "many.csv: csv, 1 indicators from 251 entries, 250 rejected, 0 skipped");
}

TEST(DetectFeed, ByContent) {
    using intel::FeedFormat;
    EXPECT_EQ(intel::detect_feed(bytes_of(R"({"type":"bundle","id":"bundle--1","objects":[)")), FeedFormat::stix);
    EXPECT_EQ(intel::detect_feed(bytes_of(R"(  {"id": "bundle--1", "type" : "bundle")")), FeedFormat::stix);
    EXPECT_EQ(intel::detect_feed(bytes_of(R"({"Event": {"info": "x", "Attribute": [)")), FeedFormat::misp_event);
    EXPECT_EQ(intel::detect_feed(bytes_of(R"({"response": [{"Event": {)")), FeedFormat::misp_event);
    EXPECT_EQ(intel::detect_feed(bytes_of(R"({"5f0c2c71-8a3e-4c4b-9a2e-0c2b9f1d7e10": {"info": "x")")),
              FeedFormat::misp_manifest);
    EXPECT_EQ(intel::detect_feed(bytes_of(R"({"data": {"attributes": {"last_analysis_stats": {)")),
              FeedFormat::virustotal);
    EXPECT_EQ(intel::detect_feed(bytes_of("value,type\n1.2.3.4,ip\n")), FeedFormat::csv);
    EXPECT_EQ(intel::detect_feed(bytes_of("\xef\xbb\xbf" "1.2.3.4\n")), FeedFormat::csv);
    EXPECT_FALSE(intel::detect_feed(bytes_of(R"({"name": "x"})")));
    EXPECT_FALSE(intel::detect_feed(bytes_of(std::string_view("MZ\x90\0\x03\0\0\0", 8))));
    EXPECT_FALSE(intel::detect_feed(bytes_of("  \n")));
}

}  // namespace
