#include "logsource_index.h"

#include <algorithm>
#include <map>

namespace trinity::sigma::detail {
namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A branch on its way down the tree: the tests not yet taken.
struct Pending {
    std::uint32_t branch = 0;
    std::vector<LogsourceMap::Test> tests;
};

// The field most pending branches test; Event::source ("") first on ties,
// since it splits the branches by parser before any field is looked up.
std::string_view pick_field(const std::vector<Pending>& items) {
    std::map<std::string_view, std::size_t> counts;
    for (const Pending& p : items) {
        for (const auto& t : p.tests) ++counts[t.field];
    }
    std::string_view best;
    std::size_t best_count = 0;
    for (const auto& [field, count] : counts) {
        if (count > best_count) {
            best = field;
            best_count = count;
        }
    }
    return best;
}

std::int32_t build_node(LogsourceIndex& index, std::vector<Pending> items) {
    const auto id = static_cast<std::int32_t>(index.nodes.size());
    index.nodes.emplace_back();
    std::vector<Pending> rest;
    std::vector<Pending> present;
    std::map<std::string, std::vector<Pending>> by_value;
    bool any_test = false;
    for (const Pending& p : items) any_test = any_test || !p.tests.empty();
    const std::string field = any_test ? std::string(pick_field(items)) : std::string();
    for (Pending& p : items) {
        if (p.tests.empty()) {
            index.nodes[static_cast<std::size_t>(id)].leaves.push_back(p.branch);
            continue;
        }
        auto it = std::find_if(p.tests.begin(), p.tests.end(), [&](const auto& t) { return t.field == field; });
        if (it == p.tests.end()) {
            rest.push_back(std::move(p));
            continue;
        }
        const std::vector<std::string> values = std::move(it->values);
        p.tests.erase(it);
        if (values.empty()) {
            present.push_back(std::move(p));
            continue;
        }
        for (const std::string& v : values) by_value[ascii_lower(v)].push_back(p);
    }
    if (!any_test) return id;
    {
        LogsourceNode& node = index.nodes[static_cast<std::size_t>(id)];
        node.field = field;
        node.tests_source = field.empty();
    }
    // Children are built after the node is complete: building appends to
    // index.nodes, so no reference into it is held across the calls.
    std::vector<std::pair<std::string, std::uint32_t>> children;
    for (auto& [value, group] : by_value) {
        const std::int32_t child = build_node(index, std::move(group));
        children.emplace_back(value, static_cast<std::uint32_t>(child));
    }
    const std::int32_t present_node = present.empty() ? -1 : build_node(index, std::move(present));
    const std::int32_t rest_node = rest.empty() ? -1 : build_node(index, std::move(rest));
    LogsourceNode& node = index.nodes[static_cast<std::size_t>(id)];
    for (const auto& [value, child] : children) node.longest_value = std::max(node.longest_value, value.size());
    node.children = std::move(children);  // std::map iterated in order: sorted
    node.present = present_node;
    node.rest = rest_node;
    return id;
}

// Each tested field is looked up in the event once per walk: an absent
// field costs a scan of every field, and several nodes test the same one.
struct FieldCache {
    static constexpr std::size_t kSlots = 64;
    const std::string* values[kSlots];
    std::uint64_t looked = 0;

    const std::string* get(const LogsourceNode& node, const event::Event& event) {
        if (node.tests_source) return &event.source;
        if (node.slot >= kSlots) return event.value(node.field);
        const std::uint64_t bit = std::uint64_t{1} << node.slot;
        if (!(looked & bit)) {
            values[node.slot] = event.value(node.field);
            looked |= bit;
        }
        return values[node.slot];
    }
};

void walk(const LogsourceIndex& index, std::int32_t id, const event::Event& event, std::vector<std::uint32_t>& out,
          FieldCache& cache) {
    const LogsourceNode& node = index.nodes[static_cast<std::size_t>(id)];
    out.insert(out.end(), node.leaves.begin(), node.leaves.end());
    if (!node.children.empty() || node.present >= 0) {
        if (const std::string* value = cache.get(node, event)) {
            if (node.present >= 0) walk(index, node.present, event, out, cache);
            if (!node.children.empty() && value->size() <= node.longest_value) {
                char buffer[256];
                std::string folded;
                std::string_view key;
                if (value->size() <= sizeof buffer) {
                    for (std::size_t i = 0; i < value->size(); ++i) buffer[i] = fold((*value)[i]);
                    key = std::string_view(buffer, value->size());
                } else {
                    folded = ascii_lower(*value);
                    key = folded;
                }
                auto it = std::lower_bound(node.children.begin(), node.children.end(), key,
                                           [](const auto& child, std::string_view k) { return child.first < k; });
                if (it != node.children.end() && it->first == key) walk(index, static_cast<std::int32_t>(it->second), event, out, cache);
            }
        }
    }
    if (node.rest >= 0) walk(index, node.rest, event, out, cache);
}

}  // namespace

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = fold(c);
    return out;
}

bool ascii_iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (fold(a[i]) != fold(b[i])) return false;
    }
    return true;
}

bool branch_matches(const LogsourceMap::BranchData& branch, const event::Event& event) {
    for (const auto& test : branch.tests) {
        const std::string* value = test.field.empty() ? &event.source : event.value(test.field);
        if (!value) return false;
        if (test.values.empty()) continue;
        if (std::none_of(test.values.begin(), test.values.end(),
                         [&](const std::string& v) { return ascii_iequal(v, *value); })) {
            return false;
        }
    }
    return true;
}

LogsourceIndex LogsourceIndex::build(const std::vector<LogsourceMap::BranchData>& branches) {
    LogsourceIndex index;
    std::vector<Pending> items;
    items.reserve(branches.size());
    for (std::uint32_t i = 0; i < branches.size(); ++i) items.push_back(Pending{i, branches[i].tests});
    if (!items.empty()) build_node(index, std::move(items));
    for (LogsourceNode& node : index.nodes) {
        if (node.tests_source) continue;
        const auto found = std::find(index.fields.begin(), index.fields.end(), node.field);
        node.slot = static_cast<std::uint32_t>(found - index.fields.begin());
        if (found == index.fields.end()) index.fields.push_back(node.field);
    }
    return index;
}

void LogsourceIndex::classify(const event::Event& event, std::vector<std::uint32_t>& out) const {
    if (nodes.empty()) return;
    FieldCache cache;
    walk(*this, 0, event, out, cache);
}

}  // namespace trinity::sigma::detail
