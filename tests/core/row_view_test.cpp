#include <gtest/gtest.h>

#include "trinity/table/row_view.h"

namespace trinity::table {
namespace {

// Two columns: a name and a PID held as text.
struct Processes final : RowSource {
    std::vector<std::pair<std::string, std::string>> rows;
    std::size_t size() const override { return rows.size(); }
    bool row_matches(std::size_t r, std::string_view needle) const override {
        return contains_folded(rows[r].first, needle) || contains_folded(rows[r].second, needle);
    }
    bool row_less(std::size_t a, std::size_t b, int column) const override {
        return column == 0 ? rows[a].first < rows[b].first : natural_less(rows[a].second, rows[b].second);
    }
};

std::vector<std::uint32_t> run(RowView& v, const RowSource& s) {
    EXPECT_TRUE(v.step(s, 1'000'000));
    return v.rows();
}

TEST(RowView, NaturalOrderComparesWholeNumbersAsNumbers) {
    EXPECT_TRUE(natural_less("7", "4624"));
    EXPECT_TRUE(natural_less("0042", "100"));
    EXPECT_FALSE(natural_less("100", "100"));
    EXPECT_TRUE(natural_less("10", "9a"));  // not both numbers: text order
    EXPECT_TRUE(natural_less("", "0"));
}

TEST(RowView, FoldedContainment) {
    EXPECT_TRUE(contains_folded("C:\\Windows\\System32\\CMD.EXE", "cmd.exe"));
    EXPECT_FALSE(contains_folded("cmd", "cmd.exe"));
    EXPECT_TRUE(contains_folded("anything", ""));
    EXPECT_EQ(fold_case("PowerShell.EXE"), "powershell.exe");
}

TEST(RowView, FiltersSortsAndFollowsAGrowingSource) {
    Processes p;
    p.rows = {{"svchost.exe", "912"}, {"cmd.exe", "4412"}, {"powershell.exe", "6120"}, {"CMD.EXE", "88"}};
    RowView v;
    EXPECT_EQ(run(v, p), (std::vector<std::uint32_t>{0, 1, 2, 3}));
    v.set_sort(1, false);
    EXPECT_EQ(run(v, p), (std::vector<std::uint32_t>{3, 0, 1, 2}));  // 88 < 912 < 4412 < 6120
    v.set_sort(1, true);
    EXPECT_EQ(run(v, p), (std::vector<std::uint32_t>{2, 1, 0, 3}));
    v.set_filter("Cmd");
    EXPECT_EQ(run(v, p), (std::vector<std::uint32_t>{1, 3}));
    p.rows.push_back({"cmd.exe", "99999"});
    EXPECT_EQ(run(v, p), (std::vector<std::uint32_t>{4, 1, 3}));
    v.set_filter("");
    v.set_sort(-1, false);
    EXPECT_EQ(run(v, p), (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
}

TEST(RowView, FilterRunsInSlicesAndReportsProgress) {
    Processes p;
    for (int i = 0; i < 1000; ++i) p.rows.push_back({"proc" + std::to_string(i), std::to_string(i)});
    RowView v;
    v.set_filter("7");
    EXPECT_FALSE(v.step(p, 300));
    EXPECT_NEAR(v.progress(p), 0.3f, 1e-6);
    while (!v.step(p, 300)) {
    }
    EXPECT_EQ(v.rows().size(), 271u);  // numbers below 1000 with a 7 in them
}

TEST(RowView, AShrunkSourceRebuildsTheView) {
    Processes p;
    p.rows = {{"a", "1"}, {"b", "2"}, {"c", "3"}};
    RowView v;
    EXPECT_EQ(run(v, p).size(), 3u);
    p.rows.pop_back();
    EXPECT_EQ(run(v, p), (std::vector<std::uint32_t>{0, 1}));
}

}  // namespace
}  // namespace trinity::table
