// Reading ioc::to_json back (ioc::read_json) and merging sets
// (IndicatorSet::merge): how the browser combines every file's scan.
#include <gtest/gtest.h>

#include "trinity/ioc/export.h"
#include "trinity/ioc/import.h"
#include "trinity/ioc/indicator_set.h"

namespace trinity::ioc {
namespace {

Sighting at_line(std::string evidence, std::uint64_t line, std::optional<std::int64_t> time = std::nullopt) {
    Sighting s;
    s.evidence = std::move(evidence);
    s.line = line;
    s.time_us = time;
    return s;
}

constexpr std::int64_t kT1 = 1'700'000'000'000'000;  // 2023-11-14T22:13:20Z
constexpr std::int64_t kT2 = 1'700'000'060'000'000;

TEST(IocImport, RoundTripsAnExport) {
    IndicatorSet set;
    set.add({IndicatorType::ipv4, "203.0.113.7"}, at_line("auth.log", 3, kT1));
    set.add({IndicatorType::ipv4, "203.0.113.7"}, at_line("auth.log", 9, kT2));
    Sighting field;
    field.evidence = "Security.evtx";
    field.evidence_sha256 = std::string(64, 'a');
    field.record = 4242;
    field.field = "CommandLine";
    set.add({IndicatorType::url, "http://evil.example.com/a"}, field);
    set.count_allowlisted(3);

    auto back = read_json(to_json(set));
    ASSERT_TRUE(back) << back.error().describe();
    EXPECT_EQ(back->allowlisted, 3u);
    EXPECT_EQ(back->rejected, 0u);
    ASSERT_EQ(back->entries.size(), 2u);
    IndicatorSet again;
    for (const auto& e : back->entries) again.merge(e);
    const IndicatorEntry* ip = again.find({IndicatorType::ipv4, "203.0.113.7"});
    ASSERT_NE(ip, nullptr);
    EXPECT_EQ(ip->count, 2u);
    EXPECT_EQ(ip->first_time_us, kT1);
    EXPECT_EQ(ip->last_time_us, kT2);
    ASSERT_EQ(ip->sightings.size(), 2u);
    EXPECT_EQ(ip->sightings[1].line, 9u);
    const IndicatorEntry* url = again.find({IndicatorType::url, "http://evil.example.com/a"});
    ASSERT_NE(url, nullptr);
    EXPECT_EQ(url->first.record, 4242u);
    EXPECT_EQ(url->first.field, "CommandLine");
    EXPECT_EQ(url->first.evidence_sha256, std::string(64, 'a'));
    again.count_allowlisted(back->allowlisted);
    EXPECT_EQ(to_json(again), to_json(set));  // nothing lost on the way
}

TEST(IocImport, MergeAddsCountsAndBoundsProvenance) {
    IndicatorSet a, b;
    for (std::uint64_t i = 1; i <= 10; ++i) a.add({IndicatorType::domain, "evil.example.com"}, at_line("a.log", i));
    for (std::uint64_t i = 1; i <= 10; ++i) b.add({IndicatorType::domain, "evil.example.com"}, at_line("b.log", i));
    IndicatorSet all;
    all.merge(a.entries()[0]);
    all.merge(b.entries()[0]);
    ASSERT_EQ(all.size(), 1u);
    const auto& e = all.entries()[0];
    EXPECT_EQ(e.count, 20u);
    EXPECT_EQ(e.sightings.size(), IndicatorSet::kMaxProvenance);
    EXPECT_EQ(e.first.evidence, "a.log");
    EXPECT_EQ(e.last.evidence, "b.log");
    EXPECT_EQ(all.total_sightings(), 20u);
}

TEST(IocImport, BadEntriesAreCountedNotKept) {
    auto r = read_json(R"({"indicators": [
        {"type": "ipv4", "value": "999.1.1.1"},
        {"type": "no-such-type", "value": "x"},
        7,
        {"type": "sha256", "value": "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "count": 4}
    ], "allowlisted": 1})");
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->rejected, 3u);
    ASSERT_EQ(r->entries.size(), 1u);
    EXPECT_EQ(r->entries[0].indicator.value, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(r->entries[0].count, 4u);
}

TEST(IocImport, NotAnIndicatorListIsAnErrorWithItsOffset) {
    auto broken = read_json(R"({"indicators": [)");
    ASSERT_FALSE(broken);
    EXPECT_TRUE(broken.error().location.offset.has_value());
    EXPECT_FALSE(read_json(R"({"objects": []})"));
    EXPECT_FALSE(read_json("[]"));
}

}  // namespace
}  // namespace trinity::ioc
