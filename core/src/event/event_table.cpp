#include "trinity/event/event_table.h"

#include <algorithm>
#include <cctype>


namespace trinity::event {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

// Case-insensitive (ASCII) substring search; `needle` is lower case.
bool contains_lower(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    if (hay.size() < needle.size()) return false;
    const char first = needle[0];
    for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        if (lower(hay[i]) != first) continue;
        std::size_t k = 1;
        while (k < needle.size() && lower(hay[i + k]) == needle[k]) ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

}  // namespace

std::uint32_t EventTable::intern(std::string_view s) {
    if (auto it = string_ids_.find(s); it != string_ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(strings_.size());
    strings_.emplace_back(s);
    string_ids_.emplace(strings_.back(), id);
    if (!filter_lower_.empty()) string_matches_.push_back(contains_lower(s, filter_lower_) ? 1 : 0);
    return id;
}

void EventTable::add(const EventSummary& s) {
    Row r;
    r.time_us = s.time_us.value_or(kNoTime);
    r.record = s.provenance.record;
    r.offset = s.provenance.offset;
    r.line = s.provenance.line;
    r.evidence = static_cast<std::uint32_t>(s.provenance.evidence);
    r.recovered = s.provenance.recovered;
    r.event_id = intern(s.event_id);
    r.provider = intern(s.provider);
    r.channel = intern(s.channel);
    r.computer = intern(s.computer);
    if (details_.size() + s.details.size() <= details_budget_) {
        r.details_at = details_.size();
        r.details_len = static_cast<std::uint32_t>(s.details.size());
        details_ += s.details;
    } else if (!s.details.empty()) {
        ++details_dropped_;
    }
    rows_.push_back(r);
}

void EventTable::clear() {
    rows_.clear();
    strings_.assign(1, std::string());
    string_ids_.clear();
    string_ids_.emplace("", 0);
    details_.clear();
    details_dropped_ = 0;
    view_.clear();
    string_matches_.clear();
    if (!filter_lower_.empty()) string_matches_.push_back(0);  // "" never contains a query
    filtered_upto_ = 0;
    sorted_upto_ = 0;
}

void EventTable::remove_evidence(std::uint32_t evidence) {
    // Details of removed rows stay in the arena until the table is cleared.
    std::erase_if(rows_, [evidence](const Row& r) { return r.evidence == evidence; });
    view_.clear();
    filtered_upto_ = 0;
    sorted_upto_ = 0;
}

std::string_view EventTable::text(const Row& r, Column c) const {
    switch (c) {
        case kEventId: return strings_[r.event_id];
        case kProvider: return strings_[r.provider];
        case kChannel: return strings_[r.channel];
        case kComputer: return strings_[r.computer];
        case kDetails: return std::string_view(details_).substr(r.details_at, r.details_len);
        default: return {};
    }
}

std::string EventTable::time_text(const Row& r) const {
    return r.time_us == kNoTime ? std::string() : format_time(r.time_us);
}

std::size_t EventTable::bytes_used() const {
    std::size_t strings = 0;
    for (const auto& s : strings_) strings += s.capacity() + 64;  // + map node, roughly
    return rows_.capacity() * sizeof(Row) + details_.capacity() + view_.capacity() * 4 + strings;
}

void EventTable::set_filter(std::string query) {
    if (query == filter_) return;
    filter_ = std::move(query);
    filter_lower_ = to_lower(filter_);
    string_matches_.clear();
    if (!filter_lower_.empty()) {
        string_matches_.reserve(strings_.size());
        for (const auto& s : strings_) string_matches_.push_back(contains_lower(s, filter_lower_) ? 1 : 0);
    }
    view_.clear();
    filtered_upto_ = 0;
    sorted_upto_ = 0;
}

void EventTable::set_sort(Column column, bool descending) {
    if (column == sort_column_ && descending == sort_descending_) return;
    sort_column_ = column;
    sort_descending_ = descending;
    sorted_upto_ = 0;
}

bool EventTable::matches(const Row& r) const {
    if (filter_lower_.empty()) return true;
    if (string_matches_[r.event_id] || string_matches_[r.provider] || string_matches_[r.channel] ||
        string_matches_[r.computer]) {
        return true;
    }
    if (contains_lower(text(r, kDetails), filter_lower_)) return true;
    // Times and record numbers are searchable as they are shown.
    return contains_lower(std::to_string(r.record), filter_lower_) ||
           (filter_lower_.size() >= 4 && contains_lower(time_text(r), filter_lower_));
}

float EventTable::filter_progress() const {
    return rows_.empty() ? 1.0f : static_cast<float>(filtered_upto_) / static_cast<float>(rows_.size());
}

void EventTable::resort() {
    if (sort_column_ == kColumnCount) {
        std::sort(view_.begin(), view_.end());
    } else {
        // Interned columns sort by the strings' order: rank each string once.
        std::vector<std::uint32_t> rank(strings_.size());
        if (sort_column_ != kTime && sort_column_ != kRecord && sort_column_ != kDetails) {
            std::vector<std::uint32_t> ids(strings_.size());
            for (std::uint32_t i = 0; i < ids.size(); ++i) ids[i] = i;
            const bool numeric = sort_column_ == kEventId;
            std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) {
                const std::string& x = strings_[a];
                const std::string& y = strings_[b];
                if (numeric && x.size() != y.size()) return x.size() < y.size();  // "7" before "4624"
                return x < y;
            });
            for (std::uint32_t i = 0; i < ids.size(); ++i) rank[ids[i]] = i;
        }
        auto key_less = [&](std::uint32_t a, std::uint32_t b) {
            const Row& x = rows_[a];
            const Row& y = rows_[b];
            switch (sort_column_) {
                case kTime: return x.time_us < y.time_us;
                case kRecord: return x.record < y.record;
                case kEventId: return rank[x.event_id] < rank[y.event_id];
                case kProvider: return rank[x.provider] < rank[y.provider];
                case kChannel: return rank[x.channel] < rank[y.channel];
                case kComputer: return rank[x.computer] < rank[y.computer];
                case kDetails: return text(x, kDetails) < text(y, kDetails);
                default: return a < b;
            }
        };
        std::stable_sort(view_.begin(), view_.end(), [&](std::uint32_t a, std::uint32_t b) {
            if (sort_descending_) return key_less(b, a) || (!key_less(a, b) && a > b);
            return key_less(a, b) || (!key_less(b, a) && a < b);
        });
    }
    sorted_upto_ = view_.size();
}

bool EventTable::step(std::size_t budget, bool settle) {
    const std::size_t end = std::min(rows_.size(), filtered_upto_ + budget);
    for (; filtered_upto_ < end; ++filtered_upto_) {
        if (matches(rows_[filtered_upto_])) view_.push_back(static_cast<std::uint32_t>(filtered_upto_));
    }
    const bool filtered = filtered_upto_ == rows_.size();
    // New rows in file order need no sort; otherwise sort once the filter
    // has caught up, so a growing table is re-sorted at most once per step.
    if (filtered && sorted_upto_ != view_.size()) {
        const bool grew_little = sorted_upto_ > 0 && (view_.size() - sorted_upto_) * 8 < sorted_upto_;
        if (sort_column_ == kColumnCount && std::is_sorted(view_.begin(), view_.end())) sorted_upto_ = view_.size();
        else if (settle || !grew_little) resort();
    }
    return filtered && sorted_upto_ == view_.size();
}

}  // namespace trinity::event
