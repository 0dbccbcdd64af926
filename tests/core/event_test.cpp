#include <gtest/gtest.h>

#include "trinity/event/event.h"

namespace trinity::event {
namespace {

// 2024-02-29T23:59:59Z, a leap day, as Unix seconds.
constexpr std::int64_t kLeapDaySeconds = 1709251199;

TEST(EventTime, ParsesIsoWithZoneAndFraction) {
    EXPECT_EQ(parse_time("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(parse_time("2024-02-29T23:59:59Z"), kLeapDaySeconds * 1'000'000);
    EXPECT_EQ(parse_time("2024-02-29 23:59:59"), kLeapDaySeconds * 1'000'000);
    EXPECT_EQ(parse_time("2024-02-29T23:59:59.5Z"), kLeapDaySeconds * 1'000'000 + 500'000);
    // EVTX writes 100 ns precision: the seventh digit is dropped.
    EXPECT_EQ(parse_time("2024-02-29T23:59:59.1234567Z"), kLeapDaySeconds * 1'000'000 + 123'456);
    EXPECT_EQ(parse_time("2024-03-01T01:59:59+02:00"), kLeapDaySeconds * 1'000'000);
    EXPECT_EQ(parse_time("2024-02-29T21:59:59-0200"), kLeapDaySeconds * 1'000'000);
    EXPECT_EQ(parse_time("1709251199"), kLeapDaySeconds * 1'000'000);
    EXPECT_EQ(parse_time("1709251199000"), kLeapDaySeconds * 1'000'000);
}

TEST(EventTime, RejectsWhatIsNotATime) {
    EXPECT_FALSE(parse_time(""));
    EXPECT_FALSE(parse_time("yesterday"));
    EXPECT_FALSE(parse_time("2024-13-01T00:00:00Z"));
    EXPECT_FALSE(parse_time("2024-01-01T00:00:00Zjunk"));
    EXPECT_FALSE(parse_time("2024-01-01T00:00:00."));
    EXPECT_FALSE(parse_time("12345"));
}

TEST(EventTime, FormatsAndRoundTrips) {
    EXPECT_EQ(format_time(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_time(kLeapDaySeconds * 1'000'000 + 123'456), "2024-02-29T23:59:59.123456Z");
    EXPECT_EQ(format_time(-1), "1969-12-31T23:59:59.999999Z");
    for (std::int64_t t : {std::int64_t{0}, std::int64_t{951782400} * 1'000'000, std::int64_t{4102444800} * 1'000'000 + 7}) {
        EXPECT_EQ(parse_time(format_time(t)), t);
    }
}

TEST(EventTime, FiletimeToUnix) {
    // 2009-07-25T23:34:45.001234Z as FILETIME ticks.
    constexpr std::uint64_t kTicks = 128930384850012340ULL;
    EXPECT_EQ(format_time(filetime_to_unix_us(kTicks)), "2009-07-25T23:34:45.001234Z");
}

TEST(Event, FindAndJson) {
    Event e;
    e.source = "jsonl";
    e.time_us = 0;
    e.provenance = {7, 3, 3, 120, false};
    e.add("Image", R"(C:\Windows\System32\cmd.exe)");
    e.add("EventID", "1", FieldType::integer);
    e.add("tag", "a");
    e.add("tag", "b");
    e.add("parent", "", FieldType::null);
    e.add("huge", "123456789012345678901234567890", FieldType::integer);
    ASSERT_NE(e.value("Image"), nullptr);
    EXPECT_EQ(e.value("image"), nullptr) << "names are case-sensitive";
    EXPECT_EQ(e.find("tag")->value, "a");
    EXPECT_EQ(to_json(e),
              R"({"_time":"1970-01-01T00:00:00Z","_source":"jsonl","_evidence":7,"_record":3,"_line":3,)"
              R"("Image":"C:\\Windows\\System32\\cmd.exe","EventID":1,"tag":["a","b"],"parent":null,)"
              R"("huge":"123456789012345678901234567890"})");
}

}  // namespace
}  // namespace trinity::event
