// refang() and defang(): the safe spellings of indicators, both ways.
#include <gtest/gtest.h>

#include "trinity/ioc/refang.h"

namespace {

using trinity::ioc::defang;
using trinity::ioc::Indicator;
using trinity::ioc::IndicatorType;
using trinity::ioc::refang;
using trinity::ioc::refang_copy;

TEST(Refang, LeavesPlainTextAlone) {
    EXPECT_FALSE(refang("nothing defanged here: http://x.com (see) [1] {a}"));
    EXPECT_FALSE(refang("the dot com bubble"));  // " dot " alone is never enough
}

TEST(Refang, Styles) {
    EXPECT_EQ(refang_copy("hxxp://evil[.]com"), "http://evil.com");
    EXPECT_EQ(refang_copy("HXXPS[://]evil(.)com/a"), "https://evil.com/a");
    EXPECT_EQ(refang_copy("hxxp[:]//1[.]2[.]3[.]4"), "http://1.2.3.4");
    EXPECT_EQ(refang_copy("fxp://files{.}example{dot}org"), "ftp://files.example.org");
    EXPECT_EQ(refang_copy("a[@]b[DOT]com"), "a@b.com");
    EXPECT_EQ(refang_copy("user(at)example(dot)com"), "user@example.com");
    EXPECT_EQ(refang_copy("user [at] example dot com"), "user@example.com");
    EXPECT_EQ(refang_copy("2001[:]db8[:][:]1"), "2001:db8::1");
    EXPECT_EQ(refang_copy("path hxxp://x[.]com[/]a"), "path http://x.com/a");
}

TEST(Refang, SpelledDotNeedsATopLevelDomain) {
    // Another marker is present, but "dot the" is prose: "the" is no TLD.
    EXPECT_EQ(refang_copy("evil[.]com, connect dot the lines"), "evil.com, connect dot the lines");
    EXPECT_EQ(refang_copy("evil[.]com or evil dot net"), "evil.com or evil.net");
}

TEST(Refang, SchemeWordsInsideOtherWords) {
    EXPECT_EQ(refang_copy("ahxxp://x[.]com"), "ahxxp://x.com");  // not a scheme of its own
}

TEST(Defang, EachType) {
    EXPECT_EQ(defang(Indicator{IndicatorType::url, "https://evil.com/a.b?x=1"}), "hxxps://evil[.]com/a.b?x=1");
    EXPECT_EQ(defang(Indicator{IndicatorType::url, "ftp://u@1.2.3.4/"}), "fxp://u[@]1[.]2[.]3[.]4/");
    EXPECT_EQ(defang(Indicator{IndicatorType::domain, "a.b.com"}), "a[.]b[.]com");
    EXPECT_EQ(defang(Indicator{IndicatorType::ipv4, "1.2.3.4"}), "1[.]2[.]3[.]4");
    EXPECT_EQ(defang(Indicator{IndicatorType::ipv6, "2001:db8::1"}), "2001[:]db8[:][:]1");
    EXPECT_EQ(defang(Indicator{IndicatorType::email, "a@b.com"}), "a[@]b[.]com");
    EXPECT_EQ(defang(Indicator{IndicatorType::md5, "d41d8cd98f00b204e9800998ecf8427e"}), "d41d8cd98f00b204e9800998ecf8427e");
}

TEST(Defang, RoundTrips) {
    const Indicator samples[] = {{IndicatorType::url, "http://evil.example.com/x"},
                                 {IndicatorType::email, "a.b@c.example.org"},
                                 {IndicatorType::ipv6, "fe80::1"}};
    for (const Indicator& i : samples) EXPECT_EQ(refang_copy(defang(i)), i.value);
}

}  // namespace
