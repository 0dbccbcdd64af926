// The engine's compiled index (private to core): detection rules with
// their filters applied, grouped by logsource bucket, and the prefilter
// automata that pick the rules worth evaluating for an event.
#pragma once

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
using FieldLookup = std::unordered_map<std::string, std::uint32_t, FoldedHash, FoldedEqual>;

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
    FieldLookup lookup;              // event field name -> field id
    const LogsourceMap* logsources = nullptr;
    std::uint32_t unclassified = 0;  // bucket id for events no branch describes
    // Per branch: event field name -> rule field id, for aliases.
    std::vector<FieldLookup> aliases;

    std::deque<Detection> owned;  // detections with filters applied (stable addresses)
    std::vector<RuleEntry> entries;
    std::vector<std::vector<std::uint32_t>> always_by_bucket;  // bucket -> entries
    std::vector<std::int32_t> automaton_of_field;  // field id -> index in automata, -1 none
    std::vector<FieldAutomaton> automata;
    std::int32_t keyword_automaton = -1;
    std::uint32_t needles = 0;  // over every automaton

    CorrelationRunner correlations;
    std::vector<std::vector<std::uint32_t>> correlation_field_ids;  // rule -> field ids
    std::vector<std::vector<std::string>> correlation_fields;       // rule -> names
    bool record_matches = true;
    EngineStats stats;
};

}  // namespace trinity::sigma::detail
