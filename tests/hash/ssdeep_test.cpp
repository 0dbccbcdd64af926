// ssdeep vectors taken once from Debian's `ssdeep` 2.14.1 on the generated
// inputs of generated_data.h, hard-coded so the wasm build checks them too;
// ssdeep_tool_test.cpp re-derives them from the tool when it is installed.
#include <gtest/gtest.h>

#include <string_view>

#include "generated_data.h"
#include "trinity/hash/ssdeep.h"
#include "trinity/io/byte_source.h"

namespace {

using trinity::hash::ssdeep_compare;
using trinity::hash::ssdeep_hash;
using trinity::test::DataKind;

struct FuzzyVector {
    std::size_t size;
    std::uint32_t seed;
    DataKind kind;
    std::string_view ssdeep;  // `ssdeep -s -b FILE`, without the name
};

constexpr FuzzyVector kFuzzyVectors[] = {
    {0, 1, DataKind::random, "3::"},
    {1, 2, DataKind::random, "3::"},
    {7, 3, DataKind::text, "3:pLACn:pLN"},
    {64, 4, DataKind::random, "3:tiOh7F1PUY3L9n1KBqeNwRorcn0n:ZBN3JINf00"},
    {191, 5, DataKind::random, "3:/bJ7mMINyFg/gmGLLvzmOuA4j1Zr+S6cn2nX9Z5vgjpk+tU8PIne/ftsaI6hBuxH:Fq9gnLvzmrXj1ZrIdnXtIjJtUeN/Ieux"},
    {192, 6, DataKind::random, "3:v2AN/sst/r1RFHAwgkhEI0s2qk4ivUxFBgNWBQPLQwPyD0fROG6wgn7x3muB:uUsk/tAwgc50sDiI89XQ05OGm7x2W"},
    {193, 7, DataKind::random, "6:+W1levuoow6Om+L02PF2f/6EkKTLOmsldmbPkSdjcu:+Ie7t7U02MSLOCbk8ou"},
    {1000, 8, DataKind::text, "12:oIKxZIrFdFyF6ayfrzkbZ7D5+gXSTkJ5fVkJt57EFrgf72DfhNQGgpMDMI/wYJsj:Vs4Nfy713CjscT2DJ+fd4kmeI4b8Kwc"},
    {4096, 9, DataKind::random, "96:v9hxkcwFt6iIjSHTsBYJXTyivyB4VnBBnmkN5a1TWVc+:vrxkpFt7PoB6yKRBBmxTt+"},
    {6144, 10, DataKind::zero_tail, "96:PQuV82qID6N8afsc2YCRVElgXwoubtOH1KoYhYC4rCuSeFH8:PQuV82pDMGc2YC7ElhXodC4rCuSeFH"},
    {50000, 11, DataKind::text, "384:uVAtecWqClaOEOO1yqzG1Usek19wEsWKyXIjRu7j47Eb4PrnGzG+6EkQzCe09iHE:uvcFCgBamk9pKRtznb5J8WyUDwa+q"},
    {100000, 12, DataKind::random, "3072:WUJDA1lZe+rh4Hf55Up1s+DbokFw6H5t5:xec+rh4HfTTSVa6H5X"},
    {262147, 13, DataKind::zero_tail, "6144:d1vQwtKVLNSa3dgRVH7qlnQ5OLscPLLOr:vYnpN9K57BULscPHM"},
    {1048576, 14, DataKind::text, "1536:oPbe5m85uKv6qVxShd2xb+1GmPGf6lg8I1RZAEU3uHjxvlkQ3I6MQBy+ZAjXHh6F:nV5Ghj8Xh"},
    {3000017, 15, DataKind::random, "49152:uKgW65fB5YcBCfMiNzHaQum7fNQwX3M/alC9oiVmyG7A1bLQ3BcHKVT/iN:sd55CfM3c7fNQwHMigooaM1bnwON"},
};

TEST(Ssdeep, MatchesTheToolOnGeneratedInputs) {
    for (const auto& v : kFuzzyVectors) {
        const auto bytes = trinity::test::generated(v.size, v.seed, v.kind);
        EXPECT_EQ(ssdeep_hash(bytes), v.ssdeep) << "size " << v.size << " seed " << v.seed;
    }
}

// `ssdeep -a -x` over the signatures of a 50 kB text (m0), the same with
// three 16-byte overwrites (m1), with thirty (m2), its first 30 kB (m3) and
// its last 40 kB (m4).
constexpr std::string_view kM0 = "384:uVAtecWqClaOEOO1yqzG1Usek19wEsWKyXIjRu7j47Eb4PrnGzG+6EkQzCe09iHE:uvcFCgBamk9pKRtznb5J8WyUDwa+q";
constexpr std::string_view kM1 = "384:uVAtecWqClaOEOO1yqzG1Usek19iEsWKyXIjRu7j4sEb4PrnGzG+6EkQzCe09iHN:uvcFCgBamkHpKREznb5J8WzUDwa+q";
constexpr std::string_view kM2 = "384:uVHtecGqC+aOEeO1yqzKjs+k19cfWKyXyjRk7j42Eb4PrwGz9+6Ek6D09iY2BDdn:uSc1CXBWk0eK5qzwYX8hI1Dwa+P";
constexpr std::string_view kM3 = "384:uVAtecWqClaOEOO1yqzG1Usek19wEsWKyXIjRu7j47Eb4Pu:uvcFCgBamk9pKRtW";
constexpr std::string_view kM4 = "384:sOO1yqzG1Usek19wEsWKyXIjRu7j47Eb4PrnGzG+6EkQzCe09iH2BDDULYZKH27P:mBamk9pKRtznb5J8WyUDwa+q";

struct CompareVector {
    std::string_view a, b;
    int score;
};
constexpr CompareVector kCompareVectors[] = {
    {kM0, kM1, 96}, {kM0, kM2, 0}, {kM0, kM3, 85}, {kM0, kM4, 88}, {kM1, kM3, 80},
    {kM1, kM4, 77}, {kM3, kM4, 61}, {kM0, kM0, 100},
};

TEST(SsdeepCompare, MatchesTheToolScores) {
    for (const auto& v : kCompareVectors) {
        auto ab = ssdeep_compare(v.a, v.b);
        auto ba = ssdeep_compare(v.b, v.a);
        ASSERT_TRUE(ab.ok() && ba.ok());
        EXPECT_EQ(*ab, v.score) << v.a << " vs " << v.b;
        EXPECT_EQ(*ba, v.score) << "not symmetric";
    }
}

TEST(SsdeepCompare, AcceptsTheToolsFilenameSuffix) {
    const std::string with_name = std::string(kM0) + ",\"/cases/m0.bin\"";
    auto r = ssdeep_compare(with_name, kM1);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, 96);
}

TEST(SsdeepCompare, BlockSizesTooFarApartScoreZero) {
    auto r = ssdeep_compare("3:abcdefghij:abcdefghij", "12:abcdefghij:abcdefghij");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, 0);
}

TEST(SsdeepCompare, RunsLongerThanThreeAreCut) {
    // Identical once "AAAAAAA" is cut to "AAA": the fast path says 100.
    auto r = ssdeep_compare("96:xyzAAAAAAAbcdefg:xyz", "96:xyzAAAbcdefg:xyz");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, 100);
}

TEST(SsdeepCompare, MalformedSignaturesAreErrors) {
    for (const std::string_view bad : {"", "abc", ":abc:def", "x3:abc:def", "3:abcdef", "3"}) {
        auto r = ssdeep_compare(bad, kM0);
        EXPECT_FALSE(r.ok()) << "'" << bad << "'";
        if (!r.ok()) {
            EXPECT_EQ(r.error().kind, trinity::ErrorKind::invalid);
        }
    }
    std::string alternating = "3:";
    for (int i = 0; i < 70; ++i) alternating += (i % 2 ? 'a' : 'b');
    alternating += ":x";
    EXPECT_FALSE(ssdeep_compare(alternating, kM0).ok());
}

}  // namespace
