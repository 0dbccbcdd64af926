// Address classes: one known address per range and its neighbours.
#include <gtest/gtest.h>

#include "trinity/ioc/address_class.h"

namespace {

using namespace trinity::ioc;

std::string v4(std::string_view a) { return std::string(to_string(classify_ipv4(a).value())); }
std::string v6(std::string_view a) { return std::string(to_string(classify_ipv6(a).value())); }

TEST(AddressClass, Ipv4) {
    EXPECT_EQ(v4("10.1.2.3"), "private");
    EXPECT_EQ(v4("172.16.0.1"), "private");
    EXPECT_EQ(v4("172.32.0.1"), "public");  // just past 172.16.0.0/12
    EXPECT_EQ(v4("192.168.255.255"), "private");
    EXPECT_EQ(v4("127.0.0.1"), "loopback");
    EXPECT_EQ(v4("169.254.10.1"), "link-local");
    EXPECT_EQ(v4("224.0.0.251"), "multicast");
    EXPECT_EQ(v4("100.64.0.1"), "cgnat");
    EXPECT_EQ(v4("100.128.0.1"), "public");
    EXPECT_EQ(v4("192.0.2.1"), "documentation");
    EXPECT_EQ(v4("203.0.113.9"), "documentation");
    EXPECT_EQ(v4("0.0.0.0"), "unspecified");
    EXPECT_EQ(v4("255.255.255.255"), "reserved");
    EXPECT_EQ(v4("240.1.1.1"), "reserved");
    EXPECT_EQ(v4("8.8.8.8"), "public");
}

TEST(AddressClass, Ipv6) {
    EXPECT_EQ(v6("::1"), "loopback");
    EXPECT_EQ(v6("::"), "unspecified");
    EXPECT_EQ(v6("fd12:3456::1"), "private");
    EXPECT_EQ(v6("fe80::1"), "link-local");
    EXPECT_EQ(v6("ff02::1"), "multicast");
    EXPECT_EQ(v6("2001:db8::1"), "documentation");
    EXPECT_EQ(v6("2606:4700:4700::1111"), "public");
    EXPECT_EQ(v6("::ffff:10.0.0.1"), "private");  // mapped: the IPv4 class
}

TEST(AddressClass, OnlyAddresses) {
    EXPECT_FALSE(classify(Indicator{IndicatorType::domain, "example.com"}));
    EXPECT_EQ(classify(Indicator{IndicatorType::ipv4, "1.1.1.1"}), AddressClass::public_);
}

}  // namespace
