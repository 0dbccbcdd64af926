#include "trinity/event/event_table.h"

#include <algorithm>
#include <cctype>


namespace trinity::event {

std::uint32_t EventTable::intern(std::string_view s) {
    if (auto it = string_ids_.find(s); it != string_ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(strings_.size());
    strings_.emplace_back(s);
    string_ids_.emplace(strings_.back(), id);
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
    string_matches_.clear();
    string_ranks_.clear();
}

void EventTable::remove_evidence(std::uint32_t evidence) {
    // Details of removed rows stay in the arena until the table is cleared.
    std::erase_if(rows_, [evidence](const Row& r) { return r.evidence == evidence; });
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
    return rows_.capacity() * sizeof(Row) + details_.capacity() + strings;
}

bool EventTable::row_matches(std::size_t index, std::string_view needle) const {
    // Whether each interned string contains the needle is decided once.
    if (needle != match_needle_) {
        match_needle_ = needle;
        string_matches_.clear();
    }
    for (std::size_t i = string_matches_.size(); i < strings_.size(); ++i) {
        string_matches_.push_back(table::contains_folded(strings_[i], needle) ? 1 : 0);
    }
    const Row& r = rows_[index];
    if (string_matches_[r.event_id] || string_matches_[r.provider] || string_matches_[r.channel] ||
        string_matches_[r.computer]) {
        return true;
    }
    if (table::contains_folded(text(r, kDetails), needle)) return true;
    // Times and record numbers are searchable as they are shown.
    return table::contains_folded(std::to_string(r.record), needle) ||
           (needle.size() >= 4 && table::contains_folded(time_text(r), needle));
}

bool EventTable::row_less(std::size_t a, std::size_t b, int column) const {
    const Row& x = rows_[a];
    const Row& y = rows_[b];
    if (column == kEventId || column == kProvider || column == kChannel || column == kComputer) {
        // Interned columns compare by the strings' order, ranked once.
        if (string_ranks_.size() != strings_.size()) {
            std::vector<std::uint32_t> ids(strings_.size());
            for (std::uint32_t i = 0; i < ids.size(); ++i) ids[i] = i;
            std::sort(ids.begin(), ids.end(), [&](std::uint32_t i, std::uint32_t j) {
                return table::natural_less(strings_[i], strings_[j]);  // "7" before "4624"
            });
            string_ranks_.assign(strings_.size(), 0);
            for (std::uint32_t i = 0; i < ids.size(); ++i) string_ranks_[ids[i]] = i;
        }
        const auto pick = [column](const Row& r) {
            return column == kEventId ? r.event_id : column == kProvider ? r.provider
                                                   : column == kChannel  ? r.channel
                                                                         : r.computer;
        };
        return string_ranks_[pick(x)] < string_ranks_[pick(y)];
    }
    switch (column) {
        case kTime: return x.time_us < y.time_us;
        case kRecord: return x.record < y.record;
        case kDetails: return text(x, kDetails) < text(y, kDetails);
        default: return a < b;
    }
}

}  // namespace trinity::event
