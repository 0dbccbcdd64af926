// RowView: which rows of a table are shown, and in which order.
//
// Every table in the UI (processes, connections, accounts, indicators,
// detections, ...) is a RowSource the view filters and sorts by index,
// never copying rows. Filtering runs in slices (step() with a budget), so a
// query over a million rows never stalls a frame; rows added to the source
// later are examined as they come. Sorting is stable, ties keep the
// source's order, and descending is the exact reverse of ascending.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trinity::table {

class RowSource {
public:
    virtual ~RowSource() = default;
    virtual std::size_t size() const = 0;
    // Whether row `row` contains `needle` (lower case, non-empty) anywhere.
    virtual bool row_matches(std::size_t row, std::string_view needle) const = 0;
    // Order of rows `a` and `b` by column `column`.
    virtual bool row_less(std::size_t a, std::size_t b, int column) const = 0;
};

class RowView {
public:
    // Case-insensitive substring over every column; "" shows all rows.
    void set_filter(std::string_view query);
    const std::string& filter() const { return filter_; }
    // column < 0: the source's own order.
    void set_sort(int column, bool descending);
    int sort_column() const { return sort_column_; }
    bool sort_descending() const { return descending_; }
    // Forget the view (rows were removed or changed in place).
    void invalidate();

    // Brings the view up to date with `source`, examining at most `budget`
    // rows. True when complete. While the source still grows (`settle`
    // false), a sorted view re-sorts only after growing by an eighth.
    bool step(const RowSource& source, std::size_t budget, bool settle = true);
    const std::vector<std::uint32_t>& rows() const { return view_; }
    float progress(const RowSource& source) const;

private:
    void sort(const RowSource& source);

    std::string filter_;  // lower case
    int sort_column_ = -1;
    bool descending_ = false;
    std::vector<std::uint32_t> view_;
    std::size_t examined_ = 0;
    std::size_t sorted_ = 0;
};

// Case-insensitive (ASCII) containment, `needle` already lower case.
bool contains_folded(std::string_view haystack, std::string_view needle);
std::string fold_case(std::string_view text);

// Numbers compare as numbers when both sides are whole numbers, else as
// text; for columns such as PIDs, ports and sizes held as text.
bool natural_less(std::string_view a, std::string_view b);

}  // namespace trinity::table
