// canonicalize() and make_indicator(): the canonical forms every part of
// Trinity compares indicators by.
#include <gtest/gtest.h>

#include "trinity/ioc/indicator.h"

namespace {

using trinity::ioc::canonicalize;
using trinity::ioc::IndicatorType;
using trinity::ioc::make_indicator;

std::string canon(IndicatorType t, std::string_view v) { return canonicalize(t, v).value_or("<none>"); }

TEST(Canonicalize, Ipv4) {
    EXPECT_EQ(canon(IndicatorType::ipv4, " 192.168.1.1 "), "192.168.1.1");
    EXPECT_EQ(canon(IndicatorType::ipv4, "010.0.0.1"), "<none>");  // octal or decimal: ambiguous
    EXPECT_EQ(canon(IndicatorType::ipv4, "256.0.0.1"), "<none>");
    EXPECT_EQ(canon(IndicatorType::ipv4, "1.2.3"), "<none>");
    EXPECT_EQ(canon(IndicatorType::ipv4, "1.2.3.4.5"), "<none>");
}

TEST(Canonicalize, Ipv6Rfc5952) {
    EXPECT_EQ(canon(IndicatorType::ipv6, "2001:0DB8:0000:0000:0000:0000:0000:0001"), "2001:db8::1");
    EXPECT_EQ(canon(IndicatorType::ipv6, "2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");  // first of equal runs
    EXPECT_EQ(canon(IndicatorType::ipv6, "2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");  // one zero: no "::"
    EXPECT_EQ(canon(IndicatorType::ipv6, "::FFFF:192.0.2.1"), "::ffff:192.0.2.1");
    EXPECT_EQ(canon(IndicatorType::ipv6, "::"), "::");
    EXPECT_EQ(canon(IndicatorType::ipv6, "1::2::3"), "<none>");
    EXPECT_EQ(canon(IndicatorType::ipv6, "1:2:3:4:5:6:7:8:9"), "<none>");
    EXPECT_EQ(canon(IndicatorType::ipv6, "12345::1"), "<none>");
}

TEST(Canonicalize, NamesAndHashes) {
    EXPECT_EQ(canon(IndicatorType::domain, "EXAMPLE.com."), "example.com");
    EXPECT_EQ(canon(IndicatorType::domain, "-bad.com"), "<none>");
    EXPECT_EQ(canon(IndicatorType::domain, "1.2.3.4"), "<none>");
    EXPECT_EQ(canon(IndicatorType::url, "HTTP://Evil.COM/Path?Q=A"), "http://evil.com/Path?Q=A");
    EXPECT_EQ(canon(IndicatorType::email, "Bob@Example.COM"), "bob@example.com");
    EXPECT_EQ(canon(IndicatorType::md5, "D41D8CD98F00B204E9800998ECF8427E"), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(canon(IndicatorType::sha1, "D41D8CD98F00B204E9800998ECF8427E"), "<none>");
    EXPECT_EQ(canon(IndicatorType::cve, "cve-2021-44228"), "CVE-2021-44228");
    EXPECT_EQ(canon(IndicatorType::registry_key, "hklm\\Software"), "hklm\\Software");
    EXPECT_EQ(canon(IndicatorType::registry_key, "HKLMX\\Software"), "<none>");
    EXPECT_EQ(canon(IndicatorType::windows_path, "C:\\x.exe"), "C:\\x.exe");
    EXPECT_EQ(canon(IndicatorType::unix_path, "/"), "<none>");
}

TEST(MakeIndicator, FeedTypeNames) {
    auto ip = make_indicator("ip-dst", "2001:DB8::1");
    ASSERT_TRUE(ip);
    EXPECT_EQ(ip->type, IndicatorType::ipv6);
    EXPECT_EQ(ip->value, "2001:db8::1");
    auto hash = make_indicator("hash", "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709");
    ASSERT_TRUE(hash);
    EXPECT_EQ(hash->type, IndicatorType::sha1);
    EXPECT_FALSE(make_indicator("hash", "abc"));
    EXPECT_FALSE(make_indicator("no-such-type", "1.2.3.4"));
    auto domain = make_indicator("Hostname", "Evil.Example.");
    ASSERT_TRUE(domain);
    EXPECT_EQ(domain->value, "evil.example");
    EXPECT_EQ(trinity::ioc::to_string(IndicatorType::registry_key), "registry-key");
}

}  // namespace
