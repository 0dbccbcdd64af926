// The public suffix list: parsing, the matching algorithm (wildcards and
// exceptions) on a small known list, and the embedded Debian list.
#include <gtest/gtest.h>

#include "trinity/ioc/public_suffix.h"

namespace {

using trinity::ioc::PublicSuffixList;

// A small list in the file's format, with the cases of the PSL test data.
constexpr std::string_view kList =
    "// comment\n"
    "com\n"
    "uk\n"
    "co.uk\n"
    "jp\n"
    "*.kawasaki.jp   trailing text is ignored\n"
    "!city.kawasaki.jp\n"
    "*.ck\n"
    "!www.ck\n";

TEST(PublicSuffix, RulesAndLabels) {
    const auto psl = PublicSuffixList::parse(kList);
    EXPECT_EQ(psl.rule_count(), 8u);
    EXPECT_EQ(psl.suffix_labels("example.com"), 1u);
    EXPECT_EQ(psl.suffix_labels("a.b.example.co.uk"), 2u);
    EXPECT_EQ(psl.suffix_labels("a.b.kawasaki.jp"), 3u);     // wildcard
    EXPECT_EQ(psl.suffix_labels("city.kawasaki.jp"), 2u);    // exception
    EXPECT_EQ(psl.suffix_labels("kawasaki.jp"), 1u);         // the wildcard needs a label
    EXPECT_EQ(psl.suffix_labels("example.unknowntld"), 1u);  // the implicit "*" rule
}

TEST(PublicSuffix, IsDomain) {
    const auto psl = PublicSuffixList::parse(kList);
    EXPECT_TRUE(psl.is_domain("evil.co.uk"));
    EXPECT_FALSE(psl.is_domain("co.uk"));
    EXPECT_FALSE(psl.is_domain("com"));
    EXPECT_FALSE(psl.is_domain("b.kawasaki.jp"));
    EXPECT_TRUE(psl.is_domain("a.b.kawasaki.jp"));
    EXPECT_TRUE(psl.is_domain("city.kawasaki.jp"));
    EXPECT_FALSE(psl.is_domain("evil.ck"));
    EXPECT_TRUE(psl.is_domain("www.ck"));
    EXPECT_FALSE(psl.is_domain("cmd.exe"));  // "exe" is no TLD
}

TEST(PublicSuffix, Registrable) {
    const auto psl = PublicSuffixList::parse(kList);
    EXPECT_EQ(psl.registrable("a.b.evil.co.uk").value_or("-"), "evil.co.uk");
    EXPECT_EQ(psl.registrable("evil.com").value_or("-"), "evil.com");
    EXPECT_EQ(psl.registrable("x.a.b.kawasaki.jp").value_or("-"), "a.b.kawasaki.jp");
    EXPECT_FALSE(psl.registrable("co.uk"));
}

TEST(PublicSuffix, EmbeddedDebianList) {
    const auto& psl = PublicSuffixList::builtin();
    EXPECT_GT(psl.rule_count(), 5000u);
    EXPECT_TRUE(psl.is_domain("evil.co.uk"));
    EXPECT_TRUE(psl.is_domain("example.com"));
    EXPECT_TRUE(psl.is_domain("foo.github.io"));  // private section
    EXPECT_FALSE(psl.is_domain("github.io"));
    EXPECT_FALSE(psl.is_domain("svchost.dll"));
    EXPECT_FALSE(psl.is_domain("report.docx"));
    EXPECT_FALSE(psl.is_domain("cmd.exe"));
}

}  // namespace
