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
#include "trinity/table/row_view.h"

namespace trinity::event {

class EventTable final : public table::RowSource {
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

    std::size_t size() const override { return rows_.size(); }
    const Row& row(std::size_t index) const { return rows_[index]; }
    std::string_view text(const Row& row, Column column) const;  // interned columns and details
    std::string time_text(const Row& row) const;
    bool details_dropped() const { return details_dropped_ > 0; }
    std::size_t bytes_used() const;

    // table::RowSource
    bool row_matches(std::size_t row, std::string_view needle) const override;
    bool row_less(std::size_t a, std::size_t b, int column) const override;

private:
    std::uint32_t intern(std::string_view s);

    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    std::vector<Row> rows_;
    std::vector<std::string> strings_{""};
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> string_ids_{{"", 0}};
    std::string details_;
    std::size_t details_budget_;
    std::size_t details_dropped_ = 0;

    // Caches for matching and sorting interned columns, rebuilt when the
    // needle or the set of strings changes.
    mutable std::string match_needle_;
    mutable std::vector<char> string_matches_;
    mutable std::vector<std::uint32_t> string_ranks_;
};

}  // namespace trinity::event
