// Sigma correlation rules: parsing the `correlation:` section and running
// correlations over the hits of the rules they name.
//
// Semantics (the Sigma specification leaves these to the tool):
//
// - Groups. Hits are grouped by the values of the `group-by` fields (after
//   alias mapping: for each named rule, an alias stands for that rule's own
//   field). A hit that lacks any group-by field is left out of that
//   correlation and counted (CorrelationRunStats::ungrouped); an empty
//   string is a value like any other. Without `group-by`, all hits form one
//   group.
// - Time. Hits without a time are ignored by correlations and counted
//   (CorrelationRunStats::untimed). Hits are taken in time order (any input
//   order); equal times keep their input order.
// - Windows. Per group, the window slides over the hits in time order: the
//   window ending at hit i holds the hits h with time(i) - timespan <=
//   time(h) <= time(i), so both ends are inclusive (a 5m timespan puts hits
//   at 00:00 and 00:05 together, not 00:00 and 00:05.000001). A window is
//   judged once it is as large as it gets, i.e. when the next hit of the
//   group would push its oldest hit out (or there is no next hit). When the
//   condition holds, the correlation fires with every hit of that window,
//   and the group's next window starts after the last of them: one burst
//   gives one correlation hit, not one per hit of the burst.
// - Values. event_count counts hits; value_count counts distinct values of
//   the condition's `field` (hits without it add nothing); temporal counts
//   the distinct named rules present; temporal_ordered counts the longest
//   prefix of `rules` that occurs in that order in the window (a hit of a
//   rule named twice can fill either place, not both); value_sum,
//   value_avg and value_percentile aggregate the numeric values of `field`
//   (values that are not numbers are skipped; a window with no number never
//   fires). value_percentile uses the nearest rank: the value at rank
//   ceil(p/100 * n) of the n sorted values (rank 1 at least), with p from
//   `percentile:` in the condition (50 when absent).
// - Conditions. Every bound (gt, gte, lt, lte, eq, neq) must hold. temporal
//   without a condition needs every named rule in the window;
//   temporal_ordered without one needs all of `rules` in order.
// - Chaining. A correlation may name correlations. Each hit of a named
//   correlation becomes one input: its time is the last time of its window,
//   its fields are its group-by fields (alias names) with their values. The
//   chained hit lists the detection hits of every hit it grouped and the
//   indexes of those correlation hits. Correlations that name each other in
//   a cycle never run (CorrelationRunner::cyclic()).
// - generate. A rule's own hits are reported unless every correlation that
//   names it has `generate: false` (the default); `generate` may be written
//   inside `correlation:` (parse_correlation) or beside it (the loader).
//
// Cost: grouping is one sort of the inputs, each window moves forward only
// (every hit enters and leaves once), percentiles keep two ordered
// multisets: O(n log n) per correlation.
#include "correlation.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <limits>
#include <set>
#include <unordered_map>
#include <utility>

#include "decimal_text.h"
#include "engine_index.h"  // FoldedEqual: field names ignore ASCII case

namespace trinity::sigma::detail {

namespace {

// [SECTION] parsing helpers

// Like compile_detection: yaml-cpp's 0-based line within the document (the
// loader shifts it to the file) and a 1-based column.
Location location_of(const YAML::Node& node, std::string_view origin) {
    Location where = Location::in(std::string(origin));
    const YAML::Mark mark = node.Mark();
    if (mark.is_null() || mark.line < 0) return where;
    where.line = static_cast<std::uint64_t>(mark.line);
    where.column = static_cast<std::uint64_t>(mark.column) + 1;
    return where;
}

Failure invalid_at(const YAML::Node& node, std::string_view origin, std::string message) {
    return fail(ErrorKind::invalid, std::move(message), location_of(node, origin));
}

bool to_number(std::string_view text, double& out) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return false;
    const auto value = parse_decimal(text);
    if (!value) return false;
    out = *value;
    return true;
}

std::optional<CorrelationType> parse_type(std::string_view text) {
    static constexpr std::pair<std::string_view, CorrelationType> kTypes[] = {
        {"event_count", CorrelationType::event_count},
        {"value_count", CorrelationType::value_count},
        {"temporal", CorrelationType::temporal},
        {"temporal_ordered", CorrelationType::temporal_ordered},
        {"value_sum", CorrelationType::value_sum},
        {"value_avg", CorrelationType::value_avg},
        {"value_percentile", CorrelationType::value_percentile},
    };
    for (const auto& [name, type] : kTypes) {
        if (name == text) return type;
    }
    return std::nullopt;
}

std::optional<CompareOp> parse_op(std::string_view text) {
    static constexpr std::pair<std::string_view, CompareOp> kOps[] = {
        {"gt", CompareOp::gt}, {"gte", CompareOp::gte}, {"lt", CompareOp::lt},
        {"lte", CompareOp::lte}, {"eq", CompareOp::eq}, {"neq", CompareOp::neq},
    };
    for (const auto& [name, op] : kOps) {
        if (name == text) return op;
    }
    return std::nullopt;
}

bool is_temporal(CorrelationType type) {
    return type == CorrelationType::temporal || type == CorrelationType::temporal_ordered;
}

bool uses_field(CorrelationType type) {
    return type != CorrelationType::event_count && !is_temporal(type);
}

// A scalar string, or a list of them (a lone scalar counts as a list of one).
Result<std::vector<std::string>> string_list(const YAML::Node& node, std::string_view origin,
                                             std::string_view key) {
    std::vector<std::string> out;
    if (node.IsScalar()) {
        out.push_back(node.Scalar());
        return out;
    }
    if (!node.IsSequence()) return invalid_at(node, origin, "correlation " + std::string(key) + ": expected a list of strings");
    for (const auto& item : node) {
        if (!item.IsScalar()) return invalid_at(item, origin, "correlation " + std::string(key) + ": expected a string");
        out.push_back(item.Scalar());
    }
    return out;
}

Result<CorrelationCondition> parse_condition(const YAML::Node& node, std::string_view origin) {
    CorrelationCondition out;
    if (node.IsScalar()) {
        return fail(ErrorKind::unsupported,
                    "correlation condition: expressions over rule names are not supported, use a map such as {gte: 2}",
                    location_of(node, origin));
    }
    if (!node.IsMap()) return invalid_at(node, origin, "correlation condition: expected a map such as {gte: 10}");
    bool percentile_given = false;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        const YAML::Node value = it->second;
        if (key == "field") {
            if (!value.IsScalar() || value.Scalar().empty())
                return invalid_at(value, origin, "correlation condition field: expected one field name");
            out.field = value.Scalar();
            continue;
        }
        double number = 0;
        const bool is_number = value.IsScalar() && to_number(value.Scalar(), number);
        if (key == "percentile") {
            if (!is_number || number < 0 || number > 100)
                return invalid_at(value, origin, "correlation condition percentile: expected a number from 0 to 100");
            out.percentile = number;
            percentile_given = true;
            continue;
        }
        const std::optional<CompareOp> op = parse_op(key);
        if (!op) {
            return invalid_at(it->first, origin,
                              "correlation condition: unknown key '" + key + "' (expected gt, gte, lt, lte, eq, neq, field)");
        }
        if (!is_number) return invalid_at(value, origin, "correlation condition " + key + ": expected a number");
        out.bounds.emplace_back(*op, number);
    }
    if (!percentile_given) out.percentile = 50;
    return out;
}

Result<std::map<std::string, std::map<std::string, std::string>>> parse_aliases(const YAML::Node& node,
                                                                                 std::string_view origin) {
    std::map<std::string, std::map<std::string, std::string>> out;
    if (!node.IsMap()) return invalid_at(node, origin, "correlation aliases: expected a map of alias -> {rule: field}");
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string alias = it->first.Scalar();
        if (!it->second.IsMap())
            return invalid_at(it->second, origin, "correlation alias '" + alias + "': expected a map of rule -> field");
        auto& per_rule = out[alias];
        for (auto jt = it->second.begin(); jt != it->second.end(); ++jt) {
            if (!jt->second.IsScalar() || jt->second.Scalar().empty())
                return invalid_at(jt->second, origin, "correlation alias '" + alias + "': expected a field name");
            per_rule[jt->first.Scalar()] = jt->second.Scalar();
        }
    }
    return out;
}

Result<CorrelationDef> parse_correlation_map(const YAML::Node& node, std::string_view origin) {
    if (!node.IsMap()) return invalid_at(node, origin, "correlation: expected a map");
    CorrelationDef def;
    // Optional: a default YAML::Node counts as defined (null).
    std::optional<YAML::Node> type_node, rules_node, timespan_node, condition_node;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        const YAML::Node value = it->second;
        if (key == "type") {
            type_node.emplace(value);
        } else if (key == "rules") {
            rules_node.emplace(value);
        } else if (key == "timespan") {
            timespan_node.emplace(value);
        } else if (key == "condition") {
            condition_node.emplace(value);
        } else if (key == "group-by") {
            auto list = string_list(value, origin, "group-by");
            if (!list) return list.error();
            def.group_by = std::move(*list);
        } else if (key == "aliases") {
            auto aliases = parse_aliases(value, origin);
            if (!aliases) return aliases.error();
            def.aliases = std::move(*aliases);
        } else if (key == "generate") {
            bool flag = false;
            if (!value.IsScalar() || !YAML::convert<bool>::decode(value, flag))
                return invalid_at(value, origin, "correlation generate: expected true or false");
            def.generate = flag;
        } else {
            return invalid_at(it->first, origin, "correlation: unknown key '" + key + "'");
        }
    }

    if (!type_node) return invalid_at(node, origin, "correlation: missing 'type'");
    const std::optional<CorrelationType> type = type_node->IsScalar() ? parse_type(type_node->Scalar()) : std::nullopt;
    if (!type) {
        return invalid_at(*type_node, origin,
                          "correlation type: unknown '" + (type_node->IsScalar() ? type_node->Scalar() : std::string()) +
                              "' (expected event_count, value_count, temporal, temporal_ordered, value_sum, "
                              "value_avg, value_percentile)");
    }
    def.type = *type;

    if (!rules_node) return invalid_at(node, origin, "correlation: missing 'rules'");
    auto rules = string_list(*rules_node, origin, "rules");
    if (!rules) return rules.error();
    if (rules->empty()) return invalid_at(*rules_node, origin, "correlation rules: empty list");
    for (const auto& rule : *rules) {
        if (rule.empty()) return invalid_at(*rules_node, origin, "correlation rules: empty rule reference");
    }
    def.rules = std::move(*rules);
    if (is_temporal(def.type) && def.rules.size() < 2)
        return invalid_at(*rules_node, origin, "correlation rules: a temporal correlation needs at least two rules");

    if (!timespan_node) return invalid_at(node, origin, "correlation: missing 'timespan'");
    const std::optional<std::int64_t> span =
        timespan_node->IsScalar() ? parse_timespan_us(timespan_node->Scalar()) : std::nullopt;
    if (!span) {
        return invalid_at(*timespan_node, origin,
                          "correlation timespan: expected a positive number and a unit (s, m, h, d, w, M, y), e.g. 5m");
    }
    def.timespan_us = *span;

    if (condition_node) {
        auto condition = parse_condition(*condition_node, origin);
        if (!condition) return condition.error();
        def.condition = std::move(*condition);
    } else if (!is_temporal(def.type)) {
        return invalid_at(node, origin, "correlation: missing 'condition'");
    }
    if (!condition_node) return def;  // temporal types: every rule must be present
    if (!is_temporal(def.type) && def.condition.bounds.empty())
        return invalid_at(*condition_node, origin, "correlation condition: no bound (gt, gte, lt, lte, eq, neq)");
    if (uses_field(def.type) && def.condition.field.empty())
        return invalid_at(*condition_node, origin, "correlation condition: this type needs 'field'");
    if (!uses_field(def.type) && !def.condition.field.empty())
        return invalid_at(*condition_node, origin, "correlation condition: 'field' is only for value_* types");
    return def;
}

// [SECTION] running: inputs, groups, windows

constexpr std::int64_t kNoChain = std::numeric_limits<std::int64_t>::min();
constexpr std::size_t kNoColumn = std::numeric_limits<std::size_t>::max();

bool holds(CompareOp op, double value, double bound) {
    switch (op) {
        case CompareOp::gt: return value > bound;
        case CompareOp::gte: return value >= bound;
        case CompareOp::lt: return value < bound;
        case CompareOp::lte: return value <= bound;
        case CompareOp::eq: return value == bound;
        case CompareOp::neq: return value != bound;
    }
    return false;
}

// One input of a correlation: a detection hit or a hit of a named correlation.
struct Input {
    std::int64_t time = 0;
    std::size_t seq = 0;       // input order, for equal times
    std::uint32_t group = 0;   // group id
    std::uint32_t slot = 0;    // which distinct ref
    bool chained = false;      // index is into the correlation results
    std::size_t index = 0;
    std::optional<std::string_view> value;  // the condition field's value
    bool numeric = false;                   // value_sum / avg / percentile: value is a number
    double number = 0;
};

// The aggregate of one window. Every input enters once (add) and leaves at
// most once (remove), in time order.
class Window {
public:
    Window(const CorrelationDef& def, const std::vector<std::vector<std::uint32_t>>& positions)
        : def_(def), positions_(positions), slot_counts_(positions.size(), 0), latest_(def.rules.size(), kNoChain) {}

    void clear() {
        count_ = 0;
        distinct_.clear();
        std::fill(slot_counts_.begin(), slot_counts_.end(), 0);
        slots_present_ = 0;
        std::fill(latest_.begin(), latest_.end(), kNoChain);
        sum_ = 0;
        numbers_ = 0;
        low_.clear();
        high_.clear();
    }

    void add(const Input& in) {
        ++count_;
        switch (def_.type) {
            case CorrelationType::event_count: break;
            case CorrelationType::value_count:
                if (in.value) ++distinct_[std::string(*in.value)];
                break;
            case CorrelationType::temporal:
                if (slot_counts_[in.slot]++ == 0) ++slots_present_;
                break;
            case CorrelationType::temporal_ordered:
                // Latest start of a chain rules[0..p] ending here: later places first,
                // so one hit never fills two places of the same chain.
                for (auto p = positions_[in.slot].rbegin(); p != positions_[in.slot].rend(); ++p) {
                    if (*p == 0) {
                        latest_[0] = in.time;
                    } else if (latest_[*p - 1] != kNoChain) {
                        latest_[*p] = std::max(latest_[*p], latest_[*p - 1]);
                    }
                }
                break;
            case CorrelationType::value_sum:
            case CorrelationType::value_avg:
            case CorrelationType::value_percentile:
                if (in.numeric) {
                    ++numbers_;
                    sum_ += in.number;
                    if (def_.type == CorrelationType::value_percentile) insert_number(in.number);
                }
                break;
        }
    }

    void remove(const Input& in) {
        --count_;
        switch (def_.type) {
            case CorrelationType::event_count:
            case CorrelationType::temporal_ordered:  // chains carry their start time instead
                break;
            case CorrelationType::value_count:
                if (in.value) {
                    const auto it = distinct_.find(std::string(*in.value));
                    if (it != distinct_.end() && --it->second == 0) distinct_.erase(it);
                }
                break;
            case CorrelationType::temporal:
                if (--slot_counts_[in.slot] == 0) --slots_present_;
                break;
            case CorrelationType::value_sum:
            case CorrelationType::value_avg:
            case CorrelationType::value_percentile:
                if (in.numeric) {
                    --numbers_;
                    sum_ -= in.number;
                    if (def_.type == CorrelationType::value_percentile) erase_number(in.number);
                }
                break;
        }
    }

    // The window's value, or nothing when it has none (no numbers).
    // `start` is the oldest time the window reaches back to.
    std::optional<double> value(std::int64_t start) const {
        switch (def_.type) {
            case CorrelationType::event_count: return static_cast<double>(count_);
            case CorrelationType::value_count: return static_cast<double>(distinct_.size());
            case CorrelationType::temporal: return static_cast<double>(slots_present_);
            case CorrelationType::temporal_ordered: {
                std::size_t n = 0;
                while (n < latest_.size() && latest_[n] != kNoChain && latest_[n] >= start) ++n;
                return static_cast<double>(n);
            }
            case CorrelationType::value_sum:
                if (numbers_ == 0) return std::nullopt;
                return sum_;
            case CorrelationType::value_avg:
                if (numbers_ == 0) return std::nullopt;
                return sum_ / static_cast<double>(numbers_);
            case CorrelationType::value_percentile:
                if (low_.empty()) return std::nullopt;
                return *low_.rbegin();
        }
        return std::nullopt;
    }

    bool matches(double value) const {
        if (def_.condition.bounds.empty()) {  // temporal types without a condition
            const std::size_t needed =
                def_.type == CorrelationType::temporal ? positions_.size() : def_.rules.size();
            return value >= static_cast<double>(needed);
        }
        return std::all_of(def_.condition.bounds.begin(), def_.condition.bounds.end(),
                           [&](const auto& bound) { return holds(bound.first, value, bound.second); });
    }

private:
    // Nearest rank: low_ holds the `rank` smallest numbers, high_ the rest,
    // so the percentile is the largest of low_.
    std::size_t rank() const {
        const double exact = def_.condition.percentile / 100.0 * static_cast<double>(numbers_);
        const auto r = static_cast<std::size_t>(std::ceil(exact - 1e-9));
        return std::clamp<std::size_t>(r, 1, numbers_);
    }
    void rebalance() {
        if (numbers_ == 0) return;
        const std::size_t want = rank();
        while (low_.size() > want) {
            high_.insert(*std::prev(low_.end()));
            low_.erase(std::prev(low_.end()));
        }
        while (low_.size() < want && !high_.empty()) {
            low_.insert(*high_.begin());
            high_.erase(high_.begin());
        }
    }
    void insert_number(double number) {
        if (!low_.empty() && number <= *low_.rbegin()) {
            low_.insert(number);
        } else {
            high_.insert(number);
        }
        rebalance();
    }
    void erase_number(double number) {
        if (auto it = low_.find(number); it != low_.end()) {
            low_.erase(it);
        } else if (auto jt = high_.find(number); jt != high_.end()) {
            high_.erase(jt);
        }
        rebalance();
    }

    const CorrelationDef& def_;
    const std::vector<std::vector<std::uint32_t>>& positions_;  // slot -> places in rules
    std::size_t count_ = 0;
    std::unordered_map<std::string, std::size_t> distinct_;
    std::vector<std::size_t> slot_counts_;
    std::size_t slots_present_ = 0;
    std::vector<std::int64_t> latest_;
    double sum_ = 0;
    std::size_t numbers_ = 0;
    std::multiset<double> low_, high_;
};

}  // namespace

// [SECTION] parse_correlation, parse_timespan_us

Result<CorrelationDef> parse_correlation(const YAML::Node& correlation, std::string_view origin) {
    try {
        return parse_correlation_map(correlation, origin);
    } catch (const YAML::Exception& e) {
        return fail(ErrorKind::invalid, std::string("correlation: ") + e.what(), Location::in(std::string(origin)));
    }
}

std::optional<std::int64_t> parse_timespan_us(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    std::int64_t unit_seconds = 0;
    switch (text.back()) {
        case 's': unit_seconds = 1; break;
        case 'm': unit_seconds = 60; break;
        case 'h': unit_seconds = 3600; break;
        case 'd': unit_seconds = 86400; break;
        case 'w': unit_seconds = 7 * 86400; break;
        case 'M': unit_seconds = 30 * 86400; break;
        case 'y': unit_seconds = 365 * 86400; break;
        default: return std::nullopt;
    }
    const std::string_view digits = text.substr(0, text.size() - 1);
    std::int64_t count = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (ec != std::errc{} || end != digits.data() + digits.size() || count <= 0) return std::nullopt;
    // At most 1000 years: keeps every window bound far from overflow.
    constexpr std::int64_t kMaxSeconds = 1000LL * 365 * 86400;
    if (count > kMaxSeconds / unit_seconds) return std::nullopt;
    return count * unit_seconds * 1'000'000;
}

// [SECTION] CorrelationRunner

namespace {

// The field a correlation reads from the hits of its ref at `position`:
// the alias' field for that rule when an alias names it, else `name` itself.
std::string field_for(const ResolvedCorrelation& c, std::size_t position, const std::string& name) {
    const auto alias = c.def.aliases.find(name);
    if (alias == c.def.aliases.end()) return name;
    if (position < c.ref_keys.size()) {
        if (auto it = alias->second.find(c.ref_keys[position]); it != alias->second.end()) return it->second;
    }
    if (position < c.ref_names.size()) {
        for (const auto& other : c.ref_names[position]) {
            if (auto it = alias->second.find(other); it != alias->second.end()) return it->second;
        }
    }
    return name;
}

}  // namespace

CorrelationRunner::CorrelationRunner(std::vector<ResolvedCorrelation> correlations, std::size_t rule_count)
    : correlations_(std::move(correlations)), fields_(rule_count), generated_(rule_count, 1) {
    std::unordered_map<std::uint32_t, std::size_t> by_rule;  // RuleSet index -> correlations_ index
    for (std::size_t i = 0; i < correlations_.size(); ++i) by_rule.emplace(correlations_[i].rule, i);

    std::vector<char> referenced(rule_count, 0), any_generate(rule_count, 0);
    for (const auto& c : correlations_) {
        for (std::size_t p = 0; p < c.refs.size(); ++p) {
            const std::uint32_t rule = c.refs[p];
            if (rule >= rule_count) continue;
            referenced[rule] = 1;
            if (c.def.generate) any_generate[rule] = 1;
            if (by_rule.count(rule)) continue;  // chained: reads the named correlation's groups
            auto& fields = fields_[rule];
            auto need = [&](const std::string& name) {
                const std::string field = field_for(c, p, name);
                if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
            };
            for (const auto& g : c.def.group_by) need(g);
            if (uses_field(c.def.type) && !c.def.condition.field.empty()) need(c.def.condition.field);
        }
    }
    for (std::size_t r = 0; r < rule_count; ++r) generated_[r] = !referenced[r] || any_generate[r];

    // Dependencies first (Kahn); what is left sits on a cycle.
    std::vector<std::size_t> pending(correlations_.size(), 0);
    std::vector<std::vector<std::size_t>> users(correlations_.size());
    for (std::size_t i = 0; i < correlations_.size(); ++i) {
        std::vector<std::size_t> deps;
        for (const std::uint32_t ref : correlations_[i].refs) {
            if (auto it = by_rule.find(ref); it != by_rule.end()) deps.push_back(it->second);
        }
        std::sort(deps.begin(), deps.end());
        deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
        pending[i] = deps.size();
        for (const std::size_t d : deps) users[d].push_back(i);
    }
    for (std::size_t i = 0; i < correlations_.size(); ++i) {
        if (pending[i] == 0) order_.push_back(i);
    }
    for (std::size_t k = 0; k < order_.size(); ++k) {
        for (const std::size_t u : users[order_[k]]) {
            if (--pending[u] == 0) order_.push_back(u);
        }
    }
    for (std::size_t i = 0; i < correlations_.size(); ++i) {
        if (pending[i] != 0) cyclic_.push_back(correlations_[i].rule);
    }
}

const std::vector<std::string>& CorrelationRunner::fields(std::uint32_t rule) const {
    static const std::vector<std::string> kNone;
    return rule < fields_.size() ? fields_[rule] : kNone;
}

bool CorrelationRunner::generated(std::uint32_t rule) const {
    return rule >= generated_.size() || generated_[rule] != 0;
}

std::vector<CorrelationHit> CorrelationRunner::run(std::span<const Hit> hits, CorrelationRunStats* stats) const {
    std::vector<CorrelationHit> out;
    CorrelationRunStats local;
    CorrelationRunStats& counts = stats ? *stats : local;
    if (correlations_.empty()) return out;

    // Detection hits per rule, and each correlation's slice of `out`.
    std::unordered_map<std::uint32_t, std::vector<std::size_t>> by_rule;
    std::unordered_map<std::uint32_t, std::size_t> corr_of_rule;
    for (std::size_t i = 0; i < correlations_.size(); ++i) corr_of_rule.emplace(correlations_[i].rule, i);
    {
        std::vector<char> wanted(fields_.size(), 0);
        for (const auto& c : correlations_) {
            for (const std::uint32_t r : c.refs) {
                if (r < wanted.size() && !corr_of_rule.count(r)) wanted[r] = 1;
            }
        }
        for (std::size_t h = 0; h < hits.size(); ++h) {
            const std::uint32_t r = hits[h].rule;
            if (r >= wanted.size() || !wanted[r]) continue;
            if (!hits[h].time_us) {
                ++counts.untimed;
                continue;
            }
            by_rule[r].push_back(h);
        }
    }
    std::vector<std::pair<std::size_t, std::size_t>> produced(correlations_.size(), {0, 0});

    for (const std::size_t ci : order_) {
        const ResolvedCorrelation& c = correlations_[ci];
        const CorrelationDef& def = c.def;

        // Distinct refs ("slots") and the places each fills in `rules`.
        std::vector<std::uint32_t> slot_rule;
        std::vector<std::size_t> slot_first;  // first place, for aliases
        std::vector<std::vector<std::uint32_t>> positions;
        for (std::size_t p = 0; p < c.refs.size(); ++p) {
            const auto it = std::find(slot_rule.begin(), slot_rule.end(), c.refs[p]);
            if (it == slot_rule.end()) {
                slot_rule.push_back(c.refs[p]);
                slot_first.push_back(p);
                positions.push_back({static_cast<std::uint32_t>(p)});
            } else {
                positions[static_cast<std::size_t>(it - slot_rule.begin())].push_back(static_cast<std::uint32_t>(p));
            }
        }

        std::vector<Input> inputs;
        std::unordered_map<std::string, std::uint32_t> group_ids;
        std::vector<std::vector<std::string_view>> group_values;
        std::string key;
        std::vector<std::string_view> values(def.group_by.size());
        const bool want_value = uses_field(def.type);
        const bool numeric = want_value && def.type != CorrelationType::value_count;
        auto add_input = [&](Input in) {
            key.clear();
            for (const auto v : values) {  // length-prefixed: values never run together
                const auto n = static_cast<std::uint32_t>(v.size());
                for (int shift = 0; shift < 32; shift += 8) key += static_cast<char>((n >> shift) & 0xffu);
                key += v;
            }
            const auto [it, fresh] = group_ids.emplace(key, static_cast<std::uint32_t>(group_values.size()));
            if (fresh) group_values.push_back(values);
            in.group = it->second;
            in.seq = inputs.size();
            if (in.value && numeric) in.numeric = to_number(*in.value, in.number);
            inputs.push_back(in);
        };

        for (std::uint32_t slot = 0; slot < slot_rule.size(); ++slot) {
            const std::uint32_t rule = slot_rule[slot];
            const std::size_t place = slot_first[slot];
            if (const auto inner = corr_of_rule.find(rule); inner != corr_of_rule.end()) {
                // A named correlation: its hits, read by their group-by names.
                const CorrelationDef& inner_def = correlations_[inner->second].def;
                auto column = [&](const std::string& name) {
                    const std::string field = field_for(c, place, name);
                    for (std::size_t k = 0; k < inner_def.group_by.size(); ++k) {
                        if (FoldedEqual{}(inner_def.group_by[k], field)) return k;  // field names ignore case
                    }
                    return kNoColumn;
                };
                std::vector<std::size_t> columns;
                for (const auto& g : def.group_by) columns.push_back(column(g));
                const std::size_t value_column = want_value ? column(def.condition.field) : kNoColumn;
                const auto [begin, end] = produced[inner->second];
                for (std::size_t k = begin; k < end; ++k) {
                    const CorrelationHit& hit = out[k];
                    bool grouped = true;
                    for (std::size_t g = 0; g < columns.size(); ++g) {
                        if (columns[g] >= hit.group.size()) {
                            grouped = false;
                            break;
                        }
                        values[g] = hit.group[columns[g]].value;
                    }
                    if (!grouped) {
                        ++counts.ungrouped;
                        continue;
                    }
                    Input in;
                    in.time = hit.last_us;
                    in.slot = slot;
                    in.chained = true;
                    in.index = k;
                    if (value_column < hit.group.size()) in.value = hit.group[value_column].value;
                    add_input(in);
                }
                continue;
            }
            const auto bucket = by_rule.find(rule);
            if (bucket == by_rule.end()) continue;
            // Detection hits: keys follow fields(rule).
            const std::vector<std::string>& names = fields(rule);
            auto column = [&](const std::string& name) {
                const std::string field = field_for(c, place, name);
                const auto it = std::find(names.begin(), names.end(), field);
                return it == names.end() ? kNoColumn : static_cast<std::size_t>(it - names.begin());
            };
            std::vector<std::size_t> columns;
            for (const auto& g : def.group_by) columns.push_back(column(g));
            const std::size_t value_column = want_value ? column(def.condition.field) : kNoColumn;
            auto present = [](const Hit& hit, std::size_t k) {
                if (k >= hit.keys.size()) return false;
                return hit.has_key.empty() || (k < hit.has_key.size() && hit.has_key[k]);
            };
            for (const std::size_t h : bucket->second) {
                const Hit& hit = hits[h];
                bool grouped = true;
                for (std::size_t g = 0; g < columns.size(); ++g) {
                    if (!present(hit, columns[g])) {
                        grouped = false;
                        break;
                    }
                    values[g] = hit.keys[columns[g]];
                }
                if (!grouped) {
                    ++counts.ungrouped;
                    continue;
                }
                Input in;
                in.time = *hit.time_us;
                in.slot = slot;
                in.index = h;
                if (present(hit, value_column)) in.value = hit.keys[value_column];
                add_input(in);
            }
        }

        // Group, then time, then input order.
        std::vector<std::size_t> order(inputs.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const Input& x = inputs[a];
            const Input& y = inputs[b];
            if (x.group != y.group) return x.group < y.group;
            if (x.time != y.time) return x.time < y.time;
            if (x.chained != y.chained) return x.chained < y.chained;
            return x.index < y.index;
        });

        // Collected apart from `out`: inputs and groups point into it.
        std::vector<CorrelationHit> fired;
        Window window(def, positions);
        const std::int64_t span = def.timespan_us;
        std::size_t b = 0;
        while (b < order.size()) {
            std::size_t e = b;
            while (e < order.size() && inputs[order[e]].group == inputs[order[b]].group) ++e;
            window.clear();
            std::size_t s = b;
            for (std::size_t i = b; i < e; ++i) {
                const Input& in = inputs[order[i]];
                window.add(in);
                while (inputs[order[s]].time < in.time - span) window.remove(inputs[order[s++]]);
                const bool largest = i + 1 == e || inputs[order[s]].time < inputs[order[i + 1]].time - span;
                if (!largest) continue;
                const std::optional<double> value = window.value(in.time - span);
                if (!value || !window.matches(*value)) continue;

                CorrelationHit hit;
                hit.rule = c.rule;
                hit.first_us = inputs[order[s]].time;
                hit.last_us = in.time;
                hit.value = *value;
                const auto& group = group_values[in.group];
                for (std::size_t g = 0; g < def.group_by.size(); ++g)
                    hit.group.push_back(MatchedValue{def.group_by[g], std::string(group[g])});
                for (std::size_t k = s; k <= i; ++k) {
                    const Input& member = inputs[order[k]];
                    if (member.chained) {
                        hit.correlations.push_back(member.index);
                        const auto& inner = out[member.index].hits;
                        hit.hits.insert(hit.hits.end(), inner.begin(), inner.end());
                    } else {
                        hit.hits.push_back(member.index);
                    }
                }
                std::sort(hit.hits.begin(), hit.hits.end());
                hit.hits.erase(std::unique(hit.hits.begin(), hit.hits.end()), hit.hits.end());
                std::sort(hit.correlations.begin(), hit.correlations.end());
                fired.push_back(std::move(hit));
                window.clear();
                s = i + 1;
            }
            b = e;
        }
        // This correlation's hits in time order (groups were taken one by one).
        std::stable_sort(fired.begin(), fired.end(), [](const CorrelationHit& x, const CorrelationHit& y) {
            if (x.first_us != y.first_us) return x.first_us < y.first_us;
            return x.last_us < y.last_us;
        });
        const std::size_t first_out = out.size();
        std::move(fired.begin(), fired.end(), std::back_inserter(out));
        produced[ci] = {first_out, out.size()};
    }
    return out;
}

}  // namespace trinity::sigma::detail
