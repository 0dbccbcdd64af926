// EventTable: the timeline of every parsed event, as the Events view shows
// it, kept compact so a few million rows fit the browser's heap.
//
// Rows arrive as event::EventSummary batches from the engine workers. Each
// row keeps numbers and ids: event id, provider, channel and computer are
// interned (a log repeats a handful of values), details go into one arena
// with a byte budget (past it, rows keep no details and the full event is
// fetched on selection). Sorting and filtering work on an index vector;
// filtering runs in slices (step()) so a million rows never stall a frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "trinity/event/event_summary.h"

namespace trinity::event {

class EventTable {
public:
    enum Column { kTime, kEventId, kProvider, kChannel, kComputer, kRecord, kDetails, kColumnCount };
    static constexpr std::int64_t kNoTime = std::numeric_limits<std::int64_t>::min();

    struct Row {
        std::int64_t time_us = kNoTime;
        std::uint64_t record = 0;
        std::uint64_t offset = 0;
        std::uint64_t line = 0;
        std::uint32_t evidence = 0;
        std::uint32_t event_id = 0;  // interned strings
        std::uint32_t provider = 0;
        std::uint32_t channel = 0;
        std::uint32_t computer = 0;
        std::uint32_t details_len = 0;
        std::uint64_t details_at = 0;  // into the arena
        bool recovered = false;
    };

    explicit EventTable(std::size_t details_budget = 128u << 20) : details_budget_(details_budget) {}

    void add(const EventSummary& summary);
    void clear();
    void remove_evidence(std::uint32_t evidence);

    std::size_t size() const { return rows_.size(); }
    const Row& row(std::size_t index) const { return rows_[index]; }
    std::string_view text(const Row& row, Column column) const;  // interned columns and details
    std::string time_text(const Row& row) const;
    bool details_dropped() const { return details_dropped_ > 0; }
    std::size_t bytes_used() const;

    // [SECTION] The view: which rows, in which order
    void set_filter(std::string query);  // case-insensitive substring; "" shows all
    const std::string& filter() const { return filter_; }
    // Ties keep file order; descending is the exact reverse of ascending.
    void set_sort(Column column, bool descending);
    // Brings the view up to date, examining at most `budget` rows; true
    // when it is complete (no filtering or sorting left to do). While rows
    // still stream in (`settle` false), a sorted view is re-sorted only when
    // it has grown by an eighth, so a growing table does not sort per frame.
    bool step(std::size_t budget, bool settle = true);
    const std::vector<std::uint32_t>& view() const { return view_; }
    // Progress of a running filter, 0..1.
    float filter_progress() const;

private:
    std::uint32_t intern(std::string_view s);
    bool matches(const Row& row) const;
    void resort();

    std::vector<Row> rows_;
    std::vector<std::string> strings_{""};
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> string_ids_{{"", 0}};
    std::string details_;
    std::size_t details_budget_;
    std::size_t details_dropped_ = 0;

    std::vector<std::uint32_t> view_;
    std::string filter_;
    std::string filter_lower_;
    std::vector<char> string_matches_;  // per interned string: contains the filter
    std::size_t filtered_upto_ = 0;      // rows examined by the current filter
    Column sort_column_ = kColumnCount;  // none: file order
    bool sort_descending_ = false;
    std::size_t sorted_upto_ = 0;        // view_ entries in sorted order
};

}  // namespace trinity::event
