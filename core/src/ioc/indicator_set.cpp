// IndicatorSet: deduplication with counts and bounded provenance.
#include "trinity/ioc/indicator_set.h"

#include <algorithm>
#include <functional>

namespace trinity::ioc {

std::size_t IndicatorSet::KeyHash::operator()(const Key& k) const {
    return std::hash<std::string_view>{}(k.value) ^ (static_cast<std::size_t>(k.type) * 0x9e3779b97f4a7c15ull);
}

void IndicatorSet::add(const Indicator& indicator, const Sighting& sighting) {
    ++total_;
    std::size_t slot = 0;
    if (const auto it = index_.find(Key{indicator.type, indicator.value}); it != index_.end()) {
        slot = it->second;
    } else {
        slot = entries_.size();
        IndicatorEntry& entry = entries_.emplace_back();
        entry.indicator = indicator;
        entry.first = sighting;
        index_.emplace(Key{entry.indicator.type, entry.indicator.value}, slot);
    }
    IndicatorEntry& e = entries_[slot];
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
    const auto it = index_.find(Key{other.indicator.type, other.indicator.value});
    if (it == index_.end()) {
        IndicatorEntry& entry = entries_.emplace_back(other);
        if (entry.sightings.size() > kMaxProvenance) entry.sightings.resize(kMaxProvenance);
        index_.emplace(Key{entry.indicator.type, entry.indicator.value}, entries_.size() - 1);
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
    const auto it = index_.find(Key{indicator.type, indicator.value});
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
