// IndicatorSet: deduplication with counts and bounded provenance.
#include "trinity/ioc/indicator_set.h"

#include <algorithm>

namespace trinity::ioc {
namespace {

void make_key(std::string& key, const Indicator& indicator) {
    key.clear();
    key += static_cast<char>('A' + static_cast<int>(indicator.type));
    key += indicator.value;
}

}  // namespace

void IndicatorSet::add(const Indicator& indicator, const Sighting& sighting) {
    ++total_;
    make_key(key_, indicator);
    auto [it, inserted] = index_.try_emplace(key_, entries_.size());
    if (inserted) {
        IndicatorEntry entry;
        entry.indicator = indicator;
        entry.first = sighting;
        entries_.push_back(std::move(entry));
    }
    IndicatorEntry& e = entries_[it->second];
    ++e.count;
    e.last = sighting;
    if (sighting.time_us) {
        if (!e.first_time_us || *sighting.time_us < *e.first_time_us) e.first_time_us = sighting.time_us;
        if (!e.last_time_us || *sighting.time_us > *e.last_time_us) e.last_time_us = sighting.time_us;
    }
    if (e.sightings.size() < kMaxProvenance) e.sightings.push_back(sighting);
}

void IndicatorSet::merge(const IndicatorEntry& other) {
    total_ += other.count;
    make_key(key_, other.indicator);
    auto [it, inserted] = index_.try_emplace(key_, entries_.size());
    if (inserted) {
        entries_.push_back(other);
        if (entries_.back().sightings.size() > kMaxProvenance) entries_.back().sightings.resize(kMaxProvenance);
        return;
    }
    IndicatorEntry& e = entries_[it->second];
    e.count += other.count;
    e.last = other.last;
    if (other.first_time_us && (!e.first_time_us || *other.first_time_us < *e.first_time_us))
        e.first_time_us = other.first_time_us;
    if (other.last_time_us && (!e.last_time_us || *other.last_time_us > *e.last_time_us))
        e.last_time_us = other.last_time_us;
    for (const Sighting& s : other.sightings) {
        if (e.sightings.size() >= kMaxProvenance) break;
        e.sightings.push_back(s);
    }
}

const IndicatorEntry* IndicatorSet::find(const Indicator& indicator) const {
    std::string key;
    make_key(key, indicator);
    const auto it = index_.find(key);
    return it == index_.end() ? nullptr : &entries_[it->second];
}

std::vector<const IndicatorEntry*> IndicatorSet::sorted() const {
    std::vector<const IndicatorEntry*> out;
    out.reserve(entries_.size());
    for (const IndicatorEntry& e : entries_) out.push_back(&e);
    std::sort(out.begin(), out.end(), [](const IndicatorEntry* a, const IndicatorEntry* b) {
        if (a->indicator.type != b->indicator.type) return a->indicator.type < b->indicator.type;
        return a->indicator.value < b->indicator.value;
    });
    return out;
}

}  // namespace trinity::ioc
