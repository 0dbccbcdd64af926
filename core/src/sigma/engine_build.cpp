// Building the engine's index: filters folded into the rules they name,
// logsource buckets, prefilter needles, correlation fields.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "engine_index.h"

namespace trinity::sigma {

using namespace detail;

namespace {

constexpr std::size_t kNeedleBytes = 8;

// [SECTION] Prefilter needles
//
// needles(node) is a set of (field, literal) such that the node can only be
// true when at least one literal occurs (folded) in a value of its field;
// nullopt when no such set exists (negations, regexes, numbers, ...).

struct Needle {
    std::uint32_t field;
    std::string text;
};
using NeedleSet = std::optional<std::vector<Needle>>;

std::size_t weakest(const std::vector<Needle>& set) {
    std::size_t n = SIZE_MAX;
    for (const Needle& x : set) n = std::min(n, x.text.size());
    return n;
}

// Fields that say which log an event belongs to rather than what happened
// (every Service Control Manager event has Provider_Name "Service Control
// Manager"): a literal there selects a whole log, so any other field's
// literal is a better prefilter.
bool log_field(std::string_view name) {
    static constexpr std::string_view kLogFields[] = {
        "EventID", "Provider_Name", "Provider_Guid", "Channel", "Level", "Task", "Opcode", "Keywords", "Version",
        "EventType", "Computer", "Hostname", "type", "eventSource", "eventName", "service", "Category"};
    for (std::string_view f : kLogFields) {
        if (f.size() == name.size() && std::equal(f.begin(), f.end(), name.begin(), [](char x, char y) {
                return (x | 0x20) == (y | 0x20);
            })) {
            return true;
        }
    }
    return false;
}

bool names_log_field(const std::vector<Needle>& set, const FieldNames& names) {
    for (const Needle& n : set) {
        if (n.field != kKeywordField && log_field(names.name(n.field))) return true;
    }
    return false;
}

// Prefer sets on fields about what happened, then the set whose shortest
// literal is longest (fewer false candidates), then the smaller set.
bool better(const std::vector<Needle>& a, const std::vector<Needle>& b, const FieldNames& names) {
    const bool la = names_log_field(a, names), lb = names_log_field(b, names);
    if (la != lb) return lb;
    const std::size_t wa = weakest(a), wb = weakest(b);
    if (wa != wb) return wa > wb;
    return a.size() < b.size();
}

NeedleSet value_needles(const FieldTest& test) {
    std::vector<Needle> out;
    std::optional<Needle> best;
    for (const ValueTest& v : test.values) {
        const bool usable = v.op == ValueOp::pattern && !v.negate && !v.pattern.needle().empty();
        if (test.all) {
            if (usable && (!best || v.pattern.needle().size() > best->text.size())) best = Needle{test.field, v.pattern.needle()};
            continue;
        }
        if (!usable) return std::nullopt;
        out.push_back({test.field, v.pattern.needle()});
    }
    if (test.all) {
        if (!best) return std::nullopt;
        out.push_back(std::move(*best));
    }
    if (out.empty()) return std::nullopt;
    return out;
}

NeedleSet selection_needles(const Selection& sel, const FieldNames& names) {
    std::vector<Needle> out;
    for (const auto& alternative : sel.alternatives) {
        NeedleSet best;
        for (const FieldTest& test : alternative) {
            NeedleSet set = value_needles(test);
            if (set && (!best || better(*set, *best, names))) best = std::move(set);
        }
        if (!best) return std::nullopt;
        out.insert(out.end(), best->begin(), best->end());
    }
    if (out.empty()) return std::nullopt;
    return out;
}

NeedleSet node_needles(const CondNode& node, const Detection& det, const FieldNames& names) {
    switch (node.kind) {
        case CondNode::selection: return selection_needles(det.selections[node.index], names);
        case CondNode::negate: return std::nullopt;
        case CondNode::all: {
            NeedleSet best;
            for (const CondNode& child : node.children) {
                NeedleSet set = node_needles(child, det, names);
                if (set && (!best || better(*set, *best, names))) best = std::move(set);
            }
            return best;
        }
        case CondNode::any: {
            std::vector<Needle> out;
            for (const CondNode& child : node.children) {
                NeedleSet set = node_needles(child, det, names);
                if (!set) return std::nullopt;
                out.insert(out.end(), set->begin(), set->end());
            }
            return out;
        }
    }
    return std::nullopt;
}

// [SECTION] Filters

bool logsource_covers(const Logsource& filter, const Logsource& rule) {
    auto agrees = [](const std::string& f, const std::string& r) { return f.empty() || f == r; };
    return agrees(filter.category, rule.category) && agrees(filter.product, rule.product) &&
           agrees(filter.service, rule.service);
}

void shift_selections(CondNode& node, std::uint32_t by) {
    if (node.kind == CondNode::selection) node.index += by;
    for (CondNode& child : node.children) shift_selections(child, by);
}

// rule and (filter's condition), with the filter's selections appended.
void apply_filter(Detection& rule, const Detection& filter) {
    const auto offset = static_cast<std::uint32_t>(rule.selections.size());
    for (const Selection& sel : filter.selections) rule.selections.push_back(sel);
    CondNode filter_condition = filter.condition;
    shift_selections(filter_condition, offset);
    CondNode both;
    both.kind = CondNode::all;
    both.children.push_back(std::move(rule.condition));
    both.children.push_back(std::move(filter_condition));
    rule.condition = std::move(both);
}

}  // namespace

Engine::Engine(const RuleSet& rules, EngineOptions options)
    : rules_(&rules), index_(std::make_unique<EngineIndex>()) {
    EngineIndex& index = *index_;
    const CompiledRules& compiled = rules.compiled();
    index.fields = compiled.fields;
    index.logsources = options.logsources ? options.logsources : &LogsourceMap::builtin();
    index.record_matches = options.record_matches;
    const LogsourceMap& map = *index.logsources;
    index.unclassified = static_cast<std::uint32_t>(map.branch_count());
    const std::size_t buckets = map.branch_count() + 1;

    std::unordered_map<std::string, std::uint32_t> by_name;
    for (std::size_t i = 0; i < compiled.rules.size(); ++i) {
        const RuleInfo& info = compiled.rules[i].info;
        if (!info.id.empty()) by_name.emplace(info.id, static_cast<std::uint32_t>(i));
        if (!info.name.empty()) by_name.emplace(info.name, static_cast<std::uint32_t>(i));
    }

    // Correlations: resolve what they name; unresolved ones are skipped
    // (RuleSet::link() reports them).
    std::vector<ResolvedCorrelation> resolved;
    for (std::size_t i = 0; i < compiled.rules.size(); ++i) {
        const CompiledRule& rule = compiled.rules[i];
        if (!rule.correlation) continue;
        ResolvedCorrelation r;
        r.rule = static_cast<std::uint32_t>(i);
        r.def = *rule.correlation;
        bool complete = true;
        for (const std::string& ref : r.def.rules) {
            const auto found = by_name.find(ref);
            if (found == by_name.end()) {
                complete = false;
                break;
            }
            r.refs.push_back(found->second);
            r.ref_keys.push_back(ref);
            const RuleInfo& target = compiled.rules[found->second].info;
            r.ref_names.push_back({target.id, target.name});
        }
        if (complete) resolved.push_back(std::move(r));
    }
    index.stats.correlations = resolved.size();
    index.correlations = CorrelationRunner(std::move(resolved), compiled.rules.size());
    index.correlation_fields.resize(compiled.rules.size());
    index.correlation_field_ids.resize(compiled.rules.size());
    for (std::size_t i = 0; i < compiled.rules.size(); ++i) {
        if (index.correlations.empty()) break;
        index.correlation_fields[i] = index.correlations.fields(static_cast<std::uint32_t>(i));
        for (const std::string& f : index.correlation_fields[i]) index.correlation_field_ids[i].push_back(index.fields.intern(f));
    }

    // Filters, by the rules they name (all rules of their logsource when they name none).
    std::vector<std::vector<const Detection*>> filters_of(compiled.rules.size());
    for (const CompiledRule& rule : compiled.rules) {
        if (!rule.filter) continue;
        for (std::size_t i = 0; i < compiled.rules.size(); ++i) {
            const CompiledRule& target = compiled.rules[i];
            if (target.info.kind != RuleKind::detection) continue;
            if (!logsource_covers(rule.info.logsource, target.info.logsource)) continue;
            bool named = rule.filter->rules.empty();
            for (const std::string& ref : rule.filter->rules) {
                if (ref == target.info.id || (!target.info.name.empty() && ref == target.info.name)) named = true;
            }
            if (named) filters_of[i].push_back(&rule.filter->detection);
        }
    }

    // Detection rules: buckets and needles.
    std::vector<std::vector<Needle>> needles_of;
    for (std::size_t i = 0; i < compiled.rules.size(); ++i) {
        const CompiledRule& rule = compiled.rules[i];
        if (rule.info.kind != RuleKind::detection) continue;
        RuleEntry entry;
        entry.rule = static_cast<std::uint32_t>(i);
        entry.detection = &rule.detection;
        if (!filters_of[i].empty()) {
            Detection& own = index.owned.emplace_back(rule.detection);
            for (const Detection* f : filters_of[i]) apply_filter(own, *f);
            entry.detection = &own;
        }
        const LogsourceMap::Selection selection = map.select(rule.info.logsource);
        if (selection.mapped) {
            entry.buckets = selection.branches;
        } else {
            entry.buckets = {index.unclassified};
            ++index.stats.unmapped_rules;
        }
        NeedleSet needles = node_needles(entry.detection->condition, *entry.detection, index.fields);
        entry.always = !needles || !options.prefilter;
        needles_of.push_back(needles ? std::move(*needles) : std::vector<Needle>{});
        index.entries.push_back(std::move(entry));
    }
    index.stats.rules = index.entries.size();

    std::map<std::vector<std::uint32_t>, std::uint32_t> group_of;
    index.groups_of_bucket.resize(buckets);
    for (std::uint32_t e = 0; e < index.entries.size(); ++e) {
        const RuleEntry& entry = index.entries[e];
        auto [it, added] = group_of.emplace(entry.buckets, static_cast<std::uint32_t>(index.groups.size()));
        if (added) {
            EngineIndex::RuleGroup group;
            group.buckets = entry.buckets;
            group.automaton_of_field.assign(index.fields.size(), -1);
            index.groups.push_back(std::move(group));
            for (std::uint32_t b : entry.buckets) index.groups_of_bucket[b].push_back(it->second);
        }
        EngineIndex::RuleGroup& group = index.groups[it->second];
        if (entry.always) {
            ++index.stats.always_evaluated;
            group.always.push_back(e);
            continue;
        }
        for (const Needle& needle : needles_of[e]) {
            std::int32_t* slot = needle.field == kKeywordField ? &group.keyword_automaton : &group.automaton_of_field[needle.field];
            if (*slot < 0) {
                *slot = static_cast<std::int32_t>(index.automata.size());
                index.automata.emplace_back();
            }
            FieldAutomaton& fa = index.automata[static_cast<std::size_t>(*slot)];
            // A needle's last kNeedleBytes bytes are enough to prefilter on,
            // and keep the automata small enough to stay in cache.
            const std::string_view text = needle.text;
            const std::uint32_t id = fa.automaton.add(text.size() > kNeedleBytes ? text.substr(text.size() - kNeedleBytes) : text);
            if (fa.postings.size() <= id) fa.postings.resize(id + 1);
            std::vector<std::uint32_t>& posting = fa.postings[id];
            if (posting.empty() || posting.back() != e) posting.push_back(e);
        }
    }
    for (FieldAutomaton& fa : index.automata) {
        fa.first_needle = index.needles;
        index.needles += static_cast<std::uint32_t>(fa.postings.size());
        index.stats.literals += fa.postings.size();
        fa.automaton.build();
        ++index.stats.automata;
        index.stats.automaton_states += fa.automaton.states();
        index.stats.automaton_bytes += fa.automaton.bytes_used();
    }

    // Field names as events carry them, and per-branch aliases.
    for (std::uint32_t id = 0; id < index.fields.size(); ++id) index.lookup.insert(index.fields.name(id), id);
    index.aliases.resize(map.branch_count());
    index.aliased.resize(map.branch_count());
    for (std::uint32_t b = 0; b < map.branch_count(); ++b) {
        for (const FieldAlias& alias : map.branch(b).aliases) {
            if (const auto id = index.fields.find(alias.rule_field)) {
                index.aliases[b].insert(alias.event_field, *id);
                index.aliased[b].push_back(*id);
            }
        }
    }
    // Automata indexed by field ids interned after the tables were sized.
    for (EngineIndex::RuleGroup& group : index.groups) group.automaton_of_field.resize(index.fields.size(), -1);
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

std::string matched_text(const Hit& hit) {
    std::string out;
    for (const MatchedValue& m : hit.matched) {
        if (!out.empty()) out += "  ";
        out += m.field + "=" + m.value;
    }
    return out;
}

const EngineStats& Engine::stats() const { return index_->stats; }

const std::vector<std::string>& Engine::correlation_fields(std::uint32_t rule) const {
    return index_->correlation_fields[rule];
}

bool Engine::reported(std::uint32_t rule) const {
    return index_->correlations.empty() || index_->correlations.generated(rule);
}

std::vector<CorrelationHit> Engine::correlate(std::span<const Hit> hits) const {
    if (index_->correlations.empty()) return {};
    return index_->correlations.run(hits);
}

}  // namespace trinity::sigma
