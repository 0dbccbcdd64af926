// IndicatorSet: extracted indicators, deduplicated, with counts and where
// each was seen.
//
// Keyed by (type, canonical value). Each entry keeps how often it was
// seen, its first and last sightings, the earliest and latest event times
// when the records had times, and up to kMaxProvenance sightings (evidence
// name and SHA-256, record or line, field name); further sightings are only
// counted, so memory stays bounded on a log that repeats one address a
// million times.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "trinity/ioc/indicator.h"

namespace trinity::ioc {

struct Sighting {
    std::string evidence;         // evidence name
    std::string evidence_sha256;  // empty when not hashed
    std::uint64_t record = 0;     // record number (EVTX EventRecordID), 0 when line based
    std::uint64_t line = 0;       // 1-based line in a text file, 0 when record based
    std::string field;            // event field name, empty for text lines
    std::optional<std::int64_t> time_us;  // the record's time, when it has one
};

struct IndicatorEntry {
    Indicator indicator;
    std::uint64_t count = 0;
    Sighting first;
    Sighting last;
    std::optional<std::int64_t> first_time_us;  // earliest time among sightings
    std::optional<std::int64_t> last_time_us;   // latest
    std::vector<Sighting> sightings;            // the first kMaxProvenance
};

class IndicatorSet {
public:
    static constexpr std::size_t kMaxProvenance = 16;

    IndicatorSet() = default;
    // Moves keep the entries where they are; a copy would leave the index
    // pointing into the original, so there is none.
    IndicatorSet(IndicatorSet&&) = default;
    IndicatorSet& operator=(IndicatorSet&&) = default;
    IndicatorSet(const IndicatorSet&) = delete;
    IndicatorSet& operator=(const IndicatorSet&) = delete;

    void add(const Indicator& indicator, const Sighting& sighting);
    // Adds an entry of another set (another file's scan): counts add up,
    // times widen, sightings append up to kMaxProvenance.
    void merge(const IndicatorEntry& other);
    // Counts indicators the allowlist dropped.
    void count_allowlisted(std::uint64_t n = 1) { allowlisted_ += n; }

    std::size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    std::uint64_t allowlisted() const { return allowlisted_; }
    std::uint64_t total_sightings() const { return total_; }

    const IndicatorEntry* find(const Indicator& indicator) const;
    // Entries in the order they were first seen (a deque: adding never
    // moves the entries already there).
    const std::deque<IndicatorEntry>& entries() const { return entries_; }
    // Entries sorted by type, then value (stable output for exports).
    std::vector<const IndicatorEntry*> sorted() const;

private:
    // The index keys point into the entries' own values (a deque never
    // moves them), so a lookup allocates nothing.
    struct Key {
        IndicatorType type;
        std::string_view value;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const;
    };
    std::deque<IndicatorEntry> entries_;
    std::unordered_map<Key, std::size_t, KeyHash> index_;
    std::uint64_t allowlisted_ = 0;
    std::uint64_t total_ = 0;
};

}  // namespace trinity::ioc
