#include "trinity/table/row_view.h"

#include <algorithm>

namespace trinity::table {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool whole_number(std::string_view s) {
    if (s.empty() || s.size() > 19) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

}  // namespace

std::string fold_case(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = lower(c);
    return out;
}

bool contains_folded(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    if (hay.size() < needle.size()) return false;
    const char first = needle[0];
    const std::size_t last = hay.size() - needle.size();
    for (std::size_t i = 0; i <= last; ++i) {
        if (lower(hay[i]) != first) continue;
        std::size_t k = 1;
        while (k < needle.size() && lower(hay[i + k]) == needle[k]) ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

bool natural_less(std::string_view a, std::string_view b) {
    if (whole_number(a) && whole_number(b)) {
        const auto x = a.find_first_not_of('0');
        const auto y = b.find_first_not_of('0');
        const std::string_view ta = x == std::string_view::npos ? std::string_view() : a.substr(x);
        const std::string_view tb = y == std::string_view::npos ? std::string_view() : b.substr(y);
        if (ta.size() != tb.size()) return ta.size() < tb.size();
        return ta < tb;
    }
    return a < b;
}

void RowView::set_filter(std::string_view query) {
    std::string folded = fold_case(query);
    if (folded == filter_) return;
    filter_ = std::move(folded);
    invalidate();
}

void RowView::set_sort(int column, bool descending) {
    if (column == sort_column_ && descending == descending_) return;
    sort_column_ = column;
    descending_ = descending;
    sorted_ = 0;
}

void RowView::invalidate() {
    view_.clear();
    examined_ = 0;
    sorted_ = 0;
}

float RowView::progress(const RowSource& source) const {
    const std::size_t n = source.size();
    return n == 0 ? 1.0f : static_cast<float>(std::min(examined_, n)) / static_cast<float>(n);
}

void RowView::sort(const RowSource& source) {
    if (sort_column_ < 0) {
        std::sort(view_.begin(), view_.end());
    } else {
        const int c = sort_column_;
        std::stable_sort(view_.begin(), view_.end(), [&](std::uint32_t a, std::uint32_t b) {
            if (descending_) return source.row_less(b, a, c) || (!source.row_less(a, b, c) && a > b);
            return source.row_less(a, b, c) || (!source.row_less(b, a, c) && a < b);
        });
    }
    sorted_ = view_.size();
}

bool RowView::step(const RowSource& source, std::size_t budget, bool settle) {
    const std::size_t n = source.size();
    if (examined_ > n) invalidate();  // the source shrank under us
    const std::size_t end = std::min(n, examined_ + budget);
    for (; examined_ < end; ++examined_) {
        if (filter_.empty() || source.row_matches(examined_, filter_)) {
            view_.push_back(static_cast<std::uint32_t>(examined_));
        }
    }
    const bool filtered = examined_ == n;
    if (filtered && sorted_ != view_.size()) {
        const bool grew_little = sorted_ > 0 && (view_.size() - sorted_) * 8 < sorted_;
        if (sort_column_ < 0 && std::is_sorted(view_.begin(), view_.end())) sorted_ = view_.size();
        else if (settle || !grew_little) sort(source);
    }
    return filtered && sorted_ == view_.size();
}

}  // namespace trinity::table
