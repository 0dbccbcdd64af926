// The engine's compiled index (private to core): detection rules with
// their filters applied, grouped by logsource bucket, and the prefilter
// automata that pick the rules worth evaluating for an event.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "aho_corasick.h"
#include "compiled_rules.h"
#include "correlation.h"
#include "trinity/sigma/engine.h"

namespace trinity::sigma::detail {

// Case-insensitive (ASCII) hashing and equality for field-name lookups
// without building a folded copy per event field.
struct FoldedHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const {
        std::uint64_t h = 1469598103934665603ull;  // 64-bit FNV-1a, also where size_t is 32 bits (wasm32)
        for (char c : s) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        }
        return static_cast<std::size_t>(h ^ (h >> 32));
    }
};
struct FoldedEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            char x = a[i], y = b[i];
            if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
            if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
            if (x != y) return false;
        }
        return true;
    }
};
// Event field name -> rule field id, case-insensitively, on the hot path:
// open addressing with a hash of the length and four folded bytes (field
// names are short and differ early or late), then one folded compare.
class FieldTable {
public:
    static constexpr std::uint32_t kNone = 0xffffffffu;

    void insert(std::string_view name, std::uint32_t id) {
        if ((count_ + 1) * 2 > slots_.size()) grow();
        place(std::string(name), id);
    }

    std::uint32_t find(std::string_view name) const {
        if (slots_.empty()) return kNone;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = quick_hash(name) & mask;; i = (i + 1) & mask) {
            const Slot& slot = slots_[i];
            if (slot.id == kNone) return kNone;
            if (FoldedEqual{}(slot.name, name)) return slot.id;
        }
    }

    bool empty() const { return count_ == 0; }

private:
    struct Slot {
        std::string name;
        std::uint32_t id = kNone;
    };

    static std::size_t quick_hash(std::string_view s) {
        // In 64 bits also where size_t has 32 (wasm32).
        const std::uint64_t n = s.size();
        if (n == 0) return 0;
        auto at = [&](std::uint64_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(s[i]) | 0x20); };
        const std::uint64_t h = (n << 32) ^ (at(0) << 24) ^ (at(n > 1 ? 1 : 0) << 16) ^ (at(n / 2) << 8) ^ at(n - 1);
        return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ull) >> 20);
    }

    void place(std::string name, std::uint32_t id) {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = quick_hash(name) & mask;; i = (i + 1) & mask) {
            if (slots_[i].id == kNone) {
                slots_[i] = {std::move(name), id};
                ++count_;
                return;
            }
            if (FoldedEqual{}(slots_[i].name, name)) return;  // the first id wins
        }
    }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(std::max<std::size_t>(16, old.size() * 2), Slot{});
        count_ = 0;
        for (Slot& slot : old) {
            if (slot.id != kNone) place(std::move(slot.name), slot.id);
        }
    }

    std::vector<Slot> slots_;
    std::size_t count_ = 0;
};

struct RuleEntry {
    std::uint32_t rule = 0;         // RuleSet index
    const Detection* detection = nullptr;
    std::vector<std::uint32_t> buckets;  // sorted
    bool always = false;            // no prefilter needle: evaluate whenever the bucket is active
};

struct FieldAutomaton {
    AhoCorasick automaton;
    std::uint32_t first_needle = 0;  // global id of needle 0 (for per-event dedup)
    std::vector<std::vector<std::uint32_t>> postings;  // needle id -> entries
};

struct EngineIndex {
    FieldNames fields;               // the RuleSet's, plus correlation fields
    FieldTable lookup;               // event field name -> field id
    const LogsourceMap* logsources = nullptr;
    std::uint32_t unclassified = 0;  // bucket id for events no branch describes
    // Per branch: event field name -> rule field id, for aliases.
    std::vector<FieldTable> aliases;
    // Per branch: rule field ids its aliases rename. On such events the
    // rule's field means the aliased event field only (4688's ProcessId is
    // the parent's: the rule's ProcessId is NewProcessId there).
    std::vector<std::vector<std::uint32_t>> aliased;

    std::deque<Detection> owned;  // detections with filters applied (stable addresses)
    std::vector<RuleEntry> entries;
    // Rules with the same buckets form a group with its own automata, so an
    // event scans only the literals of rules that may run on it.
    struct RuleGroup {
        std::vector<std::uint32_t> buckets;
        std::vector<std::uint32_t> always;             // entries without needles
        std::vector<std::int32_t> automaton_of_field;  // field id -> index in automata, -1 none
        std::int32_t keyword_automaton = -1;
    };
    std::vector<RuleGroup> groups;
    std::vector<std::vector<std::uint32_t>> groups_of_bucket;
    std::vector<FieldAutomaton> automata;
    std::uint32_t needles = 0;  // over every automaton

    CorrelationRunner correlations;
    std::vector<std::vector<std::uint32_t>> correlation_field_ids;  // rule -> field ids
    std::vector<std::vector<std::string>> correlation_fields;       // rule -> names
    bool record_matches = true;
    EngineStats stats;
};

}  // namespace trinity::sigma::detail
