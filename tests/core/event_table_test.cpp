#include <gtest/gtest.h>

#include "trinity/event/event_table.h"

namespace trinity::event {
namespace {

EventSummary row(std::int64_t time, std::uint64_t record, std::string id, std::string computer, std::string details) {
    EventSummary s;
    s.time_us = time;
    s.provenance.evidence = 1;
    s.provenance.record = record;
    s.provenance.offset = record * 100;
    s.event_id = std::move(id);
    s.provider = "Microsoft-Windows-Security-Auditing";
    s.channel = "Security";
    s.computer = std::move(computer);
    s.details = std::move(details);
    return s;
}

// The table with the view the Events tab keeps over it.
struct Viewed {
    EventTable t;
    table::RowView v;
    bool step(std::size_t budget) { return v.step(t, budget); }
    void set_sort(EventTable::Column c, bool descending) { v.set_sort(c, descending); }
    void set_filter(std::string_view q) { v.set_filter(q); }
    const std::vector<std::uint32_t>& view() const { return v.rows(); }
};

std::vector<std::uint64_t> records(const Viewed& t) {
    std::vector<std::uint64_t> out;
    for (auto i : t.view()) out.push_back(t.t.row(i).record);
    return out;
}

Viewed sample() {
    Viewed t;
    t.t.add(row(30, 1, "4624", "WS-02", "TargetUserName=alice LogonType=3"));
    t.t.add(row(10, 2, "4688", "WS-01", "NewProcessName=C:\\Windows\\System32\\cmd.exe"));
    t.t.add(row(20, 3, "7", "WS-01", "ImageLoaded=C:\\Temp\\evil.dll"));
    t.t.add(row(20, 4, "4624", "WS-03", "TargetUserName=Bob LogonType=10"));
    return t;
}

TEST(EventTable, FileOrderUntilSorted) {
    auto t = sample();
    EXPECT_TRUE(t.step(1000));
    EXPECT_EQ(records(t), (std::vector<std::uint64_t>{1, 2, 3, 4}));
}

TEST(EventTable, SortsByTimeStablyAndEventIdNumerically) {
    auto t = sample();
    t.set_sort(EventTable::kTime, false);
    EXPECT_TRUE(t.step(1000));
    EXPECT_EQ(records(t), (std::vector<std::uint64_t>{2, 3, 4, 1}));  // 3 before 4: same time, file order
    t.set_sort(EventTable::kTime, true);
    EXPECT_TRUE(t.step(1000));
    EXPECT_EQ(records(t), (std::vector<std::uint64_t>{1, 4, 3, 2}));  // the exact reverse
    t.set_sort(EventTable::kEventId, false);
    EXPECT_TRUE(t.step(1000));
    EXPECT_EQ(records(t), (std::vector<std::uint64_t>{3, 1, 4, 2}));  // 7 < 4624 < 4688
    t.set_sort(EventTable::kComputer, false);
    EXPECT_TRUE(t.step(1000));
    EXPECT_EQ(records(t), (std::vector<std::uint64_t>{2, 3, 1, 4}));
}

TEST(EventTable, FilterIsCaseInsensitiveAcrossColumnsAndRunsInSlices) {
    auto t = sample();
    t.set_filter("BOB");
    EXPECT_FALSE(t.step(2)) << "half the rows examined";
    EXPECT_TRUE(t.step(2));
    EXPECT_EQ(records(t), (std::vector<std::uint64_t>{4}));
    t.set_filter("ws-01");  // an interned column
    EXPECT_TRUE(t.step(100));
    EXPECT_EQ(records(t), (std::vector<std::uint64_t>{2, 3}));
    t.set_filter("4624");
    EXPECT_TRUE(t.step(100));
    EXPECT_EQ(records(t), (std::vector<std::uint64_t>{1, 4}));
    t.set_filter("nothing like this");
    EXPECT_TRUE(t.step(100));
    EXPECT_TRUE(t.view().empty());
    t.set_filter("");
    EXPECT_TRUE(t.step(100));
    EXPECT_EQ(t.view().size(), 4u);
}

TEST(EventTable, RowsArrivingUnderAFilterJoinTheView) {
    auto t = sample();
    t.set_filter("evil");
    EXPECT_TRUE(t.step(100));
    EXPECT_EQ(records(t), (std::vector<std::uint64_t>{3}));
    t.t.add(row(40, 5, "7", "WS-09", "ImageLoaded=C:\\Temp\\EVIL2.dll"));
    t.t.add(row(41, 6, "7", "evil-host", ""));  // a new interned value that matches
    EXPECT_TRUE(t.step(100));
    EXPECT_EQ(records(t), (std::vector<std::uint64_t>{3, 5, 6}));
}

TEST(EventTable, DetailsBudgetKeepsRowsAndSaysSo) {
    EventTable t(40);
    t.add(row(1, 1, "1", "a", std::string(30, 'x')));
    t.add(row(2, 2, "1", "a", std::string(30, 'y')));  // over budget: no details
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t.text(t.row(0), EventTable::kDetails), std::string(30, 'x'));
    EXPECT_EQ(t.text(t.row(1), EventTable::kDetails), "");
    EXPECT_TRUE(t.details_dropped());
}

TEST(EventTable, RemovingEvidenceRebuildsTheView) {
    auto t = sample();
    auto other = row(5, 9, "1", "x", "");
    other.provenance.evidence = 2;
    t.t.add(other);
    EXPECT_TRUE(t.step(100));
    EXPECT_EQ(t.view().size(), 5u);
    t.t.remove_evidence(1);
    t.v.invalidate();
    EXPECT_TRUE(t.step(100));
    EXPECT_EQ(records(t), (std::vector<std::uint64_t>{9}));
    t.t.clear();
    t.v.invalidate();
    EXPECT_TRUE(t.step(100));
    EXPECT_EQ(t.t.size(), 0u);
}

}  // namespace
}  // namespace trinity::event
