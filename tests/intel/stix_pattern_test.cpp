// STIX pattern reading: which comparisons become indicator values, which
// are skipped, and where a broken pattern is broken.
#include <gtest/gtest.h>

#include "intel/stix_pattern.h"

namespace {

using trinity::intel::detail::scan_stix_pattern;

TEST(StixPattern, TakesEveryEqualityOfOrAndAnd) {
    auto r = scan_stix_pattern(
        "[file:hashes.'SHA-256' = 'aa' OR file:hashes.MD5 = 'bb'] AND [ipv4-addr:value = '10.0.0.1']");
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->equalities.size(), 3u);
    EXPECT_EQ(r->equalities[0].path, "file:hashes.SHA-256");
    EXPECT_EQ(r->equalities[0].value, "aa");
    EXPECT_EQ(r->equalities[1].path, "file:hashes.MD5");
    EXPECT_EQ(r->equalities[2].path, "ipv4-addr:value");
    EXPECT_TRUE(r->skipped.empty());
}

TEST(StixPattern, QualifiersParenthesesAndInSets) {
    auto r = scan_stix_pattern(
        "([domain-name:value IN ('a.example', 'b.example')] FOLLOWEDBY [url:value = 'http://x.example/']) "
        "WITHIN 300 SECONDS REPEATS 2 TIMES START t'2025-01-01T00:00:00Z' STOP t'2025-02-01T00:00:00Z'");
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->equalities.size(), 3u);
    EXPECT_EQ(r->equalities[1].value, "b.example");
}

TEST(StixPattern, EscapesInStrings) {
    auto r = scan_stix_pattern(R"([windows-registry-key:key = 'HKLM\\Software\\O\'Brien'])");
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->equalities.size(), 1u);
    EXPECT_EQ(r->equalities[0].value, R"(HKLM\Software\O'Brien)");
}

TEST(StixPattern, SkipsWhatIsNotAnEquality) {
    auto r = scan_stix_pattern(
        "[file:name MATCHES '^a.*$' AND file:size > 10 OR file:name NOT = 'y' OR "
        "file:name LIKE 'a%' OR EXISTS file:ctime OR file:hashes.MD5 NOT IN ('cc') OR file:size = 5]");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->equalities.empty());
    ASSERT_EQ(r->skipped.size(), 7u);
    EXPECT_EQ(r->skipped[0], "MATCHES comparison");
    EXPECT_EQ(r->skipped[1], "'>' comparison");
    EXPECT_EQ(r->skipped[6], "'=' comparison");  // a number, not a string
}

TEST(StixPattern, BrokenPatternsSayWhere) {
    struct Case {
        const char* pattern;
        std::uint64_t column;
    };
    const Case cases[] = {
        {"[ipv4-addr:value = '1.2.3.4'", 29},
        {"ipv4-addr:value = '1.2.3.4'", 1},
        {"[ipv4-addr:value = '1.2.3.4]", 20},
        {"[ipv4-addr: = '1.2.3.4']", 12},
        {"[ipv4-addr:value ~ '1.2.3.4']", 18},
        {"[ipv4-addr:value = '1.2.3.4'] WITHIN ten SECONDS", 38},
        {"[a:b = 'c'] [d:e = 'f']", 13},
        {"", 1},
    };
    for (const Case& c : cases) {
        auto r = scan_stix_pattern(c.pattern);
        ASSERT_FALSE(r) << c.pattern;
        EXPECT_EQ(r.error().location.column.value_or(0), c.column) << c.pattern << ": " << r.error().message;
    }
}

TEST(StixPattern, DeepNestingIsRefusedNotRecursedForever) {
    const std::string deep = std::string(10000, '(') + "[a:b = 'c']" + std::string(10000, ')');
    auto r = scan_stix_pattern(deep);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("nested too deeply"), std::string::npos);
}

}  // namespace
