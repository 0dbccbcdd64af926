// The Sigma engine: every loaded rule compiled into one index, matched
// against events.
//
// Engine is built once from a RuleSet and is immutable (share it between
// threads); a Matcher holds one thread's scratch space. Rules are bucketed
// by logsource branch (logsource.h); inside a bucket, a prefilter runs one
// Aho-Corasick pass per field over the literals the rules need, so only
// rules whose literals occur are evaluated in full. Throughput therefore
// depends on what an event contains, hardly on how many rules are loaded.
//
// Correlation rules run afterwards over the hits of the rules they name
// (correlate()).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "trinity/event/event.h"
#include "trinity/sigma/logsource.h"
#include "trinity/sigma/rule.h"

namespace trinity::sigma {

struct MatchedValue {
    std::string field;  // as the rule names it
    std::string value;  // the event's value
};

struct Hit {
    std::uint32_t rule = 0;  // index in the RuleSet
    std::optional<std::int64_t> time_us;
    event::Provenance provenance;
    std::vector<MatchedValue> matched;  // values that satisfied the detection
    // Values of the fields the correlations on this rule group or aggregate
    // by, in the order of Engine::correlation_fields(rule); empty string when
    // absent (has_key false).
    std::vector<std::string> keys;
    std::vector<bool> has_key;
};

// "Field=value  Field=value": the matched values on one line, as the CLI
// timeline and the Detections view show them.
std::string matched_text(const Hit& hit);

struct CorrelationHit {
    std::uint32_t rule = 0;  // the correlation rule's index in the RuleSet
    std::int64_t first_us = 0;
    std::int64_t last_us = 0;
    std::vector<MatchedValue> group;  // group-by field (alias name) and value
    double value = 0;  // the count, distinct count, sum, average or percentile
    // What it grouped: indexes into the hits given to correlate().
    std::vector<std::size_t> hits;
    // For chained correlations: indexes into this same result vector.
    std::vector<std::size_t> correlations;
};

struct EngineOptions {
    const LogsourceMap* logsources = nullptr;  // nullptr: LogsourceMap::builtin()
    bool record_matches = true;                // fill Hit::matched
    // Off: every rule of an event's buckets is evaluated in full (no
    // literal prefilter). Same results, slower; the benchmark's baseline.
    bool prefilter = true;
};

struct EngineStats {
    std::size_t rules = 0;          // detection rules compiled
    std::size_t correlations = 0;
    std::size_t literals = 0;       // prefilter needles
    std::size_t always_evaluated = 0;  // rules with no literal to prefilter on
    std::size_t unmapped_rules = 0;    // logsource unknown to the map
    std::size_t automata = 0;          // one per field with literals, one for keywords
    std::size_t automaton_states = 0;
    std::size_t automaton_bytes = 0;
};

namespace detail {
struct EngineIndex;
}

class Engine {
public:
    explicit Engine(const RuleSet& rules, EngineOptions options = {});
    ~Engine();
    Engine(Engine&&) noexcept;
    Engine& operator=(Engine&&) noexcept;

    const RuleSet& rules() const { return *rules_; }
    const EngineStats& stats() const;
    const std::vector<std::string>& correlation_fields(std::uint32_t rule) const;
    // False for rules referenced only by correlations with `generate: false`:
    // their hits feed correlations but are not reported on their own.
    bool reported(std::uint32_t rule) const;

    // Runs the correlation rules over `hits` (any order; they are taken in
    // time order) and returns their hits, chained correlations included.
    std::vector<CorrelationHit> correlate(std::span<const Hit> hits) const;

    const detail::EngineIndex& index() const { return *index_; }

private:
    const RuleSet* rules_;
    std::unique_ptr<detail::EngineIndex> index_;
};

class Matcher {
public:
    explicit Matcher(const Engine& engine);
    ~Matcher();
    // Appends one Hit per detection rule the event satisfies.
    void match(const event::Event& event, std::vector<Hit>& hits);
    std::uint64_t evaluated() const { return evaluated_; }  // full rule evaluations so far
    std::uint64_t scanned_bytes() const { return scanned_; }  // bytes the prefilter read so far

    struct Scratch;  // per-event working memory (src/sigma/engine_match.cpp)

private:
    const Engine* engine_;
    std::unique_ptr<Scratch> scratch_;
    std::uint64_t evaluated_ = 0;
    std::uint64_t scanned_ = 0;
};

}  // namespace trinity::sigma
