// VerdictPolicy: parsing rules, scoring engine counts, and the verdict
// order the combination of feeds relies on.
#include <gtest/gtest.h>

#include "trinity/intel/verdict_policy.h"

namespace {

using namespace trinity::intel;

// The seed's rule and what it must say about typical VirusTotal counts.
constexpr EngineCounts kTwelveOfSeventy{12, 1, 0, 57};
constexpr EngineCounts kFiveOfSeventy{5, 0, 10, 55};
constexpr EngineCounts kSuspiciousOnly{0, 3, 10, 57};
constexpr EngineCounts kNoEngineFlags{0, 0, 70, 21};
constexpr EngineCounts kNeverAnalysed{0, 0, 0, 0};

TEST(VerdictPolicy, DefaultIsTheSeedsRule) {
    const VerdictPolicy policy;
    EXPECT_EQ(policy.describe(), "malicious > 5");
    EXPECT_EQ(policy.score(kTwelveOfSeventy), Verdict::malicious);
    EXPECT_EQ(policy.score(kFiveOfSeventy), Verdict::suspicious);  // 5 is not > 5
    EXPECT_EQ(policy.score(kSuspiciousOnly), Verdict::suspicious);
    EXPECT_EQ(policy.score(kNoEngineFlags), Verdict::clean);
    EXPECT_EQ(policy.score(kNeverAnalysed), Verdict::unknown);
}

TEST(VerdictPolicy, ParsesOrOfAnds) {
    auto policy = parse_policy("malicious >= 3 or suspicious > 10");
    ASSERT_TRUE(policy) << policy.error().describe();
    EXPECT_EQ(policy->describe(), "malicious >= 3 or suspicious > 10");
    EXPECT_EQ(policy->score(EngineCounts{3, 0, 0, 60}), Verdict::malicious);
    EXPECT_EQ(policy->score(EngineCounts{0, 11, 0, 60}), Verdict::malicious);
    EXPECT_EQ(policy->score(EngineCounts{2, 10, 0, 60}), Verdict::suspicious);

    auto both = parse_policy("MALICIOUS>2 && harmless<10 || total == 1");
    ASSERT_TRUE(both) << both.error().describe();
    EXPECT_EQ(both->describe(), "malicious > 2 and harmless < 10 or total == 1");
    EXPECT_EQ(both->score(EngineCounts{3, 0, 9, 0}), Verdict::malicious);
    EXPECT_EQ(both->score(EngineCounts{3, 0, 10, 0}), Verdict::suspicious);
    EXPECT_EQ(both->score(EngineCounts{0, 0, 1, 0}), Verdict::malicious);  // total == 1
}

TEST(VerdictPolicy, ErrorsSayWhere) {
    struct Case {
        const char* rule;
        std::uint64_t column;
        const char* message_part;
    };
    const Case cases[] = {
        {"", 1, "expected a field"},
        {"malicous > 5", 1, "unknown field 'malicous'"},
        {"malicious 5", 11, "expected a comparison"},
        {"malicious > five", 13, "whole number"},
        {"malicious > 5 xor suspicious > 1", 15, "'and' or 'or'"},
        {"malicious > 5 or", 17, "expected a field"},
        {"malicious > 99999999999999", 13, "too large"},
    };
    for (const Case& c : cases) {
        auto r = parse_policy(c.rule);
        ASSERT_FALSE(r) << c.rule;
        EXPECT_EQ(r.error().location.column.value_or(0), c.column) << c.rule << ": " << r.error().describe();
        EXPECT_NE(r.error().message.find(c.message_part), std::string::npos) << c.rule << ": " << r.error().message;
    }
}

TEST(VerdictPolicy, ScoresOnlyScoredSightings) {
    const VerdictPolicy policy;
    Sighting listed;
    listed.verdict = Verdict::clean;
    EXPECT_EQ(policy.verdict_of(listed), Verdict::clean);
    Sighting scored;
    scored.verdict = Verdict::unknown;
    scored.malicious = 7;
    scored.undetected = 60;
    EXPECT_EQ(policy.verdict_of(scored), Verdict::malicious);
}

TEST(Verdict, WorstWinsAndNamesRoundTrip) {
    EXPECT_EQ(worst(Verdict::clean, Verdict::malicious), Verdict::malicious);
    EXPECT_EQ(worst(Verdict::suspicious, Verdict::clean), Verdict::suspicious);
    EXPECT_EQ(worst(Verdict::unknown, Verdict::clean), Verdict::clean);
    for (Verdict v : {Verdict::unknown, Verdict::clean, Verdict::suspicious, Verdict::malicious})
        EXPECT_EQ(parse_verdict(to_string(v)), v);
    EXPECT_EQ(parse_verdict(" Benign "), Verdict::clean);
    EXPECT_EQ(parse_verdict("MALWARE"), Verdict::malicious);
    EXPECT_FALSE(parse_verdict("maybe"));
}

}  // namespace
