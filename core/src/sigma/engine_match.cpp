// Matching one event: classify it, bind its fields to rule field ids, run
// the prefilter automata over the values, evaluate the candidate rules.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "decimal_text.h"
#include "engine_index.h"

namespace trinity::sigma {

using namespace detail;

namespace {
constexpr std::uint32_t kNone = 0xffffffffu;
}

struct Matcher::Scratch {
    const event::Event* event = nullptr;
    std::uint32_t gen = 0;
    std::vector<std::uint32_t> field_stamp, field_head;  // by field id
    std::vector<std::uint32_t> shadow_stamp;  // by field id: renamed by a branch alias
    struct Node {
        std::uint32_t event_field;
        std::uint32_t next;
    };
    std::vector<Node> nodes;
    std::vector<std::string> folded;  // by event field index
    std::vector<std::uint32_t> folded_stamp;
    std::vector<std::uint32_t> group_stamp;
    std::vector<std::uint32_t> groups;  // active this event
    std::vector<std::uint32_t> entry_stamp;
    std::vector<std::uint32_t> needle_stamp;  // reused per automaton
    std::vector<std::uint32_t> candidates;
    std::vector<std::uint32_t> branches;
    std::vector<std::uint32_t> bound;  // field ids bound for this event, in binding order

    void bind(std::uint32_t field, std::uint32_t event_field) {
        if (field_stamp[field] != gen) {
            field_stamp[field] = gen;
            field_head[field] = kNone;
            bound.push_back(field);
        }
        // Keep event order: append at the end of the field's list.
        const auto node = static_cast<std::uint32_t>(nodes.size());
        nodes.push_back({event_field, kNone});
        if (field_head[field] == kNone) {
            field_head[field] = node;
            return;
        }
        std::uint32_t at = field_head[field];
        while (nodes[at].next != kNone) {
            if (nodes[at].event_field == event_field) {
                nodes.pop_back();
                return;
            }
            at = nodes[at].next;
        }
        if (nodes[at].event_field == event_field) {
            nodes.pop_back();
            return;
        }
        nodes[at].next = node;
    }

    std::uint32_t first(std::uint32_t field) const {
        if (field >= field_stamp.size() || field_stamp[field] != gen) return kNone;
        return field_head[field];
    }

    const std::string& folded_value(std::uint32_t event_field) {
        if (folded_stamp[event_field] != gen) {
            folded_stamp[event_field] = gen;
            std::string& f = folded[event_field];
            f = event->fields[event_field].value;
            fold_ascii(f);
        }
        return folded[event_field];
    }
};

namespace {

std::optional<double> number_of(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        std::uint64_t v = 0;
        auto [ptr, ec] = std::from_chars(text.data() + 2, text.data() + text.size(), v, 16);
        if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
        return static_cast<double>(v);
    }
    return parse_decimal(text);
}

bool compare(double a, NumOp op, double b) {
    switch (op) {
        case NumOp::lt: return a < b;
        case NumOp::lte: return a <= b;
        case NumOp::gt: return a > b;
        case NumOp::gte: return a >= b;
        case NumOp::eq: return a == b;
    }
    return false;
}

// ISO 8601 week number (1..53) of a civil date.
int iso_week(std::int64_t days) {
    // 1970-01-01 was a Thursday; ISO weekday 1 = Monday.
    const int weekday = static_cast<int>(((days % 7) + 7 + 3) % 7) + 1;
    const std::int64_t thursday = days - weekday + 4;  // the Thursday of this ISO week
    const event::CivilDate c = event::civil_from_days(thursday);
    const std::int64_t jan1 = event::days_from_civil(c.year, 1, 1);
    return static_cast<int>((thursday - jan1) / 7 + 1);
}

std::optional<double> time_part(std::string_view value, TimePart part) {
    const auto us = event::parse_time(value);
    if (!us) return std::nullopt;
    const std::int64_t seconds = (*us >= 0 ? *us : *us - 999999) / 1000000;
    const std::int64_t days = (seconds >= 0 ? seconds : seconds - 86399) / 86400;
    const std::int64_t in_day = seconds - days * 86400;
    const event::CivilDate c = event::civil_from_days(days);
    switch (part) {
        case TimePart::minute: return static_cast<double>((in_day / 60) % 60);
        case TimePart::hour: return static_cast<double>(in_day / 3600);
        case TimePart::day: return static_cast<double>(c.day);
        case TimePart::week: return static_cast<double>(iso_week(days));
        case TimePart::month: return static_cast<double>(c.month);
        case TimePart::year: return static_cast<double>(c.year);
        case TimePart::none: break;
    }
    return std::nullopt;
}

bool in_cidr(std::string_view value, const intel::detail::Cidr& cidr) {
    const auto ip = intel::detail::parse_ip(value, cidr.network.v6);
    if (!ip) return false;
    const int full = cidr.prefix / 8, rest = cidr.prefix % 8;
    for (int i = 0; i < full; ++i) {
        if (ip->bytes[i] != cidr.network.bytes[i]) return false;
    }
    if (rest == 0) return true;
    const auto mask = static_cast<std::uint8_t>(0xFF << (8 - rest));
    return (ip->bytes[full] & mask) == (cidr.network.bytes[full] & mask);
}

class Evaluator {
public:
    Evaluator(const EngineIndex& index, Matcher::Scratch& s, const event::Event& event)
        : index_(index), s_(s), event_(event) {}

    bool node(const CondNode& n, const Detection& det) {
        switch (n.kind) {
            case CondNode::selection: return selection(det.selections[n.index]);
            case CondNode::negate: return !node(n.children.front(), det);
            case CondNode::all:
                for (const CondNode& c : n.children) {
                    if (!node(c, det)) return false;
                }
                return true;
            case CondNode::any:
                for (const CondNode& c : n.children) {
                    if (node(c, det)) return true;
                }
                return false;
        }
        return false;
    }

    // The values that made the positive parts of the condition true.
    void explain(const CondNode& n, const Detection& det, bool positive, std::vector<MatchedValue>& out) {
        switch (n.kind) {
            case CondNode::selection:
                if (positive) explain_selection(det.selections[n.index], out);
                return;
            case CondNode::negate: return;
            case CondNode::all:
            case CondNode::any:
                for (const CondNode& c : n.children) {
                    if (node(c, det)) explain(c, det, positive, out);
                }
                return;
        }
    }

private:
    bool selection(const Selection& sel) {
        for (const auto& alternative : sel.alternatives) {
            if (alternative_holds(alternative)) return true;
        }
        return false;
    }

    bool alternative_holds(const std::vector<FieldTest>& alternative) {
        for (const FieldTest& test : alternative) {
            if (!field_test(test, nullptr)) return false;
        }
        return true;
    }

    void explain_selection(const Selection& sel, std::vector<MatchedValue>& out) {
        for (const auto& alternative : sel.alternatives) {
            if (!alternative_holds(alternative)) continue;
            for (const FieldTest& test : alternative) field_test(test, &out);
            return;
        }
    }

    bool field_test(const FieldTest& test, std::vector<MatchedValue>* record) {
        if (test.all) {
            for (const ValueTest& v : test.values) {
                if (!value_test(test.field, v, record)) return false;
            }
            return true;
        }
        for (const ValueTest& v : test.values) {
            if (value_test(test.field, v, record)) return true;
        }
        return false;
    }

    void note(std::vector<MatchedValue>* record, std::uint32_t field, std::uint32_t event_field) {
        if (!record) return;
        const event::Field& f = event_.fields[event_field];
        std::string name = field == kKeywordField ? f.name : index_.fields.name(field);
        for (const MatchedValue& m : *record) {
            if (m.field == name && m.value == f.value) return;
        }
        record->push_back({std::move(name), f.value});
    }

    bool value_test(std::uint32_t field, const ValueTest& v, std::vector<MatchedValue>* record) {
        if (field == kKeywordField) {
            for (std::uint32_t i = 0; i < event_.fields.size(); ++i) {
                if (one_value(v, i)) {
                    note(record, field, i);
                    return true;
                }
            }
            return false;
        }
        const std::uint32_t head = s_.first(field);
        switch (v.op) {
            case ValueOp::exists: return (head != kNone) == (v.number != 0);
            case ValueOp::null: {
                bool is_null = head == kNone;
                for (std::uint32_t n = head; n != kNone; n = s_.nodes[n].next) {
                    if (event_.fields[s_.nodes[n].event_field].type == event::FieldType::null) is_null = true;
                }
                return is_null != v.negate;
            }
            default: break;
        }
        bool any = false;
        for (std::uint32_t n = head; n != kNone; n = s_.nodes[n].next) {
            const std::uint32_t ef = s_.nodes[n].event_field;
            if (one_value(v, ef)) {
                any = true;
                if (!v.negate) {
                    note(record, field, ef);
                    return true;
                }
            }
        }
        // neq: true when no value equals (an absent field differs too).
        return v.negate ? !any : false;
    }

    // Whether value test `v` (ignoring neq) holds for one event value.
    bool one_value(const ValueTest& v, std::uint32_t event_field) {
        const std::string& raw = event_.fields[event_field].value;
        switch (v.op) {
            case ValueOp::pattern:  // a null value is no string, not even ''
                return event_.fields[event_field].type != event::FieldType::null &&
                       v.pattern.matches(v.cased ? raw : s_.folded_value(event_field));
            case ValueOp::regex: return RE2::PartialMatch(raw, *v.regex);
            case ValueOp::compare: {
                const auto number = v.time_part == TimePart::none ? number_of(raw) : time_part(raw, v.time_part);
                return number && compare(*number, v.num_op, v.number);
            }
            case ValueOp::cidr: return in_cidr(raw, v.cidr);
            case ValueOp::fieldref: {
                const std::uint32_t other = s_.first(v.ref_field);
                if (other == kNone) return false;
                const std::uint32_t of = s_.nodes[other].event_field;
                const std::string_view want = v.cased ? std::string_view(event_.fields[of].value) : s_.folded_value(of);
                const std::string_view have = v.cased ? std::string_view(raw) : s_.folded_value(event_field);
                switch (v.pattern.shape()) {
                    case Pattern::prefix: return have.starts_with(want);
                    case Pattern::suffix: return have.ends_with(want);
                    case Pattern::contains: return have.find(want) != std::string_view::npos;
                    default: return have == want;
                }
            }
            case ValueOp::exists:
            case ValueOp::null: return false;
        }
        return false;
    }

    const EngineIndex& index_;
    Matcher::Scratch& s_;
    const event::Event& event_;
};

}  // namespace

Matcher::Matcher(const Engine& engine) : engine_(&engine), scratch_(std::make_unique<Scratch>()) {
    const EngineIndex& index = engine.index();
    scratch_->field_stamp.assign(index.fields.size(), 0);
    scratch_->field_head.assign(index.fields.size(), kNone);
    scratch_->shadow_stamp.assign(index.fields.size(), 0);
    scratch_->group_stamp.assign(index.groups.size(), 0);
    scratch_->entry_stamp.assign(index.entries.size(), 0);
    scratch_->needle_stamp.assign(index.needles, 0);
}

Matcher::~Matcher() = default;

void Matcher::match(const event::Event& event, std::vector<Hit>& hits) {
    const EngineIndex& index = engine_->index();
    Scratch& s = *scratch_;
    if (++s.gen == 0) {  // wrapped: clear every stamp
        std::fill(s.field_stamp.begin(), s.field_stamp.end(), 0);
        std::fill(s.shadow_stamp.begin(), s.shadow_stamp.end(), 0);
        std::fill(s.group_stamp.begin(), s.group_stamp.end(), 0);
        std::fill(s.entry_stamp.begin(), s.entry_stamp.end(), 0);
        std::fill(s.folded_stamp.begin(), s.folded_stamp.end(), 0);
        std::fill(s.needle_stamp.begin(), s.needle_stamp.end(), 0);
        s.gen = 1;
    }
    s.event = &event;
    s.nodes.clear();
    s.candidates.clear();
    s.bound.clear();
    if (s.folded.size() < event.fields.size()) {
        s.folded.resize(event.fields.size());
        s.folded_stamp.resize(event.fields.size(), 0);
    }

    // Logsource buckets, and the rule groups they make active.
    s.branches.clear();
    s.groups.clear();
    index.logsources->classify(event, s.branches);
    auto activate = [&](std::uint32_t bucket) {
        for (std::uint32_t g : index.groups_of_bucket[bucket]) {
            if (s.group_stamp[g] == s.gen) continue;
            s.group_stamp[g] = s.gen;
            s.groups.push_back(g);
        }
    };
    if (s.branches.empty()) {
        activate(index.unclassified);
    } else {
        for (std::uint32_t b : s.branches) activate(b);
    }

    // Fields: by name (unless a branch renames the rule's field), then by
    // the aliases of the event's branches.
    for (std::uint32_t b : s.branches) {
        for (std::uint32_t id : index.aliased[b]) s.shadow_stamp[id] = s.gen;
    }
    for (std::uint32_t i = 0; i < event.fields.size(); ++i) {
        const std::string& name = event.fields[i].name;
        if (const std::uint32_t id = index.lookup.find(name); id != FieldTable::kNone && s.shadow_stamp[id] != s.gen) s.bind(id, i);
        for (std::uint32_t b : s.branches) {
            const FieldTable& aliases = index.aliases[b];
            if (aliases.empty()) continue;
            if (const std::uint32_t id = aliases.find(name); id != FieldTable::kNone) s.bind(id, i);
        }
    }

    auto consider = [&](std::uint32_t entry) {
        if (s.entry_stamp[entry] == s.gen) return;
        s.entry_stamp[entry] = s.gen;
        s.candidates.push_back(entry);
    };

    // Prefilter: each active group's automata over the fields the event has.
    auto run_automaton = [&](const FieldAutomaton& fa, std::string_view value) {
        fa.automaton.scan(value, [&](std::uint32_t needle) {
            std::uint32_t& seen = s.needle_stamp[fa.first_needle + needle];
            if (seen == s.gen) return;
            seen = s.gen;
            for (std::uint32_t entry : fa.postings[needle]) consider(entry);
        });
    };
    for (const std::uint32_t g : s.groups) {
        const EngineIndex::RuleGroup& group = index.groups[g];
        for (const std::uint32_t field : s.bound) {
            const std::int32_t a = group.automaton_of_field[field];
            if (a < 0) continue;
            for (std::uint32_t n = s.first(field); n != kNone; n = s.nodes[n].next) {
                run_automaton(index.automata[static_cast<std::size_t>(a)], event.fields[s.nodes[n].event_field].value);
            }
        }
        if (group.keyword_automaton >= 0) {
            const FieldAutomaton& fa = index.automata[static_cast<std::size_t>(group.keyword_automaton)];
            for (const event::Field& f : event.fields) run_automaton(fa, f.value);
        }
        for (std::uint32_t entry : group.always) consider(entry);
    }

    std::sort(s.candidates.begin(), s.candidates.end());
    Evaluator eval(index, s, event);
    for (std::uint32_t e : s.candidates) {
        const RuleEntry& entry = index.entries[e];
        ++evaluated_;
        if (!eval.node(entry.detection->condition, *entry.detection)) continue;
        Hit hit;
        hit.rule = entry.rule;
        hit.time_us = event.time_us;
        hit.provenance = event.provenance;
        if (index.record_matches) eval.explain(entry.detection->condition, *entry.detection, true, hit.matched);
        const auto& key_fields = index.correlation_field_ids[entry.rule];
        if (!key_fields.empty()) {
            hit.keys.resize(key_fields.size());
            hit.has_key.assign(key_fields.size(), false);
            for (std::size_t k = 0; k < key_fields.size(); ++k) {
                const std::uint32_t n = s.first(key_fields[k]);
                if (n == kNone) continue;
                hit.keys[k] = event.fields[s.nodes[n].event_field].value;
                hit.has_key[k] = true;
            }
        }
        hits.push_back(std::move(hit));
    }
}

}  // namespace trinity::sigma
