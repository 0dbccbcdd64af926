// Sigma correlation rules (meta rules): their definition and the runner that
// groups the hits of the rules they name.
//
// Types: event_count, value_count, temporal, temporal_ordered, value_sum,
// value_avg, value_percentile; with group-by, timespan, aliases, generate
// and chaining (a correlation may name other correlations).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "trinity/result.h"
#include "trinity/sigma/engine.h"

namespace trinity::sigma::detail {

enum class CorrelationType : std::uint8_t {
    event_count,
    value_count,
    temporal,
    temporal_ordered,
    value_sum,
    value_avg,
    value_percentile,
};

enum class CompareOp : std::uint8_t { gt, gte, lt, lte, eq, neq };

struct CorrelationCondition {
    // One or more bounds, all of which must hold ({gte: 10, lt: 100}).
    std::vector<std::pair<CompareOp, double>> bounds;
    std::string field;  // value_count / value_sum / value_avg / value_percentile
    double percentile = 0;  // value_percentile: which percentile (e.g. 95)
};

struct CorrelationDef {
    CorrelationType type = CorrelationType::event_count;
    std::vector<std::string> rules;  // references as written: rule names or ids
    std::vector<std::string> group_by;
    std::int64_t timespan_us = 0;
    CorrelationCondition condition;
    // alias name -> (rule reference -> field of that rule's events)
    std::map<std::string, std::map<std::string, std::string>> aliases;
    bool generate = false;
};

// Reads the `correlation:` map of a correlation rule document. Errors name
// the offending key and carry its position as compile_detection's do:
// yaml-cpp's 0-based line within the document (the loader shifts it to the
// file) and a 1-based column, with `origin` as the source.
Result<CorrelationDef> parse_correlation(const YAML::Node& correlation, std::string_view origin);

// Timespans as Sigma writes them: 30s, 5m, 1h, 7d (also 1w, 1M, 1y as 30/365 days).
std::optional<std::int64_t> parse_timespan_us(std::string_view text);

struct ResolvedCorrelation {
    std::uint32_t rule = 0;             // the correlation's own index in the RuleSet
    CorrelationDef def;
    std::vector<std::uint32_t> refs;    // def.rules resolved to RuleSet indexes, same order
    std::vector<std::string> ref_keys;  // for each ref, the name/id used in aliases (as written in def.rules)
    // Optional: for each ref, the other names the rule answers to (its id
    // and its name), so an alias keyed by name applies to a ref written as
    // an id. Empty, or the same size as refs.
    std::vector<std::vector<std::string>> ref_names;
};

// What a run set aside (nothing is dropped silently).
struct CorrelationRunStats {
    std::size_t untimed = 0;    // hits named by a correlation but without a time
    std::size_t ungrouped = 0;  // (correlation, hit) pairs dropped: a group-by field was missing
};

class CorrelationRunner {
public:
    CorrelationRunner() = default;
    // A ref that is the `rule` of another entry is a chained correlation;
    // every other ref is a detection rule. `rule_count`: size of the RuleSet.
    CorrelationRunner(std::vector<ResolvedCorrelation> correlations, std::size_t rule_count);

    // Fields whose values a hit of `rule` (a detection rule) must carry in
    // Hit::keys, in this order: every group-by field after alias mapping and
    // every aggregated field, for all correlations naming the rule.
    const std::vector<std::string>& fields(std::uint32_t rule) const;
    // False when every correlation naming the rule has generate: false.
    bool generated(std::uint32_t rule) const;
    bool empty() const { return correlations_.empty(); }
    std::size_t size() const { return correlations_.size(); }

    // Correlation hits in dependency order (a chained correlation after the
    // ones it names), each correlation's hits in time order.
    std::vector<CorrelationHit> run(std::span<const Hit> hits, CorrelationRunStats* stats = nullptr) const;
    // Correlations never run because they name themselves through a cycle
    // (their RuleSet indexes).
    const std::vector<std::uint32_t>& cyclic() const { return cyclic_; }

private:
    std::vector<ResolvedCorrelation> correlations_;
    std::vector<std::vector<std::string>> fields_;
    std::vector<char> generated_;
    std::vector<std::size_t> order_;  // indexes into correlations_, dependencies first
    std::vector<std::uint32_t> cyclic_;
};

}  // namespace trinity::sigma::detail
